"""The union's pay indicators: the payroll against the lowest floor, small groups hidden."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from maillage.governance import indicators

pytestmark = pytest.mark.django_db


def payroll(monkeypatch, lines):
    """Make the latest payroll export of any territory these (gross, contract hours) lines."""
    export = SimpleNamespace(
        month=dt.date(2026, 11, 1),
        lines=SimpleNamespace(values_list=lambda *fields: lines),
    )
    monkeypatch.setattr(indicators, "latest_exports", lambda territory: [export])


def test_no_payroll_no_figures(steering):
    assert indicators.actual_pay(steering.territory) is None


def test_the_payroll_against_the_lowest_floor(monkeypatch, steering):
    # Lowest default floor: 13.50 €/h. Six employees, none below it.
    payroll(monkeypatch, [(Decimal("1404.00"), Decimal("104"))] * 6)
    figures = indicators.actual_pay(steering.territory)
    assert figures.month == "2026-11"
    assert figures.employees.value == 6
    assert figures.lowest_floor == Decimal("13.50")
    assert figures.average_hourly_gross == Decimal("13.50")
    assert figures.below_lowest_floor.value == 0


def test_a_few_below_the_floor_are_hidden(monkeypatch, steering):
    lines = [(Decimal("1404.00"), Decimal("104"))] * 6 + [(Decimal("1300.00"), Decimal("104"))]
    payroll(monkeypatch, lines)
    figures = indicators.actual_pay(steering.territory)
    assert figures.below_lowest_floor.hidden is True
    # The 6 not below are never shown: the total does not give the 1 below away.
    assert figures.employees.value == 7
    assert figures.average_hourly_gross == Decimal("13.36")


def test_a_small_payroll_shows_nothing(monkeypatch, steering):
    payroll(monkeypatch, [(Decimal("1404.00"), Decimal("104"))] * 3)
    figures = indicators.actual_pay(steering.territory)
    assert figures.employees.hidden is True
    assert figures.average_hourly_gross is None
