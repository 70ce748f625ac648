"""Same budget, two statuses: a salaried contract versus a micro-entrepreneur."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from maillage.payroll.inverse import EmployerBudget, gross_for_employer_cost
from maillage.payroll.micro import Activity, MicroIncome, micro_income
from maillage.payroll.payroll import (
    PayrollResult,
    compute_payroll,
    monthly_hours,
)
from maillage.payroll.rights import Right, micro_rights, salaried_rights
from maillage.payroll.system import month_of, to_cents

Status = Literal["salaried", "micro"]

NOTES: tuple[str, ...] = (
    "Salaried net pay is before income tax (withheld at source); the micro net is after"
    " income tax only with the versement liberatoire.",
    "The salaried wage is paid every month including the 5 weeks of paid leave; the micro"
    " turnover assumes every week of the year is invoiced.",
    "Amounts exclude the cooperative's fee.",
)


@dataclass(frozen=True)
class StatusColumn:
    """One status's figures for the same budget (euros, Decimal to the cent)."""

    status: Status
    budget_monthly: Decimal
    #: Part of the budget not spent (salaried: below one cent, or a gap of the reduction).
    unspent_monthly: Decimal
    contributions_monthly: Decimal
    net_income_monthly: Decimal
    budget_yearly: Decimal
    contributions_yearly: Decimal
    net_income_yearly: Decimal
    rights: tuple[Right, ...]


@dataclass(frozen=True)
class Comparison:
    """Salaried versus micro-entrepreneur for one weekly schedule and hourly budget."""

    month: str
    hours_per_week: Decimal
    hourly_budget: Decimal
    paid_hours_monthly: Decimal
    salaried: StatusColumn
    micro: StatusColumn
    payroll: PayrollResult
    micro_income: MicroIncome
    notes: tuple[str, ...] = NOTES


def compare_statuses(
    *,
    year_or_month: str,
    hours_per_week: Decimal | float | str,
    hourly_budget: Decimal | float | str,
    activity: Activity = "bnc",
    versement_liberatoire: bool = False,
    company_size: int = 1,
) -> Comparison:
    """Compare what a buyer's hourly budget gives as a salary or as micro turnover.

    The monthly budget is ``hourly_budget`` x ``hours_per_week`` x 52 / 12. Salaried: the
    budget is the employer cost and the gross wage is solved with
    ``gross_for_employer_cost``. Micro: twelve monthly budgets are the yearly turnover.
    A year (``"2026"``) is computed as its January; figures are yearly x 12 of that month.
    """
    month = month_of(year_or_month)
    hourly = Decimal(str(hourly_budget))
    paid_hours = monthly_hours(hours_per_week)
    budget_monthly = to_cents(hourly * paid_hours)
    budget = EmployerBudget(
        employer_cost=budget_monthly, paid_hours_monthly=paid_hours, company_size=company_size
    )
    (gross,) = gross_for_employer_cost(month=month, budgets=[budget])
    (payroll,) = compute_payroll(month=month, cases=[budget.case(gross)])
    salaried_contributions = payroll.employer_cost - payroll.net_pay
    salaried = StatusColumn(
        status="salaried",
        budget_monthly=budget_monthly,
        unspent_monthly=budget_monthly - payroll.employer_cost,
        contributions_monthly=salaried_contributions,
        net_income_monthly=payroll.net_pay,
        budget_yearly=budget_monthly * 12,
        contributions_yearly=salaried_contributions * 12,
        net_income_yearly=payroll.net_pay * 12,
        rights=salaried_rights(payroll=payroll),
    )
    income = micro_income(
        year_or_month=month,
        turnover_yearly=budget_monthly * 12,
        activity=activity,
        versement_liberatoire=versement_liberatoire,
    )
    micro = StatusColumn(
        status="micro",
        budget_monthly=budget_monthly,
        unspent_monthly=Decimal("0.00"),
        contributions_monthly=income.contributions_monthly,
        net_income_monthly=income.net_income_monthly,
        budget_yearly=income.turnover_yearly,
        contributions_yearly=income.contributions_yearly,
        net_income_yearly=income.net_income_yearly,
        rights=micro_rights(income=income),
    )
    return Comparison(
        month=month,
        hours_per_week=Decimal(str(hours_per_week)),
        hourly_budget=hourly,
        paid_hours_monthly=paid_hours,
        salaried=salaried,
        micro=micro,
        payroll=payroll,
        micro_income=income,
    )
