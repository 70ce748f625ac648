"""Reads of payroll exports and statements for the pages: an object, or None when not visible."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet

from maillage.people.access import Viewer
from maillage.people.models import BuyerGroup
from maillage.territory.models import Territory
from maillage.wages.access import (
    employments_visible_to,
    exports_visible_to,
    statements_visible_to,
    summaries_visible_to,
)
from maillage.wages.models import (
    GroupEmployment,
    GroupStatement,
    GroupStatementLine,
    PayrollExport,
    PayrollLine,
)


def export_list(user: Viewer) -> QuerySet[PayrollExport]:
    """Exports whose totals the user may read, newest month and version first."""
    return (
        summaries_visible_to(user)
        .select_related("territory")
        .order_by("-month", "territory__name", "-number")
    )


def visible_summary(user: Viewer, pk: int) -> PayrollExport | None:
    """An export whose totals the user may read."""
    return (
        summaries_visible_to(user).select_related("territory", "created_by").filter(pk=pk).first()
    )


def visible_export(user: Viewer, pk: int) -> PayrollExport | None:
    """An export the user may read line by line (and download)."""
    return exports_visible_to(user).select_related("territory").filter(pk=pk).first()


def export_lines(export: PayrollExport) -> QuerySet[PayrollLine]:
    """The export's lines, by name."""
    return export.lines.order_by("last_name", "first_name", "pk")


def statement_list(user: Viewer) -> QuerySet[GroupStatement]:
    return (
        statements_visible_to(user)
        .select_related("export__territory", "group", "member")
        .order_by("-export__month", "-export__number", "group__name", "member__name", "pk")
    )


def visible_statement(user: Viewer, pk: int) -> GroupStatement | None:
    return (
        statements_visible_to(user)
        .select_related("export__territory", "group", "member")
        .prefetch_related(
            Prefetch("lines", queryset=GroupStatementLine.objects.order_by("worker_name", "pk"))
        )
        .filter(pk=pk)
        .first()
    )


def latest_export(territory: Territory, month: dt.date) -> PayrollExport | None:
    """The current (latest) version of the territory's payroll for the month."""
    return (
        PayrollExport.objects.filter(territory=territory, month=month.replace(day=1))
        .order_by("-number")
        .first()
    )


def latest_exports(territory: Territory) -> list[PayrollExport]:
    """The current version of each month's export of the territory, oldest month first."""
    latest: dict[dt.date, PayrollExport] = {}
    for export in PayrollExport.objects.filter(territory=territory).order_by("month", "number"):
        latest[export.month] = export
    return list(latest.values())


def employment_list(user: Viewer) -> QuerySet[GroupEmployment]:
    """Group employments the user coordinates, the latest first."""
    return (
        employments_visible_to(user)
        .select_related("group", "worker__user")
        .order_by("-first_month", "group__name", "pk")
    )


def visible_employment(user: Viewer, pk: int) -> GroupEmployment | None:
    return (
        employments_visible_to(user).select_related("group", "worker__user").filter(pk=pk).first()
    )


def employments_in_month(territory_id: int, month: dt.date) -> QuerySet[GroupEmployment]:
    """The territory's employer groups' employments that include the month of ``month``."""
    first = month.replace(day=1)
    return GroupEmployment.objects.filter(
        group__territory_id=territory_id,
        group__kind=BuyerGroup.Kind.EMPLOYER,
        first_month__lte=first,
    ).filter(Q(last_month__isnull=True) | Q(last_month__gte=first))


def paid_through_group_statements(territory_id: int, month: dt.date) -> set[tuple[int, int]]:
    """(worker id, organisation id) pairs whose month of work an employer group's statement
    bills: the worker is employed by the group that month and the organisation is one of its
    members. The cooperative does not invoice those hours as well (``maillage.invoicing``)."""
    workers_of: dict[int, set[int]] = {}
    for group_id, worker_id in employments_in_month(territory_id, month).values_list(
        "group_id", "worker_id"
    ):
        workers_of.setdefault(group_id, set()).add(worker_id)
    if not workers_of:
        return set()
    members = BuyerGroup.members.through.objects.filter(buyergroup_id__in=workers_of).values_list(
        "buyergroup_id", "organisation_id"
    )
    return {
        (worker_id, member_id)
        for group_id, member_id in members
        for worker_id in workers_of[group_id]
    }


def latest_version_number(*, territory: Territory, month: dt.date) -> int | None:
    """The number of the territory's latest payroll version for the month, if any."""
    latest = (
        PayrollExport.objects.filter(territory=territory, month=month.replace(day=1))
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return latest
