"""Links of audit in the navigation menu, by the user's roles."""

from django.urls import reverse
from django.utils.translation import gettext as _


def links(roles: frozenset[str]) -> list[tuple[str, str]]:
    """The audit log, for coordinators and admins."""
    if "coordinator" in roles or "admin" in roles:
        return [(reverse("audit:log"), _("Audit log"))]
    return []
