"""Salaried work: a worker's planned portfolio, the status comparison, and the permanent
contract proposal when the portfolio stays at or above the contract threshold."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.consolidation.models import PlanAssignment, PlanState, PlanVersion
from maillage.core.statemachine import IllegalTransition
from maillage.employment.lifecycle import start_employment_if_due
from maillage.employment.models import ContractProposal, ContractState
from maillage.notifications.kinds import Kind
from maillage.notifications.services import notify
from maillage.payroll import (
    Activity,
    Comparison,
    compare_statuses,
    iso_month,
    monthly_hours,
    payroll_for_hours,
)
from maillage.people.models import User, WorkerProfile
from maillage.pricing.models import CharterRate, Quote, QuoteState
from maillage.pricing.services import charter_in_force, mission_band
from maillage.territory.models import Territory

CENT = Decimal("0.01")
#: What-if hourly budget when the worker has no accepted quote yet (employer cost, €/h).
DEFAULT_HOURLY_BUDGET = Decimal("20.00")


def threshold_minutes() -> int:
    """Weekly minutes from which a portfolio supports a permanent part-time contract."""
    return settings.MAILLAGE_CONTRACT_THRESHOLD_MINUTES


# Portfolio ----------------------------------------------------------------------------


def latest_published_version(worker: WorkerProfile) -> PlanVersion | None:
    """The newest published plan version in which the worker has assignments."""
    return (
        PlanVersion.objects.filter(state=PlanState.PUBLISHED, assignments__worker=worker)
        .distinct()
        .order_by("-period_start", "-number")
        .first()
    )


def weekly_portfolio(*, worker: WorkerProfile, version: PlanVersion) -> list[tuple[dt.date, int]]:
    """(Monday, planned minutes) of every week of the plan's period.

    A mission counts in a week when its period overlaps the week (excluded dates such as
    school holidays are paid leave or annualised hours in a permanent contract).
    """
    assignments = list(
        PlanAssignment.objects.filter(version=version, worker=worker).select_related("mission")
    )
    monday = version.period_start - dt.timedelta(days=version.period_start.weekday())
    weeks = []
    while monday <= version.period_end:
        sunday = monday + dt.timedelta(days=6)
        minutes = sum(
            a.weekly_minutes
            for a in assignments
            if a.mission.period_start <= sunday and a.mission.period_end >= monday
        )
        weeks.append((monday, minutes))
        monday += dt.timedelta(days=7)
    return weeks


@dataclass(frozen=True)
class Portfolio:
    """A worker's planned work in a published plan version, and its hourly figures."""

    version: PlanVersion
    weekly_minutes: int
    lowest_weekly_minutes: int
    hourly_gross: Decimal
    floor_hourly_gross: Decimal
    hourly_budget: Decimal | None
    wage_basis: str


def _floor_of(assignment: PlanAssignment) -> Decimal | None:
    charter = charter_in_force(assignment.mission.territory)
    if charter is None:
        return None
    rate = CharterRate.objects.filter(
        charter=charter, kind=assignment.mission.kind, band=mission_band(assignment.mission)
    ).first()
    return rate.floor_hourly_gross if rate else None


def portfolio(worker: WorkerProfile) -> Portfolio | None:
    """The worker's portfolio in their latest published plan, or None without one."""
    version = latest_published_version(worker)
    if version is None:
        return None
    assignments = list(
        PlanAssignment.objects.filter(version=version, worker=worker).select_related(
            "mission__territory"
        )
    )
    weeks = weekly_portfolio(worker=worker, version=version)
    total = sum(a.weekly_minutes for a in assignments)
    weighted_rate = weighted_floor = Decimal(0)
    budget_cost = budget_hours = Decimal(0)
    from_quotes = True
    for assignment in assignments:
        quote = Quote.objects.filter(mission=assignment.mission, state=QuoteState.ACCEPTED).first()
        weight = Decimal(assignment.weekly_minutes)
        if quote is not None:
            weighted_rate += quote.hourly_gross * weight
            weighted_floor += quote.floor_hourly_gross * weight
            budget_cost += quote.gross_pay + quote.employer_contributions
            budget_hours += quote.delivered_hours
        else:
            from_quotes = False
            floor = _floor_of(assignment)
            if floor is None:
                return None
            weighted_rate += floor * weight
            weighted_floor += floor * weight
    if not total:
        return None
    return Portfolio(
        version=version,
        weekly_minutes=total,
        lowest_weekly_minutes=min(minutes for _monday, minutes in weeks) if weeks else 0,
        hourly_gross=(weighted_rate / total).quantize(CENT, ROUND_HALF_UP),
        floor_hourly_gross=(weighted_floor / total).quantize(CENT, ROUND_HALF_UP),
        hourly_budget=(budget_cost / budget_hours).quantize(CENT, ROUND_HALF_UP)
        if budget_hours
        else None,
        wage_basis="missions_average" if from_quotes else "charter_floor",
    )


# Comparison ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WhatIf:
    hours_per_week: Decimal
    hourly_budget: Decimal
    activity: Activity = "bnc"
    versement_liberatoire: bool = False


def comparison_defaults(worker: WorkerProfile) -> tuple[WhatIf, Portfolio | None]:
    """The comparison's inputs from the worker's portfolio, or a what-if default."""
    planned = portfolio(worker)
    if planned is not None:
        hours = (Decimal(planned.weekly_minutes) / 60).quantize(CENT, ROUND_HALF_UP)
        return WhatIf(hours, planned.hourly_budget or DEFAULT_HOURLY_BUDGET), planned
    hours = (Decimal(worker.wished_weekly_minutes) / 60).quantize(CENT, ROUND_HALF_UP)
    return WhatIf(hours, DEFAULT_HOURLY_BUDGET), None


def compare(*, what_if: WhatIf, year: int, company_size: int = 10) -> Comparison:
    """Same budget, two statuses (OpenFisca through the adapter)."""
    if not Decimal(0) < what_if.hours_per_week <= 48:
        raise ValidationError({"hours_per_week": _("Give between 0 and 48 hours a week.")})
    if what_if.hourly_budget <= 0:
        raise ValidationError({"hourly_budget": _("Give an hourly budget above zero.")})
    return compare_statuses(
        year_or_month=str(year),
        hours_per_week=what_if.hours_per_week,
        hourly_budget=what_if.hourly_budget,
        activity=what_if.activity,
        versement_liberatoire=what_if.versement_liberatoire,
        company_size=company_size,
    )


# Contract proposals -------------------------------------------------------------------


@dataclass(frozen=True)
class ContractTerms:
    """What a contract proposal would say for a worker's portfolio."""

    worker: WorkerProfile
    portfolio: Portfolio
    weekly_minutes: int
    monthly_hours: Decimal
    monthly_gross: Decimal
    start_date: dt.date


def contract_terms(worker: WorkerProfile) -> ContractTerms | None:
    """The contract a worker's portfolio supports, or None under the threshold."""
    planned = portfolio(worker)
    if planned is None or planned.lowest_weekly_minutes < threshold_minutes():
        return None
    hours = monthly_hours(Decimal(planned.lowest_weekly_minutes) / 60)
    return ContractTerms(
        worker=worker,
        portfolio=planned,
        weekly_minutes=planned.lowest_weekly_minutes,
        monthly_hours=hours,
        monthly_gross=(planned.hourly_gross * hours).quantize(CENT, ROUND_HALF_UP),
        start_date=planned.version.period_start,
    )


def contract_candidates(territories) -> list[ContractTerms]:
    """Workers of the territories whose published portfolio reaches the threshold."""
    workers = WorkerProfile.objects.filter(
        territory__in=territories,
        assignments__version__state=PlanState.PUBLISHED,
    ).distinct()
    result = []
    for worker in workers.select_related("user"):
        terms = contract_terms(worker)
        if terms is not None:
            result.append(terms)
    return result


def propose_contract(*, worker: WorkerProfile, by: User | None) -> ContractProposal:
    """Record a contract proposal for a worker whose portfolio reaches the threshold."""
    terms = contract_terms(worker)
    if terms is None:
        raise ValidationError(
            _(
                "This worker's planned portfolio does not stay at or above %(hours)s h a week "
                "over the period of the published plan."
            )
            % {"hours": threshold_minutes() // 60}
        )
    planned = terms.portfolio
    charter = charter_in_force(worker.territory)
    payslip = payroll_for_hours(
        month=iso_month(terms.start_date),
        hours_per_week=Decimal(terms.weekly_minutes) / 60,
        hourly_gross=planned.hourly_gross,
        company_size=charter.employer_headcount if charter else 10,
    )
    with transaction.atomic():
        WorkerProfile.objects.select_for_update().get(pk=worker.pk)
        proposal = ContractProposal(
            worker=worker,
            plan_version=planned.version,
            weekly_minutes=terms.weekly_minutes,
            hourly_gross=planned.hourly_gross,
            floor_hourly_gross=planned.floor_hourly_gross,
            monthly_hours=terms.monthly_hours,
            monthly_gross=terms.monthly_gross,
            wage_basis=planned.wage_basis,
            start_date=terms.start_date,
            figures={
                "month": payslip.month,
                "gross": str(payslip.gross),
                "employer_cost": str(payslip.employer_cost),
                "employer_contributions": str(payslip.employer_contributions),
                "general_reduction": str(payslip.general_reduction),
                "employee_contributions": str(payslip.employee_contributions),
                "net_pay": str(payslip.net_pay),
            },
            created_by=by,
        )
        proposal.full_clean()
        proposal.save()
        proposal.transitions.create(from_state="", to_state=ContractState.PROPOSED, by=by)
    return proposal


def move_contract(
    *, proposal: ContractProposal, to_state: str, by: User | None, reason: str = ""
) -> ContractProposal:
    """Issue, sign or withdraw a proposal (locked row, logged, or IllegalTransition).

    Issuing tells the worker; a contract signed on paper starts the employment like one the
    worker accepts on their page. Only the worker declines (``lifecycle.decline_contract``).
    """
    with transaction.atomic():
        locked = ContractProposal.objects.select_for_update().get(pk=proposal.pk)
        if to_state == ContractState.DECLINED:
            raise IllegalTransition(obj=locked, from_state=locked.state, to_state=to_state)
        locked.transition(to_state, by=by, reason=reason)
        if to_state == ContractState.ISSUED:
            notify(
                recipients=[locked.worker.user],
                kind=Kind.CONTRACT_PROPOSED,
                params={
                    "start": locked.start_date,
                    "hours": f"{Decimal(locked.weekly_minutes) / 60:.2f}".rstrip("0").rstrip("."),
                },
                url=reverse("employment:my_contract"),
            )
        elif to_state == ContractState.SIGNED:
            start_employment_if_due(locked, today=timezone.localdate())
    return locked


def territory_of(proposal: ContractProposal) -> Territory:
    return proposal.worker.territory
