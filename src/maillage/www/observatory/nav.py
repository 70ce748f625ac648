"""Links of observatory in the navigation menu, by the user's roles."""

from django.urls import reverse
from django.utils.translation import gettext as _


def links(roles: frozenset[str]) -> list[tuple[str, str]]:
    """The public observatory, for everyone."""
    return [(reverse("observatory:index"), _("Observatory"))]
