"""Reads of timesheets: the pages' lists and details, and the validated minutes that invoicing
and payroll read (from the current version of validated timesheets only)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet, Sum

from maillage.execution.dates import month_last_day
from maillage.people.access import Viewer
from maillage.people.models import WorkerProfile
from maillage.timesheets.access import (
    buyer_timesheets,
    own_timesheets,
    territory_timesheets,
    timesheets_visible_to,
)
from maillage.timesheets.models import (
    Timesheet,
    TimesheetLine,
    TimesheetState,
    TimesheetTransition,
    TimesheetVersion,
)
from maillage.timesheets.services import declarable_occurrences


def _validated_lines() -> QuerySet[TimesheetLine]:
    return TimesheetLine.objects.filter(
        version__superseded_at__isnull=True,
        version__timesheet__state=TimesheetState.VALIDATED,
    )


def validated_minutes_by_worker_organisation(
    month: dt.date, *, territory_id: int | None = None
) -> dict[tuple[int, int], int]:
    """Minutes worked in the month (of `month`), per (worker id, organisation id)."""
    first = month.replace(day=1)
    lines = _validated_lines().filter(
        occurrence__date__gte=first, occurrence__date__lte=month_last_day(first)
    )
    if territory_id is not None:
        lines = lines.filter(version__timesheet__organisation__territory_id=territory_id)
    rows = lines.values("version__timesheet__worker_id", "version__timesheet__organisation_id")
    return {
        (row["version__timesheet__worker_id"], row["version__timesheet__organisation_id"]): row[
            "total"
        ]
        for row in rows.annotate(total=Sum("minutes")).order_by()
    }


def validated_minutes_by_mission(
    mission_ids: Iterable[int], *, first: dt.date | None = None, last: dt.date | None = None
) -> dict[int, int]:
    """Minutes worked per mission (optionally between two dates, inclusive)."""
    lines = _validated_lines().filter(occurrence__mission_id__in=list(mission_ids))
    if first is not None:
        lines = lines.filter(occurrence__date__gte=first)
    if last is not None:
        lines = lines.filter(occurrence__date__lte=last)
    rows = lines.values("occurrence__mission_id").annotate(total=Sum("minutes")).order_by()
    return {row["occurrence__mission_id"]: row["total"] for row in rows}


def _listed(queryset: QuerySet[Timesheet]) -> QuerySet[Timesheet]:
    return queryset.select_related("worker__user", "organisation").prefetch_related(
        Prefetch(
            "versions",
            queryset=TimesheetVersion.objects.filter(superseded_at__isnull=True),
            to_attr="current_versions",
        )
    )


def worker_timesheets(user: Viewer) -> QuerySet[Timesheet]:
    return _listed(own_timesheets(user)).order_by("-week", "organisation__name", "pk")


def timesheets_to_validate(user: Viewer, *, state: str = "") -> QuerySet[Timesheet]:
    """The buyer's timesheets (declared ones first), of their organisations only."""
    rows = buyer_timesheets(user).exclude(state=TimesheetState.TO_DECLARE)
    if state:
        rows = rows.filter(state=state)
    return _listed(rows).order_by("-week", "pk")


def disputes(user: Viewer) -> QuerySet[Timesheet]:
    """The disputed timesheets of the coordinator's territories."""
    return _listed(territory_timesheets(user).filter(state=TimesheetState.DISPUTED)).order_by(
        "week", "pk"
    )


def visible_timesheet(user: Viewer, pk: int) -> Timesheet | None:
    return (
        timesheets_visible_to(user)
        .select_related("worker__user", "organisation__territory")
        .filter(pk=pk)
        .first()
    )


def versions_of(timesheet: Timesheet) -> list[TimesheetVersion]:
    """Every version, newest first, with its lines and their occurrences."""
    return list(
        timesheet.versions.select_related("by")
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=TimesheetLine.objects.select_related("occurrence__mission").order_by(
                    "occurrence__starts_at", "pk"
                ),
            )
        )
        .order_by("-number")
    )


def log_of(timesheet: Timesheet) -> list[TimesheetTransition]:
    return list(timesheet.transitions.select_related("by").order_by("at", "pk"))


def week_to_declare(worker: WorkerProfile, monday: dt.date, *, now: dt.datetime):
    """The week's occurrences that are over, and the worker's timesheets of that week."""
    occurrences = list(declarable_occurrences(worker, monday, now=now))
    timesheets = {
        t.organisation_id: t
        for t in Timesheet.objects.filter(worker=worker, week=monday).select_related("organisation")
    }
    return occurrences, timesheets
