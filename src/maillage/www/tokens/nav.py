"""Links of tokens in the navigation menu, by the user's roles."""

from django.urls import reverse
from django.utils.translation import gettext as _


def links(roles: frozenset[str]) -> list[tuple[str, str]]:
    """Everyone with a role may make API tokens for their own scripts."""
    if not roles:
        return []
    return [(reverse("tokens:list"), _("API tokens"))]
