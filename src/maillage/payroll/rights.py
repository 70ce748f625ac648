"""Social rights each status gives, as structured lines the Django side translates.

Each line has a stable ``code``, whether the right is ``granted``, an optional number with
its ``unit``, and a short English ``explanation`` (the pages translate by code, the
explanation is for logs, the API and the translators).

Pension quarters (trimestres d'assurance vieillesse) are computed, not read from OpenFisca,
which has no such parameter: one quarter per 150 hours of gross hourly SMIC earned in the
calendar year, at most 4 (Code de la sécurité sociale, art. R351-9; SMIC of 1 January).
For a salaried worker the base is the yearly gross wage. For a micro-entrepreneur it is
the turnover after the flat allowance (abattement) of the activity: an approximation of
the URSSAF's yearly turnover thresholds, which are derived from the pension share of the
micro rate and are not in OpenFisca (2026 as quoted by guides: 2,713 euros of turnover a
quarter for BNC and 3,498 for BIC services; this rule gives 2,732 and 3,606). See
docs/decisions/openfisca-payroll-adapter.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from maillage.payroll.micro import MicroIncome
from maillage.payroll.payroll import PayrollResult
from maillage.payroll.system import parameters_at, rate, smic_hourly

#: SMIC hours of gross pay that validate one pension quarter (R351-9 CSS).
SMIC_HOURS_PER_QUARTER = Decimal(150)
MAX_QUARTERS = 4
#: Unemployment insurance (ARE): 6 months (130 days or 910 hours) of work in 24 months.
UNEMPLOYMENT_QUALIFYING_MONTHS = Decimal(6)
#: Paid leave: 2.5 working days (jours ouvrables) per month worked (Code du travail L3141-3).
PAID_LEAVE_DAYS_PER_YEAR = Decimal(30)
#: Waiting days (délai de carence) before sickness daily allowances start.
SICK_PAY_WAITING_DAYS = Decimal(3)
#: Salaried sick pay: 150 hours worked over the last 3 months (R313-3 CSS).
SICK_PAY_MIN_HOURS_3_MONTHS = Decimal(150)
#: Self-employed (SSI) sick pay: average yearly income at least 10 % of the PASS (URSSAF
#: rule, not an OpenFisca parameter).
SELF_EMPLOYED_SICK_PAY_PASS_SHARE = Decimal("0.10")


@dataclass(frozen=True)
class Right:
    """One social right of a status: code, granted or not, a number and its unit."""

    code: str
    granted: bool
    quantity: Decimal | None
    unit: str | None
    explanation: str


def pension_quarters(*, year: int, yearly_income: Decimal) -> int:
    """Pension quarters validated by ``yearly_income`` (150 SMIC hours each, at most 4)."""
    per_quarter = SMIC_HOURS_PER_QUARTER * smic_hourly(f"{year}-01")
    quarters = (yearly_income / per_quarter).to_integral_value(rounding=ROUND_FLOOR)
    return int(min(Decimal(MAX_QUARTERS), max(quarters, Decimal(0))))


def salaried_rights(*, payroll: PayrollResult) -> tuple[Right, ...]:
    """Rights of an employee paid the same payslip every month of the year."""
    year = int(payroll.month[:4])
    gross_yearly = payroll.gross * 12
    quarters = pension_quarters(year=year, yearly_income=gross_yearly)
    hours_3_months = payroll.case.paid_hours_monthly * 3
    sick_pay = hours_3_months >= SICK_PAY_MIN_HOURS_3_MONTHS
    return (
        Right(
            code="unemployment_insurance",
            granted=True,
            quantity=UNEMPLOYMENT_QUALIFYING_MONTHS,
            unit="months_of_work_to_qualify",
            explanation=(
                "Covered by unemployment insurance (employer contribution): after 6 months"
                " of work in the last 24 months, the ARE allowance can be claimed."
            ),
        ),
        Right(
            code="paid_leave",
            granted=True,
            quantity=PAID_LEAVE_DAYS_PER_YEAR,
            unit="working_days_per_year",
            explanation="2.5 working days of paid leave per month worked, 5 weeks a year.",
        ),
        Right(
            code="sick_pay",
            granted=sick_pay,
            quantity=SICK_PAY_WAITING_DAYS,
            unit="waiting_days",
            explanation=(
                "Social security daily allowances after 3 waiting days, with at least 150"
                " hours worked over 3 months; the employer tops them up after 1 year."
            ),
        ),
        Right(
            code="pension_quarters",
            granted=quarters > 0,
            quantity=Decimal(quarters),
            unit="quarters_per_year",
            explanation=(
                "One pension quarter per 150 hours of SMIC earned in the year (gross wage),"
                " at most 4."
            ),
        ),
        Right(
            code="workplace_accident_cover",
            granted=True,
            quantity=None,
            unit=None,
            explanation=(
                "Accidents at work and on the commute are covered from the first day"
                " (employer AT/MP contribution)."
            ),
        ),
    )


def micro_rights(*, income: MicroIncome) -> tuple[Right, ...]:
    """Rights of a micro-entrepreneur with the given yearly figures."""
    year = int(income.rates.month[:4])
    quarters = pension_quarters(year=year, yearly_income=income.taxable_income_yearly)
    pass_yearly = rate(
        parameters_at(income.rates.month).prelevements_sociaux.pss.plafond_securite_sociale_annuel
    )
    sick_pay = income.taxable_income_yearly >= SELF_EMPLOYED_SICK_PAY_PASS_SHARE * pass_yearly
    return (
        Right(
            code="unemployment_insurance",
            granted=False,
            quantity=None,
            unit=None,
            explanation=(
                "No unemployment insurance; only the ATI allowance after a court-ordered"
                " closure of a viable business, under income conditions."
            ),
        ),
        Right(
            code="paid_leave",
            granted=False,
            quantity=Decimal(0),
            unit="working_days_per_year",
            explanation="No paid leave: weeks not invoiced earn nothing.",
        ),
        Right(
            code="sick_pay",
            granted=sick_pay,
            quantity=SICK_PAY_WAITING_DAYS,
            unit="waiting_days",
            explanation=(
                "Daily allowances after 3 waiting days only if the average yearly income"
                " (turnover after allowance) reaches 10% of the social security ceiling."
            ),
        ),
        Right(
            code="pension_quarters",
            granted=quarters > 0,
            quantity=Decimal(quarters),
            unit="quarters_per_year",
            explanation=(
                "About one pension quarter per 150 hours of SMIC of income (turnover after"
                " the flat allowance), at most 4; the URSSAF publishes the exact thresholds."
            ),
        ),
        Right(
            code="workplace_accident_cover",
            granted=False,
            quantity=None,
            unit=None,
            explanation=(
                "Not covered for accidents at work unless a voluntary AT/MP insurance is taken out."
            ),
        ),
    )
