"""The aggregated figures the steering reads: the union's pay indicators and the observatory's
headline, from the GPEC and pricing data (read only); every group of people under 5 is hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Min, Sum

from maillage.gpec.sustainability import Indicators, indicators
from maillage.people.privacy import Cell, people_cell, suppress_parts
from maillage.pricing.models import LevelBand, Quote, QuoteState
from maillage.pricing.services import charter_in_force
from maillage.territory.models import Territory
from maillage.wages.selectors import latest_exports

CENT = Decimal("0.01")


@dataclass(frozen=True)
class BandPay:
    """Pay of the accepted quotes of one level band against the band's lowest floor."""

    band: str
    label: str
    lowest_floor: Decimal | None
    quotes: Cell
    #: Hourly gross pay weighted by the hours delivered; None when the quotes are hidden.
    average_hourly_gross: Decimal | None


@dataclass(frozen=True)
class Headline:
    """The headline indicators of a territory (public: the observatory shows them)."""

    territory: Territory
    workers_at_threshold: Cell
    workers_wishing_threshold: Cell
    share_to_pay: Decimal | None
    money_source: str
    km_avoided_week: float | None
    coverage: float | None
    period_start: str | None
    period_end: str | None

    def as_dict(self) -> dict:
        return {
            "workers_at_24h": self.workers_at_threshold.value,
            "workers_wishing_24h": self.workers_wishing_threshold.value,
            "share_of_money_to_pay": str(self.share_to_pay)
            if self.share_to_pay is not None
            else None,
            "money_source": self.money_source,
            "km_avoided_per_week": self.km_avoided_week,
            "coverage": self.coverage,
            "period_start": self.period_start,
            "period_end": self.period_end,
        }


def _headline_from(figures: Indicators) -> Headline:
    def count(key: str) -> Cell:
        value = figures.metric(key)
        return people_cell(int(value)) if value is not None else Cell(None)

    travel = figures.travel
    coverage = figures.metric("coverage")
    return Headline(
        territory=figures.territory,
        workers_at_threshold=count("workers_at_threshold"),
        workers_wishing_threshold=count("workers_wishing_threshold"),
        share_to_pay=figures.money.share_to_pay,
        money_source=figures.money.source,
        km_avoided_week=travel.km_avoided_vs_baseline if travel else None,
        coverage=float(coverage) if coverage is not None else None,
        period_start=figures.period_start.isoformat() if figures.period_start else None,
        period_end=figures.period_end.isoformat() if figures.period_end else None,
    )


def headline(territory: Territory) -> Headline:
    """Workers at 24 h against those who wish it (each under 5 hidden), the share of the
    buyers' money paid to workers, km avoided against the marketplace, coverage."""
    return _headline_from(indicators(territory=territory))


def pay_by_band(territory: Territory) -> list[BandPay]:
    """Accepted quotes' hourly pay against the charter's lowest floor, band by band; a band
    with fewer than 5 accepted quotes shows no average (a need is often one worker)."""
    charter = charter_in_force(territory)
    floors = (
        dict(
            charter.rates.values_list("band")
            .annotate(low=Min("floor_hourly_gross"))
            .values_list("band", "low")
        )
        if charter
        else {}
    )
    rows = {
        band: (n, hours, pay)
        for band, n, hours, pay in Quote.objects.filter(
            mission__territory=territory, state=QuoteState.ACCEPTED
        )
        .values_list("band")
        .annotate(n=Count("pk"), hours=Sum("delivered_hours"), pay=Sum("gross_pay"))
        .values_list("band", "n", "hours", "pay")
    }
    result = []
    for band, label in LevelBand.choices:
        n, hours, _pay = rows.get(band, (0, None, None))
        cell = people_cell(n)
        average = None
        if not cell.hidden and n and hours:
            weighted = Quote.objects.filter(
                mission__territory=territory, state=QuoteState.ACCEPTED, band=band
            ).values_list("hourly_gross", "delivered_hours")
            total = sum((rate * h for rate, h in weighted), Decimal(0))
            average = (total / hours).quantize(CENT, rounding=ROUND_HALF_UP)
        result.append(
            BandPay(
                band=band,
                label=str(label),
                lowest_floor=floors.get(band),
                quotes=cell,
                average_hourly_gross=average,
            )
        )
    return result


@dataclass(frozen=True)
class ActualPay:
    """The latest month's payroll against the charter's lowest floor (no one is named)."""

    month: str
    employees: Cell
    #: Gross pay over contract hours of the whole payroll; None when the payroll is hidden.
    average_hourly_gross: Decimal | None
    lowest_floor: Decimal | None
    #: Employees paid less an hour than the lowest floor (hidden under 5, and complementary).
    below_lowest_floor: Cell


def actual_pay(territory: Territory) -> ActualPay | None:
    """The latest payroll export's hourly gross pay against the lowest floor in force; None
    without an export. Under 5 employees, nothing but "fewer than 5" is shown."""
    exports = latest_exports(territory)
    if not exports:
        return None
    export = exports[-1]
    lines = list(export.lines.values_list("gross", "contract_hours"))
    charter = charter_in_force(territory)
    lowest = charter.rates.aggregate(low=Min("floor_hourly_gross"))["low"] if charter else None
    below = sum(
        1 for gross, hours in lines if lowest is not None and hours and gross / hours < lowest
    )
    (below_cell,), employees = suppress_parts([below], total=len(lines))
    hours = sum((h for _g, h in lines), Decimal(0))
    average = None
    if not employees.hidden and hours:
        average = (sum((g for g, _h in lines), Decimal(0)) / hours).quantize(
            CENT, rounding=ROUND_HALF_UP
        )
    return ActualPay(
        month=f"{export.month:%Y-%m}",
        employees=employees,
        average_hourly_gross=average,
        lowest_floor=lowest,
        below_lowest_floor=below_cell,
    )
