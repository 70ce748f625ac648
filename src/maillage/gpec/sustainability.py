"""Sustainability indicators, computed from the data (never typed in).

- share of the buyers' money that reaches workers as pay, from issued invoices and payroll
  exports once they exist (gpec/money.py), else from accepted quotes' breakdowns;
- km and CO2 avoided against the marketplace baseline run on the same demand;
- workers at or above the 24 h threshold, coverage;
- income stability and turnover between the two latest published plans.

See docs/decisions/gpec-indicators.md for the definitions and the CO2 factors' sources.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Max, Sum

from maillage.consolidation.models import Method, PlanAssignment, PlanState, PlanVersion
from maillage.engagement.selectors import Indicator as UnpaidIndicator
from maillage.engagement.selectors import indicator as unpaid_indicator
from maillage.gpec.engine_runs import km_by_mode
from maillage.gpec.money import actual_money_share
from maillage.gpec.supply_demand import studied_period
from maillage.people.models import User
from maillage.pricing.models import Quote, QuoteState
from maillage.territory.models import Territory

#: kg CO2e per km travelled, by travel mode. Car: ADEME Base Empreinte, "voiture thermique"
#: (average car, construction included) as published by ADEME's Impact CO2 (0.218 kg/km).
#: Public transport: ADEME Base Empreinte, diesel urban bus per passenger-km (0.100 kg).
#: Bicycle and walking: 0. Values to review at each Base Empreinte release.
CO2_KG_PER_KM: dict[str, Decimal] = {
    "car": Decimal("0.218"),
    "transit": Decimal("0.100"),
    "bike": Decimal("0"),
    "walk": Decimal("0"),
}


def _ratio(numerator, denominator, places: str = "0.0001") -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(
        Decimal(places), rounding=ROUND_HALF_UP
    )


@dataclass
class MoneyShare:
    """Where the money of accepted quotes goes."""

    quotes: int
    price: Decimal
    net_pay: Decimal
    gross_pay: Decimal
    employer_contributions: Decimal
    share_to_pay: Decimal | None  # net pay / price
    share_to_gross_pay: Decimal | None  # (net pay + employee contributions) / price
    share_to_employment: Decimal | None  # (gross + employer contributions) / price
    #: "quotes": accepted quotes' breakdowns; "actual": issued invoices and payroll exports.
    source: str = "quotes"


def money_share(*, territory: Territory) -> MoneyShare:
    """Shares of the price of the territory's accepted quotes paid to workers.

    "Pay" is the worker's net pay (what reaches their bank account). The wider shares add the
    employee contributions (gross pay), then the employer contributions (the whole cost of
    employment, which also funds the worker's social cover).
    """
    sums = Quote.objects.filter(mission__territory=territory, state=QuoteState.ACCEPTED).aggregate(
        price=Sum("price"),
        net=Sum("net_pay"),
        gross=Sum("gross_pay"),
        employer=Sum("employer_contributions"),
    )
    count = Quote.objects.filter(mission__territory=territory, state=QuoteState.ACCEPTED).count()
    price = Decimal(sums["price"] or 0).quantize(Decimal("0.01"))
    net = Decimal(sums["net"] or 0).quantize(Decimal("0.01"))
    gross = Decimal(sums["gross"] or 0).quantize(Decimal("0.01"))
    employer = Decimal(sums["employer"] or 0).quantize(Decimal("0.01"))
    return MoneyShare(
        quotes=count,
        price=price,
        net_pay=net,
        gross_pay=gross,
        employer_contributions=employer,
        share_to_pay=_ratio(net, price),
        share_to_gross_pay=_ratio(gross, price),
        share_to_employment=_ratio(gross + employer, price),
    )


def current_money_share(*, territory: Territory) -> MoneyShare:
    """From issued invoices and payroll exports once they exist (gpec/money.py), else from
    the accepted quotes; ``source`` says which."""
    actual = actual_money_share(territory)
    if actual is None:
        return money_share(territory=territory)
    return MoneyShare(
        quotes=0,
        price=actual.invoiced.quantize(Decimal("0.01")),
        net_pay=actual.net_pay,
        gross_pay=actual.gross,
        employer_contributions=actual.employer_cost - actual.gross,
        share_to_pay=actual.share_to_pay,
        share_to_gross_pay=actual.share_to_gross_pay,
        share_to_employment=actual.share_to_employment,
        source="actual",
    )


def latest_baseline(published: PlanVersion) -> PlanVersion | None:
    """The latest baseline version of the same territory and period."""
    return (
        PlanVersion.objects.filter(
            territory=published.territory,
            period_start=published.period_start,
            period_end=published.period_end,
            method=Method.BASELINE,
        )
        .select_related("run")
        .order_by("-number")
        .first()
    )


def ensure_baseline(published: PlanVersion, *, by: User | None = None) -> PlanVersion | None:
    """The latest baseline version of the period, running one now (and waiting) if none.

    None when that run failed: ``execute_run`` records the failure on the run, it does not raise.
    """
    from maillage.consolidation.services import execute_run, start_run

    baseline = latest_baseline(published)
    if baseline is not None:
        return baseline
    run = start_run(
        territory=published.territory,
        period_start=published.period_start,
        period_end=published.period_end,
        method=Method.BASELINE,
        requested_by=by,
        time_limit_seconds=published.run.time_limit_seconds,
        seed=published.run.seed,
        enqueue=False,
    )
    execute_run(run_id=run.pk)
    return latest_baseline(published)


def co2_kg(km_split: dict[str, float]) -> Decimal:
    return sum(
        (
            Decimal(str(km)) * CO2_KG_PER_KM.get(mode, CO2_KG_PER_KM["car"])
            for mode, km in km_split.items()
        ),
        Decimal(0),
    ).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class TravelComparison:
    published_number: int
    baseline_number: int
    km_week: float
    baseline_km_week: float
    km_avoided_vs_baseline: float
    co2_week_kg: Decimal
    baseline_co2_week_kg: Decimal
    co2_avoided_kg: Decimal
    km_by_mode: dict[str, float]
    baseline_km_by_mode: dict[str, float]


def _engine_data(version: PlanVersion) -> tuple[dict[str, Any], dict[str, Any]]:
    """The engine input and result of the run that made ``version`` (both kept by the run)."""
    run = version.run
    if run.engine_input is None or run.engine_result is None:
        raise ValueError(f"Plan version {version.pk}: its run kept no engine input or result.")
    return run.engine_input, run.engine_result


def travel_comparison(published: PlanVersion, baseline: PlanVersion) -> TravelComparison:
    """Km and CO2 a week of the published plan against the baseline on the same demand."""
    mine = km_by_mode(*_engine_data(published))
    theirs = km_by_mode(*_engine_data(baseline))
    km = published.metrics["km_week"]
    baseline_km = baseline.metrics["km_week"]
    co2, baseline_co2 = co2_kg(mine), co2_kg(theirs)
    return TravelComparison(
        published_number=published.number,
        baseline_number=baseline.number,
        km_week=km,
        baseline_km_week=baseline_km,
        km_avoided_vs_baseline=round(baseline_km - km, 1),
        co2_week_kg=co2,
        baseline_co2_week_kg=baseline_co2,
        co2_avoided_kg=baseline_co2 - co2,
        km_by_mode=mine,
        baseline_km_by_mode=theirs,
    )


@dataclass
class Continuity:
    """Between the two latest published plans: how much work stayed with the same people."""

    previous_number: int | None
    current_number: int | None
    income_stability: Decimal | None  # Σ min(before, after) / Σ before, minutes a week
    workers_before: int
    workers_after: int
    leavers: int  # active before, no work after
    joiners: int  # no work before, active after
    turnover: Decimal | None  # leavers / workers before


def published_history(territory: Territory) -> Sequence[PlanVersion]:
    """Versions ever published on the territory, in the order they were published."""
    versions = PlanVersion.objects.filter(
        territory=territory, transitions__to_state=PlanState.PUBLISHED
    ).annotate(published_at=Max("transitions__at"))
    return sorted(versions, key=lambda v: (v.published_at, v.pk))


def _minutes_by_worker(version: PlanVersion) -> dict[int, int]:
    minutes: dict[int, int] = {}
    for worker_id, weekly in PlanAssignment.objects.filter(version=version).values_list(
        "worker_id", "weekly_minutes"
    ):
        minutes[worker_id] = minutes.get(worker_id, 0) + weekly
    return minutes


def continuity(*, territory: Territory) -> Continuity:
    history = published_history(territory)
    if len(history) < 2:
        current = history[-1] if history else None
        workers = len(_minutes_by_worker(current)) if current else 0
        return Continuity(None, current.number if current else None, None, 0, workers, 0, 0, None)
    previous, current = history[-2], history[-1]
    before, after = _minutes_by_worker(previous), _minutes_by_worker(current)
    kept = sum(min(minutes, after.get(worker, 0)) for worker, minutes in before.items())
    leavers = len(before.keys() - after.keys())
    return Continuity(
        previous_number=previous.number,
        current_number=current.number,
        income_stability=_ratio(kept, sum(before.values())),
        workers_before=len(before),
        workers_after=len(after),
        leavers=leavers,
        joiners=len(after.keys() - before.keys()),
        turnover=_ratio(leavers, len(before)),
    )


@dataclass
class Indicators:
    territory: Territory
    period_start: dt.date | None
    period_end: dt.date | None
    published: PlanVersion | None
    money: MoneyShare
    travel: TravelComparison | None
    continuity: Continuity
    #: Paid against sponsored and volunteered hours (maillage.engagement), never mixed.
    unpaid: UnpaidIndicator | None = None

    def metric(self, key: str):
        """A figure of the published plan; demand and coverage as minutes a week on average
        (a plan of the real period counts them over the whole period)."""
        return self.published.figure(key) if self.published else None

    def as_dict(self) -> dict:
        """The figures as plain JSON values (the `indicators` command prints them)."""

        def num(value):
            return None if value is None else float(value)

        travel = self.travel
        return {
            "territory": self.territory.slug,
            "period_start": self.period_start.isoformat() if self.period_start else None,
            "period_end": self.period_end.isoformat() if self.period_end else None,
            "published_version": self.published.number if self.published else None,
            "baseline_version": travel.baseline_number if travel else None,
            "share_to_pay": num(self.money.share_to_pay),
            "share_to_gross_pay": num(self.money.share_to_gross_pay),
            "share_to_employment": num(self.money.share_to_employment),
            "accepted_quotes": self.money.quotes,
            "money_source": self.money.source,
            "workers_at_threshold": self.metric("workers_at_threshold"),
            "workers_wishing_threshold": self.metric("workers_wishing_threshold"),
            "active_workers": self.metric("active_workers"),
            "demand_minutes": self.metric("demand_minutes"),
            "covered_minutes": self.metric("covered_minutes"),
            "coverage": self.metric("coverage"),
            "km_week": self.metric("km_week"),
            "baseline_km_week": travel.baseline_km_week if travel else None,
            "km_avoided_vs_baseline": travel.km_avoided_vs_baseline if travel else None,
            "co2_week_kg": num(travel.co2_week_kg) if travel else None,
            "co2_avoided_kg": num(travel.co2_avoided_kg) if travel else None,
            "income_stability": num(self.continuity.income_stability),
            "turnover": num(self.continuity.turnover),
            "paid_hours": num(self.unpaid.paid_hours) if self.unpaid else None,
            "sponsored_hours": num(self.unpaid.sponsored_hours) if self.unpaid else None,
            "volunteered_hours": num(self.unpaid.volunteered_hours) if self.unpaid else None,
            "unpaid_share": num(self.unpaid.unpaid_share) if self.unpaid else None,
        }


def indicators(
    *, territory: Territory, run_missing_baseline: bool = False, by: User | None = None
) -> Indicators:
    """The sustainability indicators of the territory's current published plan."""
    period, published = studied_period(territory)
    travel = None
    if published is not None:
        baseline = (
            ensure_baseline(published, by=by)
            if run_missing_baseline
            else latest_baseline(published)
        )
        if baseline is not None and published.run.engine_result and baseline.run.engine_result:
            travel = travel_comparison(published, baseline)
    return Indicators(
        territory=territory,
        period_start=period.start,
        period_end=period.end,
        published=published,
        money=current_money_share(territory=territory),
        travel=travel,
        continuity=continuity(territory=territory),
        # Aggregates for every audience: a kind with fewer than 5 placements is hidden.
        unpaid=unpaid_indicator(territory, coordinator=False),
    )
