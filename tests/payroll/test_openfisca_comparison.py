"""Same budget, two statuses."""

from decimal import Decimal

from maillage.payroll import compare_statuses


def test_24_hours_at_20_euros_an_hour_bnc_with_versement_liberatoire() -> None:
    comparison = compare_statuses(
        year_or_month="2026-03",
        hours_per_week=24,
        hourly_budget=Decimal("20"),
        activity="bnc",
        versement_liberatoire=True,
    )
    assert comparison.paid_hours_monthly == Decimal("104.00")
    assert comparison.payroll.gross == Decimal("1685.21")
    assert comparison.payroll.employer_cost == Decimal("2080.00")
    salaried, micro = comparison.salaried, comparison.micro
    assert (salaried.budget_monthly, micro.budget_monthly) == (Decimal("2080.00"),) * 2
    assert salaried.unspent_monthly == Decimal("0.00")
    assert salaried.net_income_monthly == Decimal("1334.02")
    assert salaried.contributions_monthly == Decimal("745.98")
    assert salaried.net_income_yearly == Decimal("16008.24")
    assert micro.net_income_monthly == Decimal("1497.60")
    assert micro.net_income_yearly == Decimal("17971.20")
    salaried_rights = {right.code: right.granted for right in salaried.rights}
    micro_rights = {right.code: right.granted for right in micro.rights}
    assert salaried_rights == {
        "unemployment_insurance": True,
        "paid_leave": True,
        "sick_pay": True,
        "pension_quarters": True,
        "workplace_accident_cover": True,
    }
    assert micro_rights == {
        "unemployment_insurance": False,
        "paid_leave": False,
        "sick_pay": True,
        "pension_quarters": True,
        "workplace_accident_cover": False,
    }


def test_a_year_is_computed_as_its_january() -> None:
    by_year = compare_statuses(
        year_or_month="2026", hours_per_week=10, hourly_budget=18, activity="bic_services"
    )
    by_january = compare_statuses(
        year_or_month="2026-01", hours_per_week=10, hourly_budget=18, activity="bic_services"
    )
    assert by_year == by_january
    assert by_year.micro_income.income_tax_flat_yearly == Decimal("0.00")
