"""Links of tierslieux in the navigation menu, by the user's roles."""

from django.urls import reverse
from django.utils.translation import gettext as _


def links(roles: frozenset[str]) -> list[tuple[str, str]]:
    """(URL, label) pairs for this user's roles."""
    found = []
    if "third_place_manager" in roles:
        found.append((reverse("tierslieux:home"), _("My tiers-lieu")))
    if "worker" in roles:
        found.append((reverse("tierslieux:remote_base"), _("My remote-work base")))
    return found
