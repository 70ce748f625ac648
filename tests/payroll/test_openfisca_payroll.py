"""Payslip figures from OpenFisca-France, pinned to the cent for March 2026."""

from decimal import Decimal

import numpy as np
import pytest

from maillage.payroll import (
    PayrollCase,
    compute_payroll,
    monthly_hours,
    payroll_for_hours,
    smic_hourly,
)
from maillage.payroll import payroll as payroll_module
from maillage.payroll.simulation import EmployeeArrays, simulate

MARCH = "2026-03"


def test_smic_hourly_is_read_from_parameters() -> None:
    assert smic_hourly(MARCH) == Decimal("12.02")
    assert smic_hourly("2026-06") == Decimal("12.31")


def test_monthly_hours_of_a_weekly_schedule() -> None:
    assert monthly_hours(24) == Decimal("104.00")
    assert monthly_hours(35) == Decimal("151.67")


def test_24_hours_a_week_at_smic_is_pinned() -> None:
    result = payroll_for_hours(
        month=MARCH, hours_per_week=24, hourly_gross=smic_hourly(MARCH), company_size=10
    )
    assert result.case == PayrollCase(
        gross_monthly=Decimal("1250.08"), paid_hours_monthly=Decimal("104.00"), company_size=10
    )
    assert result.case.full_time is False
    assert result.gross == Decimal("1250.08")
    assert result.employer_contributions_before_reduction == Decimal("518.36")
    assert result.general_reduction == Decimal("497.66")
    assert result.employer_contributions == Decimal("20.70")
    assert result.employer_cost == Decimal("1270.78")
    assert result.employee_social_contributions == Decimal("141.39")
    assert result.employee_csg_crds == Decimal("119.14")
    assert result.employee_contributions == Decimal("260.53")
    assert result.net_pay == Decimal("989.55")


def test_24_hours_a_week_at_1_3_smic_is_pinned() -> None:
    result = payroll_for_hours(
        month=MARCH,
        hours_per_week=24,
        hourly_gross=smic_hourly(MARCH) * Decimal("1.3"),
        company_size=10,
    )
    assert result.gross == Decimal("1625.10")
    assert result.employer_contributions_before_reduction == Decimal("673.86")
    assert result.general_reduction == Decimal("324.69")
    assert result.employer_contributions == Decimal("349.17")
    assert result.employer_cost == Decimal("1974.27")
    assert result.employee_social_contributions == Decimal("183.80")
    assert result.employee_csg_crds == Decimal("154.88")
    assert result.employee_contributions == Decimal("338.68")
    assert result.net_pay == Decimal("1286.42")


def test_pinned_figures_are_plausible() -> None:
    at_smic, at_1_3 = compute_payroll(
        month=MARCH,
        cases=[
            PayrollCase(gross_monthly=Decimal("1250.08"), paid_hours_monthly=104, company_size=10),
            PayrollCase(gross_monthly=Decimal("1625.10"), paid_hours_monthly=104, company_size=10),
        ],
    )
    for result in (at_smic, at_1_3):
        assert Decimal("0.77") < result.net_pay / result.gross < Decimal("0.81")
    # 2026 reduction: 2% + 37.81% at the SMIC for an employer under 50 (t_min + t_delta).
    assert float(at_smic.general_reduction / at_smic.gross) == pytest.approx(0.3981, abs=1e-4)
    assert 0 < at_1_3.general_reduction < at_smic.general_reduction


def test_identities_hold_to_the_cent() -> None:
    (result,) = compute_payroll(
        month=MARCH,
        cases=[PayrollCase(gross_monthly=Decimal("2345.67"), paid_hours_monthly=Decimal("130"))],
    )
    assert result.employer_cost == result.gross + result.employer_contributions
    assert result.employer_contributions == (
        result.employer_contributions_before_reduction - result.general_reduction
    )
    assert result.net_pay == result.gross - result.employee_contributions
    assert result.employee_contributions == (
        result.employee_social_contributions + result.employee_csg_crds
    )


def test_part_time_reduction_is_prorated_not_full_time() -> None:
    hourly = smic_hourly(MARCH) * Decimal("1.3")
    part_time = payroll_for_hours(
        month=MARCH, hours_per_week=24, hourly_gross=hourly, company_size=10
    )
    full_time = payroll_for_hours(
        month=MARCH, hours_per_week=35, hourly_gross=hourly, company_size=10
    )
    assert full_time.case.full_time is True
    assert (part_time.general_reduction, full_time.general_reduction) == (
        Decimal("324.69"),
        Decimal("473.53"),
    )
    # Same hourly wage, so the same reduction rate (to its rounding) once hours are prorated.
    part_rate = part_time.general_reduction / part_time.gross
    full_rate = full_time.general_reduction / full_time.gross
    assert float(part_rate) == pytest.approx(float(full_rate), abs=1e-4)


def test_part_time_declared_as_full_time_would_double_the_reduction() -> None:
    employees = EmployeeArrays(
        gross_cents=np.array([162510, 162510]),
        paid_hours_monthly=np.array([104.0, 104.0]),
        full_time=np.array([False, True]),
        company_size=np.array([10, 10]),
        executive=np.array([False, False]),
    )
    figures = simulate(month=MARCH, employees=employees, variables=("allegement_general",))
    assert figures["allegement_general"].tolist() == [32469, 64695]


def test_company_of_50_or_more_gets_a_different_reduction() -> None:
    small, large = compute_payroll(
        month=MARCH,
        cases=[
            PayrollCase(gross_monthly=Decimal("1625.10"), paid_hours_monthly=104, company_size=49),
            PayrollCase(gross_monthly=Decimal("1625.10"), paid_hours_monthly=104, company_size=50),
        ],
    )
    assert (small.general_reduction, large.general_reduction) == (
        Decimal("324.69"),
        Decimal("327.78"),
    )
    assert large.employer_cost == Decimal("1992.30")


@pytest.mark.usefixtures("empty_cache")
def test_vectorised_call_equals_individual_calls() -> None:
    cases = [
        PayrollCase(gross_monthly=Decimal(gross), paid_hours_monthly=hours, company_size=size)
        for gross, hours, size in [
            ("1250.08", 104, 10),
            ("1625.10", 104, 10),
            ("2370.00", "151.67", 10),
            ("900.00", 60, 120),
            ("4200.00", 140, 3),
            ("5600.00", "151.67", 300),
        ]
    ]
    together = compute_payroll(month=MARCH, cases=cases)
    payroll_module.clear_cache()
    one_by_one = []
    for case in cases:
        payroll_module.clear_cache()
        one_by_one.extend(compute_payroll(month=MARCH, cases=[case]))
    assert together == one_by_one


@pytest.mark.usefixtures("empty_cache")
def test_results_are_cached_per_case(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = payroll_module._simulate_results

    def counting(month: str, cases: list[PayrollCase]) -> list:
        calls.append(len(cases))
        return real(month, cases)

    monkeypatch.setattr(payroll_module, "_simulate_results", counting)
    first = PayrollCase(gross_monthly=Decimal("1500"), paid_hours_monthly=100)
    second = PayrollCase(gross_monthly=Decimal("1600"), paid_hours_monthly=100)
    (before,) = compute_payroll(month=MARCH, cases=[first])
    again = compute_payroll(month=MARCH, cases=[first, second, second])
    assert calls == [1, 1]  # only the new case was simulated, once
    assert again[0] is before
    assert again[1] is again[2]


def test_invalid_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="YYYY-MM"):
        compute_payroll(month="2026-13", cases=[])
    with pytest.raises(ValueError, match="gross_monthly"):
        PayrollCase(gross_monthly=Decimal("-1"), paid_hours_monthly=100)
    with pytest.raises(ValueError, match="paid_hours_monthly"):
        PayrollCase(gross_monthly=Decimal("100"), paid_hours_monthly=0)


def test_filling_previous_months_would_multiply_the_reduction() -> None:
    """Guards the reason only the month is filled in (docs/decisions/openfisca-*.md).

    With January to March filled, OpenFisca's cumulative regularisation re-enters
    ``allegement_general`` for earlier months, openfisca-core stops the "spiral" with 0 and
    March gets three monthly reductions. If this test fails, OpenFisca changed: re-check
    whether the month alone is still right.
    """
    from openfisca_core.simulation_builder import SimulationBuilder

    from maillage.payroll import tax_benefit_system

    simulation = SimulationBuilder().build_default_simulation(tax_benefit_system(), count=1)
    for month in ("2026-01", "2026-02", MARCH):
        simulation.set_input("salaire_de_base", month, np.array([1250.08]))
        simulation.set_input("contrat_de_travail", month, np.array(["temps_partiel"]))
        simulation.set_input("heures_remunerees_volume", month, np.array([104.0]))
        simulation.set_input("effectif_entreprise", month, np.array([10]))
    march = float(simulation.calculate("allegement_general", MARCH)[0])
    assert march == pytest.approx(3 * 497.6568, abs=0.01)
