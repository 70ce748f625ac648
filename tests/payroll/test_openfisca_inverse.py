"""The gross wage an employer budget pays: pinned values and a round-trip property."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.payroll import (
    EmployerBudget,
    PayrollCase,
    compute_payroll,
    gross_for_employer_cost,
)

MARCH = "2026-03"
CENT = Decimal("0.01")


def test_smic_budget_gives_back_the_smic_wage() -> None:
    grosses = gross_for_employer_cost(
        month=MARCH,
        budgets=[
            EmployerBudget(
                employer_cost=Decimal("1270.78"), paid_hours_monthly=104, company_size=10
            ),
            EmployerBudget(
                employer_cost=Decimal("1974.27"), paid_hours_monthly=104, company_size=10
            ),
            EmployerBudget(employer_cost=Decimal("2080.00"), paid_hours_monthly=104),
        ],
    )
    assert grosses == [Decimal("1250.08"), Decimal("1625.10"), Decimal("1685.21")]


def test_invalid_budgets_are_refused() -> None:
    with pytest.raises(ValueError, match="employer_cost"):
        EmployerBudget(employer_cost=Decimal("-0.01"), paid_hours_monthly=104)
    with pytest.raises(ValueError, match="paid_hours_monthly"):
        EmployerBudget(employer_cost=Decimal("1000"), paid_hours_monthly=0)


def test_zero_budget_and_empty_call() -> None:
    assert gross_for_employer_cost(month=MARCH, budgets=[]) == []
    budget = EmployerBudget(employer_cost=Decimal(0), paid_hours_monthly=104)
    assert gross_for_employer_cost(month=MARCH, budgets=[budget]) == [Decimal("0.00")]


def test_result_is_the_largest_gross_within_budget() -> None:
    budgets = [
        EmployerBudget(employer_cost=Decimal(cost), paid_hours_monthly=hours, company_size=size)
        for cost, hours, size in [
            ("800.00", 50, 1),
            ("1500.55", 104, 10),
            ("2999.99", 140, 60),
            ("6100.00", "151.67", 250),
        ]
    ]
    grosses = gross_for_employer_cost(month=MARCH, budgets=budgets)
    at = compute_payroll(
        month=MARCH, cases=[b.case(g) for b, g in zip(budgets, grosses, strict=True)]
    )
    above = compute_payroll(
        month=MARCH, cases=[b.case(g + CENT) for b, g in zip(budgets, grosses, strict=True)]
    )
    for budget, fits, exceeds in zip(budgets, at, above, strict=True):
        assert fits.employer_cost <= budget.employer_cost < exceeds.employer_cost


def test_vectorised_inverse_equals_individual_calls() -> None:
    budgets = [
        EmployerBudget(employer_cost=Decimal(cost), paid_hours_monthly=hours)
        for cost, hours in [("1100", 80), ("2100", 120), ("3300", "151.67")]
    ]
    together = gross_for_employer_cost(month=MARCH, budgets=budgets)
    alone = [gross_for_employer_cost(month=MARCH, budgets=[b])[0] for b in budgets]
    assert together == alone


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    # From the SMIC to 3.5 SMIC per hour, 10 to 35 hours a week.
    hourly_cents=st.integers(min_value=1202, max_value=4200),
    monthly_hours=st.integers(min_value=4300, max_value=15167),
    company_size=st.sampled_from([1, 49, 50, 250]),
)
def test_inverse_round_trips_to_the_cent(
    hourly_cents: int, monthly_hours: int, company_size: int
) -> None:
    """gross -> employer cost -> gross gives back the gross, or the next cent when both cost
    the same: OpenFisca rounds some contributions to the cent, so a few percent of grosses
    share their employer cost with the next cent (never three in a row)."""
    hours = Decimal(monthly_hours) / 100
    gross = (Decimal(hourly_cents) / 100 * hours).quantize(CENT)
    case = PayrollCase(gross_monthly=gross, paid_hours_monthly=hours, company_size=company_size)
    (payslip,) = compute_payroll(month=MARCH, cases=[case])
    budget = EmployerBudget(
        employer_cost=payslip.employer_cost, paid_hours_monthly=hours, company_size=company_size
    )
    (solved,) = gross_for_employer_cost(month=MARCH, budgets=[budget])
    assert solved - gross in (Decimal("0.00"), CENT)
    (recosted,) = compute_payroll(month=MARCH, cases=[budget.case(solved)])
    assert recosted.employer_cost == payslip.employer_cost


def test_gross_sharing_its_cost_with_the_next_cent_gets_the_higher_one() -> None:
    # 516.86 and 516.87 euros for 43 h both cost the employer 525.42 euros.
    budget = EmployerBudget(employer_cost=Decimal("525.42"), paid_hours_monthly=43)
    assert gross_for_employer_cost(month=MARCH, budgets=[budget]) == [Decimal("516.87")]
