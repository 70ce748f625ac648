"""Shapes of the decimal model fields shared by the apps (money and rates).

A TypedDict rather than a plain dict: ``DecimalField(**MONEY)`` is then checked key by key.
"""

from __future__ import annotations

from typing import Final, TypedDict


class DecimalDigits(TypedDict):
    """The ``max_digits`` and ``decimal_places`` of a ``DecimalField``."""

    max_digits: int
    decimal_places: int


# Euros and cents, up to 99 999 999.99.
MONEY: Final[DecimalDigits] = {"max_digits": 10, "decimal_places": 2}
# Rates, coefficients and €/km, four decimals, up to 99.9999.
RATE: Final[DecimalDigits] = {"max_digits": 6, "decimal_places": 4}
