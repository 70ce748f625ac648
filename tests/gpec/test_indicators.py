"""Sustainability indicators and the `indicators` command, on the hand-built territory."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from maillage.consolidation.models import Method, PlanVersion
from maillage.gpec.sustainability import co2_kg, continuity, indicators, money_share
from maillage.pricing.models import Charter, CharterRate, Quote
from maillage.territory.geo import road_km
from maillage.territory.models import Commune
from tests.factories import BORDEAUX, MERIGNAC
from tests.scenarios import plan

pytestmark = pytest.mark.django_db


def accepted_quote(mission, charter, *, net, employee, employer, overhead, fee):
    gross = net + employee
    return Quote.objects.create(
        mission=mission,
        number=1,
        charter=charter,
        state="accepted",
        kind=mission.kind,
        band="foundation",
        floor_hourly_gross=Decimal("13.00"),
        hourly_gross=Decimal("14.00"),
        working_weeks=Decimal("6.00"),
        delivered_hours=Decimal("9.00"),
        preparation_hours=Decimal("0"),
        travel_hours=Decimal("0"),
        travel_km=Decimal("0"),
        paid_hours=Decimal("9.00"),
        gross_pay=gross,
        net_pay=net,
        employee_contributions=employee,
        employer_contributions=employer,
        general_reduction=Decimal("0"),
        overhead=overhead,
        mileage_allowance=Decimal("0"),
        cooperative_fee=fee,
        price=gross + employer + overhead + fee,
    )


def test_share_of_the_money_paid_to_workers(world):
    charter = Charter.objects.create(
        territory=world,
        number=1,
        starts_on=dt.date(2026, 1, 1),
        legal_minimum_hourly=Decimal("12.02"),
        mileage_rate=Decimal("0.40"),
        cooperative_fee_rate=Decimal("0.10"),
        overhead_coefficient=Decimal("1.05"),
    )
    m1, m2 = world.missions_by_name["M1"], world.missions_by_name["M2"]
    # The quotes below are issued under this floor (the database checks it).
    CharterRate.objects.create(
        charter=charter,
        kind=m1.kind,
        band="foundation",
        floor_hourly_gross=Decimal("13.00"),
        legal_minimum_hourly=Decimal("12.02"),
    )
    d = Decimal
    accepted_quote(m1, charter, net=d(60), employee=d(15), employer=d(20), overhead=d(5), fee=d(20))
    accepted_quote(m2, charter, net=d(90), employee=d(25), employer=d(30), overhead=d(5), fee=d(30))
    share = money_share(territory=world)
    # price 120 + 180 = 300; net 150; gross 190; employment 190 + 50 = 240
    assert (share.quotes, share.price, share.net_pay) == (2, d("300.00"), d("150.00"))
    assert (share.share_to_pay, share.share_to_gross_pay, share.share_to_employment) == (
        d("0.5000"),
        d("0.6333"),
        d("0.8000"),
    )


def test_co2_counts_cars_and_public_transport_not_bicycles():
    assert co2_kg({"car": 10.0, "bike": 5.0, "transit": 2.0}) == Decimal("2.4")  # 2.18 + 0.2


def test_indicators_of_the_published_plan_against_the_baseline(planned):
    figures = indicators(territory=planned).as_dict()
    a = Commune.objects.get(insee_code=MERIGNAC)
    b = Commune.objects.get(insee_code=BORDEAUX)
    trip = round(2 * road_km(a.latitude, a.longitude, b.latitude, b.longitude), 1)
    assert {
        k: figures[k]
        for k in (
            "published_version",
            "baseline_version",
            "coverage",
            "covered_minutes",
            "workers_at_threshold",
            "workers_wishing_threshold",
            "km_week",
            "baseline_km_week",
            "km_avoided_vs_baseline",
            "share_to_pay",
        )
    } == {
        "published_version": 1,
        "baseline_version": 2,
        "coverage": 0.6,
        "covered_minutes": 180,
        "workers_at_threshold": 0,
        "workers_wishing_threshold": 3,
        # Both plans make the same single return trip to Bordeaux on Tuesday.
        "km_week": trip,
        "baseline_km_week": trip,
        "km_avoided_vs_baseline": 0.0,
        "share_to_pay": None,  # no accepted quote
    }
    assert figures["co2_avoided_kg"] == 0.0


def test_the_command_runs_a_missing_baseline_and_prints_json(
    world, django_capture_on_commit_callbacks, capsys
):
    plan(world, django_capture_on_commit_callbacks)
    call_command("indicators", "--territory", "gpec-test", "--format", "json")
    figures = json.loads(capsys.readouterr().out)
    baseline = PlanVersion.objects.get(territory=world, method=Method.BASELINE)
    assert (figures["baseline_version"], baseline.number) == (2, 2)
    for key in (
        "share_to_pay",
        "workers_at_threshold",
        "workers_wishing_threshold",
        "coverage",
        "km_week",
        "km_avoided_vs_baseline",
        "co2_avoided_kg",
    ):
        assert key in figures
    assert (figures["coverage"], figures["km_avoided_vs_baseline"]) == (0.6, 0.0)


def test_income_stability_and_turnover_between_two_published_plans(
    world, django_capture_on_commit_callbacks
):
    first = plan(world, django_capture_on_commit_callbacks)
    second = plan(world, django_capture_on_commit_callbacks)
    kept = continuity(territory=world)
    # The engine keeps the previous plan's assignments (stability objective).
    assert (kept.previous_number, kept.current_number) == (first.number, second.number)
    assert (kept.income_stability, kept.turnover, kept.leavers, kept.joiners) == (
        Decimal("1.0000"),
        Decimal("0.0000"),
        0,
        0,
    )
    assert (kept.workers_before, kept.workers_after) == (1, 1)
