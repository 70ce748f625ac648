"""Links of engagement in the navigation menu, by the user's roles."""

from django.urls import reverse
from django.utils.translation import gettext as _


def links(roles: frozenset[str]) -> list[tuple[str, str]]:
    """Sponsorship and volunteering for coordinators, union representatives and admins."""
    if roles & {"coordinator", "union_rep", "admin"}:
        return [(reverse("engagement:home"), _("Sponsorship and volunteering"))]
    return []
