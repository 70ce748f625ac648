import datetime as dt

import pytest
from django.utils import translation

from maillage.territory.holidays import (
    easter_sunday,
    is_public_holiday,
    public_holidays,
    public_holidays_between,
)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (1818, dt.date(1818, 3, 22)),  # the earliest possible
        (1943, dt.date(1943, 4, 25)),  # the latest possible
        (2000, dt.date(2000, 4, 23)),
        (2024, dt.date(2024, 3, 31)),
        (2025, dt.date(2025, 4, 20)),
        (2026, dt.date(2026, 4, 5)),
        (2027, dt.date(2027, 3, 28)),
    ],
)
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter
    assert easter.weekday() == 6


def test_the_eleven_public_holidays_of_2026():
    assert list(public_holidays(2026)) == [
        dt.date(2026, 1, 1),
        dt.date(2026, 4, 6),  # Easter Monday
        dt.date(2026, 5, 1),
        dt.date(2026, 5, 8),
        dt.date(2026, 5, 14),  # Ascension
        dt.date(2026, 5, 25),  # Whit Monday
        dt.date(2026, 7, 14),
        dt.date(2026, 8, 15),
        dt.date(2026, 11, 1),
        dt.date(2026, 11, 11),
        dt.date(2026, 12, 25),
    ]
    with translation.override("en"):
        assert str(public_holidays(2026)[dt.date(2026, 5, 14)]) == "Ascension Day"


def test_holidays_between_two_dates_cross_years():
    found = public_holidays_between(dt.date(2026, 12, 20), dt.date(2027, 1, 5))
    assert list(found) == [dt.date(2026, 12, 25), dt.date(2027, 1, 1)]


def test_is_public_holiday():
    assert is_public_holiday(dt.date(2026, 11, 11))
    assert not is_public_holiday(dt.date(2026, 11, 10))
