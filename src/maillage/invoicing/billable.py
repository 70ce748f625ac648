"""What a month's work would bill: validated minutes and billable late cancellations per need,
and the timesheets still awaiting validation (reads only, no writes)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max, Min, Sum

from maillage.execution.dates import month_last_day
from maillage.execution.models import Occurrence, OccurrenceState
from maillage.missions.models import Mission
from maillage.pricing.models import Quote, QuoteState
from maillage.timesheets.models import Timesheet, TimesheetLine, TimesheetState
from maillage.wages.selectors import paid_through_group_statements

CENT = Decimal("0.01")


def hours_of(minutes: int) -> Decimal:
    """Minutes as hours with two decimals (rounded half up): what a line bills."""
    return (Decimal(minutes) / 60).quantize(CENT, rounding=ROUND_HALF_UP)


def amount_of(quantity: Decimal, unit_price: Decimal) -> Decimal:
    return (quantity * unit_price).quantize(CENT, rounding=ROUND_HALF_UP)


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    return first, month_last_day(first)


@dataclass(frozen=True)
class Worked:
    """Minutes of one need in the month, and the first and last dates they fall on."""

    minutes: int
    first_date: dt.date
    last_date: dt.date


@dataclass(frozen=True)
class ValidatedWork:
    """What the month's validated timesheets bill per need, and the minutes left out because
    an employer group's statement bills them (its employee working for one of its members)."""

    by_mission: dict[int, Worked]
    via_group_statements: int


def validated_work(territory_id: int, month: dt.date) -> ValidatedWork:
    """Validated minutes per need of the territory in the month (current versions only)."""
    first, last = month_bounds(month)
    rows = (
        TimesheetLine.objects.filter(
            version__superseded_at__isnull=True,
            version__timesheet__state=TimesheetState.VALIDATED,
            occurrence__mission__territory_id=territory_id,
            occurrence__date__gte=first,
            occurrence__date__lte=last,
            minutes__gt=0,
        )
        .values(
            "occurrence__mission_id",
            "version__timesheet__worker_id",
            "version__timesheet__organisation_id",
        )
        .annotate(total=Sum("minutes"), first=Min("occurrence__date"), last=Max("occurrence__date"))
        .order_by()
    )
    via_group = paid_through_group_statements(territory_id, month)
    by_mission: dict[int, Worked] = {}
    left_out = 0
    for row in rows:
        pair = (row["version__timesheet__worker_id"], row["version__timesheet__organisation_id"])
        if pair in via_group:
            left_out += row["total"]
            continue
        mission_id = row["occurrence__mission_id"]
        seen = by_mission.get(mission_id)
        by_mission[mission_id] = (
            Worked(row["total"], row["first"], row["last"])
            if seen is None
            else Worked(
                seen.minutes + row["total"],
                min(seen.first_date, row["first"]),
                max(seen.last_date, row["last"]),
            )
        )
    return ValidatedWork(by_mission, left_out)


def billable_cancellations(territory_id: int, month: dt.date) -> dict[int, Worked]:
    """Minutes of the sessions cancelled too late (billed per the charter), per need."""
    first, last = month_bounds(month)
    rows = Occurrence.objects.filter(
        mission__territory_id=territory_id,
        state=OccurrenceState.CANCELLED,
        billable=True,
        date__gte=first,
        date__lte=last,
    ).values_list("mission_id", "date", "starts_at", "ends_at")
    minutes: dict[int, int] = defaultdict(int)
    dates: dict[int, list[dt.date]] = defaultdict(list)
    for mission_id, day, starts_at, ends_at in rows:
        minutes[mission_id] += int((ends_at - starts_at).total_seconds() // 60)
        dates[mission_id].append(day)
    return {
        mission_id: Worked(total, min(dates[mission_id]), max(dates[mission_id]))
        for mission_id, total in minutes.items()
        if total > 0
    }


def accepted_quotes(mission_ids: set[int]) -> dict[int, Quote]:
    """The accepted quote of each need (a need has at most one)."""
    quotes = Quote.objects.filter(mission_id__in=mission_ids, state=QuoteState.ACCEPTED)
    return {quote.mission_id: quote for quote in quotes}


def missions_by_id(mission_ids: set[int]) -> dict[int, Mission]:
    return Mission.objects.select_related("buyer", "buyer_group").in_bulk(mission_ids)


def pending_timesheets(territory_id: int, month: dt.date) -> dict[int, int]:
    """Timesheets of weeks touching the month not validated yet, per organisation."""
    first, last = month_bounds(month)
    rows = (
        Timesheet.objects.filter(
            organisation__territory_id=territory_id,
            week__gte=first - dt.timedelta(days=6),
            week__lte=last,
        )
        .exclude(state=TimesheetState.VALIDATED)
        .values("organisation_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["organisation_id"]: row["count"] for row in rows}
