"""Links of credentials in the navigation menu, by the user's roles."""

from django.urls import reverse
from django.utils.translation import gettext as _


def links(roles: frozenset[str]) -> list[tuple[str, str]]:
    """(URL, label) pairs for this user's roles."""
    found = []
    if "worker" in roles:
        found.append((reverse("credentials:mine"), _("My skills and badges")))
    if "buyer_member" in roles:
        found.append((reverse("credentials:evaluations"), _("Evaluate the work")))
    if roles & {"trainer", "coordinator"}:
        found.append((reverse("credentials:certify_home"), _("Certify skills")))
    return found
