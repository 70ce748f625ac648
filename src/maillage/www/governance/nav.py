"""Links of governance in the navigation menu, by the user's roles."""

from django.urls import reverse
from django.utils.translation import gettext as _


def links(roles: frozenset[str]) -> list[tuple[str, str]]:
    """The steering for everyone signed in (members see their territory's proposals)."""
    return [(reverse("governance:index"), _("Steering"))]
