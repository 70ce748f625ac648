"""Links of directory in the navigation menu, by the user's roles."""

from django.urls import reverse
from django.utils.translation import gettext as _


def links(roles: frozenset[str]) -> list[tuple[str, str]]:
    """The territory's directory for coordinators, union reps, trainers, tiers-lieu managers."""
    if roles & {"coordinator", "union_rep", "trainer", "third_place_manager", "admin"}:
        return [(reverse("directory:home"), _("Directory of the territory"))]
    return []
