"""Reads of the economic model: the figures of a month gathered for ``computation``.

Billed hours come from the month's issued invoices (credit notes negative); without any,
from the accepted quotes running that month (their weekly hours, pro rata of the days of the
month within the need's period); without any, from the phase's expected volume. The employer
cost of coordination and of an unbilled paid hour is computed with OpenFisca-France through
``maillage.payroll``, as pay and quotes do.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet, Sum

from maillage.economics.access import territories_visible_to
from maillage.economics.computation import WEEKS_PER_MONTH, MonthInputs, MonthResult, compute
from maillage.economics.models import Assumptions, Grant
from maillage.gpec.models import GpecJob, JobKind, JobStatus
from maillage.gpec.public_costs import hourly_gross_of
from maillage.invoicing.models import DocumentKind, InvoiceLine
from maillage.missions.models import MissionState
from maillage.payroll import iso_month, monthly_hours, payroll_for_hours
from maillage.people.access import Viewer
from maillage.people.models import WorkerProfile
from maillage.people.privacy import is_small
from maillage.pricing.models import Quote, QuoteState
from maillage.territory.models import Territory
from maillage.training.models import Funding, SessionState, TrainingSession

CENT = Decimal("0.01")
FULL_TIME_WEEKLY_HOURS = Decimal(35)
#: Hours a week of the contract an unbilled hour is costed on (the 24 h threshold).
UNBILLED_COSTING_HOURS = Decimal(24)
#: Employer headcount assumed for the coordination staff's contributions.
COORDINATION_COMPANY_SIZE = 10


class Source:
    INVOICES = "invoices"
    QUOTES = "quotes"
    ASSUMPTION = "assumption"


@dataclass(frozen=True)
class Volume:
    billed_hours: Decimal  # a month
    source: str
    hourly_price_before_fee: Decimal | None  # None: take the assumption's


@dataclass(frozen=True)
class MonthModel:
    """One month of a phase: its assumptions version, where the volume comes from, figures."""

    month: dt.date
    assumptions: Assumptions
    grants: list[Grant]
    volume: Volume
    result: MonthResult


def visible_territory(user: Viewer, slug: str) -> Territory | None:
    return territories_visible_to(user).filter(slug=slug).first()


def versions(territory: Territory, phase: str) -> QuerySet[Assumptions]:
    """Every version of a phase, newest first, with its grants."""
    return Assumptions.objects.filter(territory=territory, phase=phase).prefetch_related("grants")


def _month_days(month: dt.date) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(month.year, month.month)[1]
    return month.replace(day=1), month.replace(day=last)


def _from_invoices(territory: Territory, month: dt.date) -> Volume | None:
    lines = list(
        InvoiceLine.objects.filter(invoice__territory=territory, invoice__month=month).values_list(
            "mission_id", "quantity", "amount", "invoice__kind"
        )
    )
    if not lines:
        return None
    fee_share = {
        quote.mission_id: (quote.cooperative_fee / quote.price if quote.price else Decimal(0))
        for quote in Quote.objects.filter(
            mission_id__in={line[0] for line in lines}, state=QuoteState.ACCEPTED
        )
    }
    hours = Decimal(0)
    before_fee = Decimal(0)
    for mission_id, quantity, amount, kind in lines:
        sign = -1 if kind == DocumentKind.CREDIT_NOTE else 1
        hours += sign * quantity
        before_fee += sign * amount * (1 - fee_share.get(mission_id, Decimal(0)))
    if hours <= 0:
        return Volume(Decimal(0), Source.INVOICES, None)
    return Volume(
        hours, Source.INVOICES, (before_fee / hours).quantize(CENT, rounding=ROUND_HALF_UP)
    )


def _from_quotes(territory: Territory, month: dt.date) -> Volume | None:
    first, last = _month_days(month)
    quotes = list(
        Quote.objects.filter(
            mission__territory=territory,
            state=QuoteState.ACCEPTED,
            mission__period_start__lte=last,
            mission__period_end__gte=first,
        )
        .exclude(mission__state=MissionState.CANCELLED)
        .select_related("mission")
    )
    if not quotes:
        return None
    days = Decimal((last - first).days + 1)
    hours = Decimal(0)
    for quote in quotes:
        if not quote.working_weeks:
            continue
        start = max(first, quote.mission.period_start)
        end = min(last, quote.mission.period_end)
        share = Decimal((end - start).days + 1) / days
        hours += quote.delivered_hours / quote.working_weeks * WEEKS_PER_MONTH * share
    delivered = sum((quote.delivered_hours for quote in quotes), Decimal(0))
    before_fee = sum((quote.price - quote.cooperative_fee for quote in quotes), Decimal(0))
    price = (before_fee / delivered).quantize(CENT, rounding=ROUND_HALF_UP) if delivered else None
    return Volume(hours.quantize(CENT, rounding=ROUND_HALF_UP), Source.QUOTES, price)


def billed_volume(territory: Territory, month: dt.date, assumptions: Assumptions) -> Volume:
    """The month's billed hours and price before the fee, and where they come from."""
    month = month.replace(day=1)
    return (
        _from_invoices(territory, month)
        or _from_quotes(territory, month)
        or Volume(
            (assumptions.expected_billed_hours_per_week * WEEKS_PER_MONTH).quantize(
                CENT, rounding=ROUND_HALF_UP
            ),
            Source.ASSUMPTION,
            None,
        )
    )


def coordination_employer_cost(assumptions: Assumptions, month: dt.date) -> Decimal:
    """Employer cost a month of the coordination staff: one full-time coordinator's employer
    cost (OpenFisca) times the FTE."""
    if not assumptions.coordination_fte or not assumptions.coordination_gross_monthly:
        return Decimal(0)
    full_time_hours = monthly_hours(FULL_TIME_WEEKLY_HOURS)
    payslip = payroll_for_hours(
        month=iso_month(month),
        hours_per_week=FULL_TIME_WEEKLY_HOURS,
        hourly_gross=assumptions.coordination_gross_monthly / full_time_hours,
        company_size=COORDINATION_COMPANY_SIZE,
    )
    return (payslip.employer_cost * assumptions.coordination_fte).quantize(
        CENT, rounding=ROUND_HALF_UP
    )


def unbilled_hour_cost(territory: Territory, month: dt.date) -> Decimal:
    """Employer cost of one paid hour at the territory's mean quoted hourly pay (or the SMIC),
    on a 24 h contract (OpenFisca)."""
    key = iso_month(month)
    hourly, _source = hourly_gross_of(territory, key)
    payslip = payroll_for_hours(
        month=key,
        hours_per_week=UNBILLED_COSTING_HOURS,
        hourly_gross=hourly,
        company_size=COORDINATION_COMPANY_SIZE,
    )
    return (payslip.employer_cost / monthly_hours(UNBILLED_COSTING_HOURS)).quantize(
        CENT, rounding=ROUND_HALF_UP
    )


def training_funding(territory: Territory, month: dt.date) -> tuple[Decimal, Decimal] | None:
    """Hours and money of the training sessions ending in ``month`` that an OPCO or another
    funder pays (the cooperative's own are not revenue); None when no session ends then."""
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    totals = (
        TrainingSession.objects.filter(
            territory=territory,
            ends_on__gte=first,
            ends_on__lt=following,
            funding__in=(Funding.OPCO, Funding.OTHER),
        )
        .exclude(state=SessionState.CANCELLED)
        .aggregate(hours=Sum("hours"), amount=Sum("funding_amount"))
    )
    if not totals["hours"]:
        return None
    return totals["hours"], totals["amount"]


def month_inputs(territory: Territory, assumptions: Assumptions, month: dt.date) -> MonthInputs:
    """The figures of ``month`` under a version of the assumptions."""
    month = month.replace(day=1)
    volume = billed_volume(territory, month, assumptions)
    grants = sum((grant.annual_amount for grant in assumptions.grants.all()), Decimal(0))
    # Training revenue: the sessions actually funded that month, else the phase's assumption.
    funded = training_funding(territory, month)
    training_hours, training_funding_per_hour = (
        (funded[0], funded[1] / funded[0])
        if funded is not None
        else (assumptions.training_hours_per_month, assumptions.training_funding_per_hour)
    )
    return MonthInputs(
        billed_hours=volume.billed_hours,
        hourly_price_before_fee=(
            volume.hourly_price_before_fee
            if volume.hourly_price_before_fee is not None
            else assumptions.hourly_price_before_fee
        ),
        fee_rate=assumptions.fee_rate,
        grants=(grants / 12).quantize(CENT, rounding=ROUND_HALF_UP),
        certifications=assumptions.certifications_per_month,
        certification_fee=assumptions.certification_fee,
        training_hours=training_hours,
        training_funding_per_hour=training_funding_per_hour,
        coordination=coordination_employer_cost(assumptions, month),
        premises=assumptions.premises_monthly,
        third_place_rent=assumptions.third_place_rent_monthly,
        software_hosting=assumptions.software_hosting_monthly,
        insurance=assumptions.insurance_monthly,
        unbilled_hours_per_billed_hour=assumptions.unbilled_hours_per_billed_hour,
        unbilled_hour_cost=unbilled_hour_cost(territory, month),
        workers=WorkerProfile.objects.filter(territory=territory).count(),
        hours_below_24_per_week=assumptions.hours_below_24_per_week,
    )


def month_model(territory: Territory, phase: str, month: dt.date) -> MonthModel | None:
    """The phase's model of ``month`` from the version in force that month (None: none yet)."""
    month = month.replace(day=1)
    assumptions = Assumptions.objects.in_force(territory, phase, month)
    if assumptions is None:
        return None
    inputs = month_inputs(territory, assumptions, month)
    return MonthModel(
        month=month,
        assumptions=assumptions,
        grants=list(assumptions.grants.all()),
        volume=billed_volume(territory, month, assumptions),
        result=compute(inputs),
    )


def months_back(month: dt.date, count: int) -> list[dt.date]:
    """``count`` months ending with ``month``, oldest first."""
    months = []
    year, number = month.year, month.month
    for _index in range(count):
        months.append(dt.date(year, number, 1))
        number -= 1
        if number == 0:
            year, number = year - 1, 12
    return list(reversed(months))


def series(territory: Territory, phase: str, month: dt.date, count: int = 12) -> list[MonthModel]:
    """The phase's model month by month, for the months a version was in force."""
    return [
        model
        for model in (month_model(territory, phase, m) for m in months_back(month, count))
        if model is not None
    ]


@dataclass(frozen=True)
class PublicSide:
    """Public costs avoided a month (GPEC, OpenFisca) against public money received."""

    avoided_per_month: Decimal | None
    computed_month: str | None
    households: int | None
    received_per_month: Decimal
    ratio: Decimal | None


def public_side(territory: Territory, assumptions: Assumptions) -> PublicSide:
    """The latest finished GPEC computation of public costs avoided, against the grants."""
    received = (
        sum((grant.annual_amount for grant in assumptions.grants.all()), Decimal(0)) / 12
    ).quantize(CENT, rounding=ROUND_HALF_UP)
    job = (
        GpecJob.objects.filter(
            territory=territory, kind=JobKind.PUBLIC_COSTS, status=JobStatus.SUCCEEDED
        )
        .order_by("-pk")
        .first()
    )
    result = (job.result or {}) if job is not None else {}
    avoided = result.get("avoided_per_month")
    # Fewer than 5 households: their benefits could be recovered from the amount.
    if avoided is None or is_small(int(result.get("households") or 0)):
        return PublicSide(None, None, None, received, None)
    avoided_value = Decimal(str(avoided))
    ratio = (avoided_value / received).quantize(CENT, rounding=ROUND_HALF_UP) if received else None
    return PublicSide(avoided_value, result.get("month"), result.get("households"), received, ratio)
