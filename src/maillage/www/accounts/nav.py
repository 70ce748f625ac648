"""Links of accounts in the navigation menu, by the user's roles."""

from django.urls import reverse
from django.utils.translation import gettext as _


def links(roles: frozenset[str]) -> list[tuple[str, str]]:
    """Everybody signed in has an account page."""
    return [(reverse("accounts:home"), _("My account"))]
