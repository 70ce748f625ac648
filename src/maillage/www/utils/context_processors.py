"""Template context shared by every page."""

from functools import cache

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict:
    """The roles of the signed-in user, for the navigation menu."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_roles": frozenset(), "unread_notifications": 0, "nav_links": []}
    from maillage.notifications.services import unread_count
    from maillage.people.roles import roles_of

    # Called by the template only when the header shows it (one count), at most once.
    roles = roles_of(user)
    return {
        "nav_roles": roles,
        "unread_notifications": cache(lambda: unread_count(user)),
        "nav_links": _timesheet_links(roles)
        + _absence_links(roles)
        + _invoice_links(roles)
        + _wages_links(roles)
        + _feature_links(roles),
    }


# Features that declare their own menu links in www/<feature>/nav.py, in menu order.
_NAV_FEATURES = (
    "training",
    "credentials",
    "tierslieux",
    "directory",
    "engagement",
    "economics",
    "governance",
    "observatory",
    "audit",
    "accounts",
)


def _feature_links(roles: frozenset[str]) -> list[tuple[str, str]]:
    """The links each feature's nav.py gives for these roles."""
    from importlib import import_module

    links: list[tuple[str, str]] = []
    for feature in _NAV_FEATURES:
        links += import_module(f"maillage.www.{feature}.nav").links(roles)
    return links


def _timesheet_links(roles: frozenset[str]) -> list[tuple[str, str]]:
    """The timesheet pages of the user's roles: (URL, label)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    links = []
    if "worker" in roles:
        links.append((reverse("timesheets:mine"), _("My timesheets")))
    if "buyer_member" in roles or "group_manager" in roles:
        links.append((reverse("timesheets:to_validate"), _("Timesheets to validate")))
    if "coordinator" in roles or "admin" in roles:
        links.append((reverse("timesheets:disputes"), _("Disputed timesheets")))
    return links


def _absence_links(roles: frozenset[str]) -> list[tuple[str, str]]:
    """Absences: a worker's own, a coordinator's territory's (replacements from there)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    if roles & {"worker", "coordinator", "admin"}:
        return [(reverse("absences:index"), _("Absences"))]
    return []


def _invoice_links(roles: frozenset[str]) -> list[tuple[str, str]]:
    """Invoicing: the coordinator's month of invoices, the buyer's own invoices."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    links = []
    if roles & {"coordinator", "admin"}:
        links.append((reverse("invoicing:month"), _("Invoicing")))
    if roles & {"buyer_member", "group_manager"}:
        links.append((reverse("invoicing:mine"), _("My invoices")))
    return links


def _wages_links(roles: frozenset[str]) -> list[tuple[str, str]]:
    """Wages: payroll exports and the money dashboard; employer groups' statements."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    if roles & {"coordinator", "admin", "union_rep"}:
        return [
            (reverse("wages:home"), _("Payroll")),
            (reverse("wages:dashboard"), _("Money dashboard")),
        ]
    if roles & {"buyer_member", "group_manager"}:
        return [(reverse("wages:home"), _("Employer group statements"))]
    return []
