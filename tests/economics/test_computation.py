"""The economic model on a small case computed by hand (no database)."""

from dataclasses import replace
from decimal import Decimal as D

from maillage.economics.computation import (
    MonthInputs,
    compute,
    what_ifs,
    with_fee_rate,
    with_share_at_24,
    with_volume_factor,
)

# 400 billed hours a month at 38 €/h before the fee, a 20 % fee: price 47.50, fee 9.50 /h.
CASE = MonthInputs(
    billed_hours=D("400"),
    hourly_price_before_fee=D("38.00"),
    fee_rate=D("0.20"),
    grants=D("1000.00"),
    certifications=D("2"),
    certification_fee=D("150.00"),
    training_hours=D("10"),
    training_funding_per_hour=D("20.00"),
    coordination=D("3000.00"),
    premises=D("400.00"),
    third_place_rent=D("200.00"),
    software_hosting=D("100.00"),
    insurance=D("50.00"),
    unbilled_hours_per_billed_hour=D("0.10"),
    unbilled_hour_cost=D("15.00"),
    workers=10,
    hours_below_24_per_week=D("12"),
)


def test_revenue_costs_result_by_hand():
    result = compute(CASE)
    # fee 400 x 9.50 = 3800; certification 2 x 150 = 300; training 10 x 20 = 200; grants 1000
    assert result.revenue_lines == {
        "fee": D("3800.00"),
        "certification": D("300.00"),
        "training": D("200.00"),
        "grants": D("1000.00"),
    }
    # unbilled: 400 x 0.10 = 40 h x 15 = 600
    assert result.cost_lines == {
        "coordination": D("3000.00"),
        "premises": D("400.00"),
        "third_place_rent": D("200.00"),
        "software_hosting": D("100.00"),
        "insurance": D("50.00"),
        "unbilled_hours": D("600.00"),
    }
    assert (result.revenue, result.costs, result.result) == (
        D("5300.00"),
        D("4350.00"),
        D("950.00"),
    )


def test_break_even_by_hand():
    result = compute(CASE)
    # fixed 3750 - other revenue 1500 = 2250 to cover; a billed hour leaves 9.50 - 1.50 = 8
    assert result.fee_per_billed_hour == D("9.50")
    assert result.margin_per_billed_hour == D("8.00")
    assert result.break_even_hours_per_month == D("281.25")
    # 281.25 x 12 / 52 = 64.9038...; / 24 = 2.704...
    assert result.break_even_hours_per_week == D("64.90")
    assert result.break_even_workers_at_24 == D("2.7")
    assert result.billed_hours_per_week == D("92.31")


def test_no_break_even_when_an_hour_leaves_nothing():
    result = compute(with_fee_rate(CASE, D("0.03")))
    # fee 38 x 0.03 / 0.97 = 1.175... < 1.50 of unbilled cost
    assert result.margin_per_billed_hour == D("-0.32")
    assert result.break_even_hours_per_week is None
    assert result.break_even_workers_at_24 is None


def test_break_even_zero_when_other_revenue_covers_the_structure():
    rich = compute(replace(CASE, grants=D("4000")))
    assert rich.break_even_hours_per_month == D("0.00")


def test_what_if_fee_rate_lowers_the_break_even():
    result = compute(with_fee_rate(CASE, D("0.25")))
    # fee 38 x 0.25 / 0.75 = 12.666..., margin 11.1666...; 2250 / 11.1666 = 201.49 h a month
    assert result.fee_per_billed_hour == D("12.67")
    assert result.break_even_hours_per_month == D("201.49")
    assert result.break_even_hours_per_week == D("46.50")


def test_what_if_volume_and_share_at_24():
    doubled = compute(with_volume_factor(CASE, D("2")))
    assert doubled.inputs.billed_hours == D("800")
    assert doubled.result == D("950.00") + D("400") * D("8.00")
    half = compute(with_share_at_24(CASE, D("0.5")))
    # 10 workers x (0.5 x 24 + 0.5 x 12) = 180 h a week = 780 h a month
    assert half.inputs.billed_hours == D("780")
    assert half.revenue_lines["fee"] == D("7410.00")


def test_standard_what_ifs():
    rows = what_ifs(CASE)
    assert [(row.label_key, row.value) for row in rows] == [
        ("fee_rate", D("0.05")),
        ("fee_rate", D("0.08")),
        ("fee_rate", D("0.12")),
        ("volume", D("0.5")),
        ("volume", D("1.5")),
        ("volume", D("2")),
        ("share_at_24", D("0.25")),
        ("share_at_24", D("0.5")),
        ("share_at_24", D("1")),
    ]
