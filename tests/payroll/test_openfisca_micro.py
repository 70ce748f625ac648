"""Micro-entrepreneur rates read from OpenFisca parameters (2026), net income and rights."""

from decimal import Decimal

import pytest

from maillage.payroll import (
    MicroRates,
    PayrollCase,
    compute_payroll,
    micro_income,
    micro_rates,
    micro_rights,
    salaried_rights,
)
from maillage.payroll.rights import pension_quarters


def test_bnc_rates_2026_are_pinned() -> None:
    assert micro_rates(year_or_month="2026", activity="bnc") == MicroRates(
        month="2026-01",
        activity="bnc",
        social_contributions=Decimal("0.256"),
        vocational_training=Decimal("0.002"),
        income_tax_flat=Decimal("0.022"),
        flat_allowance=Decimal("0.34"),
        turnover_ceiling=Decimal("83600"),
    )


def test_bic_services_rates_2026_are_pinned() -> None:
    assert micro_rates(year_or_month="2026-03", activity="bic_services") == MicroRates(
        month="2026-03",
        activity="bic_services",
        social_contributions=Decimal("0.212"),
        vocational_training=Decimal("0.002"),
        income_tax_flat=Decimal("0.017"),
        flat_allowance=Decimal("0.5"),
        turnover_ceiling=Decimal("83600"),
    )


def test_bnc_rate_rose_from_2025() -> None:
    assert micro_rates(year_or_month="2025", activity="bnc").social_contributions == Decimal(
        "0.246"
    )


def test_unknown_activity_is_refused() -> None:
    with pytest.raises(ValueError, match="activity"):
        micro_rates(year_or_month="2026", activity="vente")  # type: ignore[arg-type]


def test_bnc_income_with_versement_liberatoire() -> None:
    income = micro_income(
        year_or_month="2026-03",
        turnover_yearly=Decimal("24960"),
        activity="bnc",
        versement_liberatoire=True,
    )
    assert income.social_contributions_yearly == Decimal("6389.76")
    assert income.vocational_training_yearly == Decimal("49.92")
    assert income.income_tax_flat_yearly == Decimal("549.12")
    assert income.contributions_yearly == Decimal("6988.80")
    assert income.net_income_yearly == Decimal("17971.20")
    assert income.net_income_monthly == Decimal("1497.60")
    assert income.contributions_monthly == Decimal("582.40")
    assert income.taxable_income_yearly == Decimal("16473.60")
    assert income.above_turnover_ceiling is False


def test_bic_services_income_without_versement_liberatoire() -> None:
    income = micro_income(
        year_or_month="2026",
        turnover_yearly=Decimal("90000"),
        activity="bic_services",
        versement_liberatoire=False,
    )
    assert income.income_tax_flat_yearly == Decimal("0.00")
    assert income.contributions_yearly == Decimal("19260.00")
    assert income.net_income_yearly == Decimal("70740.00")
    assert income.net_income_monthly == Decimal("5895.00")
    assert income.above_turnover_ceiling is True


def test_pension_quarters_use_150_smic_hours_capped_at_4() -> None:
    # 150 x 12.02 = 1,803.00 euros per quarter in 2026.
    assert pension_quarters(year=2026, yearly_income=Decimal("1802.99")) == 0
    assert pension_quarters(year=2026, yearly_income=Decimal("1803.00")) == 1
    assert pension_quarters(year=2026, yearly_income=Decimal("5409.00")) == 3
    assert pension_quarters(year=2026, yearly_income=Decimal("50000")) == 4


def test_rights_of_a_small_salaried_contract() -> None:
    # 5 hours a week at the SMIC: 21.67 h and 260.47 euros a month, 3,125.64 a year.
    (payslip,) = compute_payroll(
        month="2026-03",
        cases=[PayrollCase(gross_monthly=Decimal("260.47"), paid_hours_monthly=Decimal("21.67"))],
    )
    rights = {right.code: right for right in salaried_rights(payroll=payslip)}
    assert list(rights) == [
        "unemployment_insurance",
        "paid_leave",
        "sick_pay",
        "pension_quarters",
        "workplace_accident_cover",
    ]
    assert rights["pension_quarters"].quantity == Decimal(1)
    assert rights["unemployment_insurance"].quantity == Decimal(6)
    assert rights["unemployment_insurance"].unit == "months_of_work_to_qualify"
    assert rights["paid_leave"].quantity == Decimal(30)
    assert rights["sick_pay"].granted is False  # 65 hours over 3 months < 150
    assert rights["workplace_accident_cover"].granted is True


def test_rights_of_a_micro_entrepreneur() -> None:
    income = micro_income(
        year_or_month="2026",
        turnover_yearly=Decimal("5000"),
        activity="bnc",
        versement_liberatoire=False,
    )
    rights = {right.code: right for right in micro_rights(income=income)}
    assert rights["pension_quarters"].quantity == Decimal(1)  # 3,300 / 1,803
    assert rights["unemployment_insurance"].granted is False
    assert rights["paid_leave"].quantity == Decimal(0)
    # 3,300 < 10% of the 2026 PASS (48,060).
    assert rights["sick_pay"].granted is False
    assert rights["workplace_accident_cover"].granted is False
    assert all(right.explanation for right in rights.values())
