"""Links of training in the navigation menu, by the user's roles."""

from django.urls import reverse
from django.utils.translation import gettext as _


def links(roles: frozenset[str]) -> list[tuple[str, str]]:
    """(URL, label) pairs for this user's roles."""
    if roles & {"coordinator", "trainer"}:
        return [(reverse("training:home"), _("Training"))]
    return []
