"""The OpenFisca parameters the platform reads: months, and the SMIC's own first month."""

import datetime as dt
from decimal import Decimal

import pytest

from maillage.payroll import MinimumWageUnknown, iso_month, smic_hourly
from maillage.pricing.services import legal_minimum_on


def test_a_month_of_the_first_years_keeps_four_digits() -> None:
    assert iso_month(dt.date(1, 3, 31)) == "0001-03"
    assert iso_month(dt.date(2026, 11, 30)) == "2026-11"


def test_the_smic_is_read_from_its_first_month_on() -> None:
    assert smic_hourly("1970-01") == Decimal("3.27")
    assert smic_hourly("2026-01") == Decimal("12.02")


def test_before_the_smic_existed_the_error_says_so() -> None:
    with pytest.raises(MinimumWageUnknown, match="knows no SMIC in 1969-12"):
        smic_hourly("1969-12")


def test_a_day_of_year_one_asks_openfisca_about_year_one() -> None:
    with pytest.raises(MinimumWageUnknown, match="knows no SMIC in 0001-01"):
        legal_minimum_on(dt.date(1, 1, 1))
