"""Reads of payroll exports and statements for the pages: an object, or None when not visible."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet

from maillage.people.access import Viewer
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
