"""The OpenFisca-France tax-benefit system, built once per process, and its parameters."""

from __future__ import annotations

import re
import threading
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

_MONTH_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_YEAR_PATTERN = re.compile(r"^\d{4}$")

_lock = threading.Lock()
_system: Any = None

CENT = Decimal("0.01")


def tax_benefit_system() -> Any:
    """Return the process-wide ``FranceTaxBenefitSystem``, building it on first use.

    Building it loads thousands of variables and parameter files (about 3 s), so it is a
    lazy module-level singleton; the lock keeps two threads from building it twice.
    """
    global _system
    if _system is None:
        with _lock:
            if _system is None:
                # Imported here so that importing this package stays cheap.
                from openfisca_france import FranceTaxBenefitSystem

                _system = FranceTaxBenefitSystem()
    return _system


def check_month(month: str) -> str:
    """Return ``month`` if it is an ISO month such as ``"2026-03"``, else raise ValueError."""
    if not isinstance(month, str) or not _MONTH_PATTERN.match(month):
        raise ValueError(f"month must look like 'YYYY-MM', got {month!r}")
    return month


def month_of(year_or_month: str) -> str:
    """Return the month to compute for ``"YYYY-MM"`` (itself) or ``"YYYY"`` (its January)."""
    if isinstance(year_or_month, str) and _YEAR_PATTERN.match(year_or_month):
        return f"{year_or_month}-01"
    return check_month(year_or_month)


def iso_month(day: date) -> str:
    """Return ``day``'s month as ``"YYYY-MM"``, the year on four digits.

    ``f"{day:%Y-%m}"`` gives ``"1-01"`` for year 1 (strftime does not pad years below 1000
    on glibc), which :func:`check_month` refuses.
    """
    return f"{day.year:04d}-{day.month:02d}"


def first_day(month: str) -> date:
    """Return the first day of ``month`` (``"YYYY-MM"``)."""
    year, month_number = check_month(month).split("-")
    return date(int(year), int(month_number), 1)


def parameters_at(month: str) -> Any:
    """Return the OpenFisca parameter tree in force on the first day of ``month``."""
    return tax_benefit_system().parameters(first_day(month).isoformat())


def to_cents(value: float | Decimal) -> Decimal:
    """Round euros to the cent, half up, as a Decimal (money never leaves as a float)."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def rate(value: float) -> Decimal:
    """Return a parameter rate as an exact Decimal (OpenFisca parameters are YAML floats)."""
    return Decimal(str(value))


class MinimumWageUnknown(ValueError):
    """OpenFisca-France has no SMIC for the month asked (the SMIC starts in 1970)."""


def smic_hourly(month: str) -> Decimal:
    """Return the gross hourly SMIC (salaire minimum) in force on the first day of ``month``.

    Read from ``marche_travail.salaire_minimum.smic.smic_b_horaire`` (metropolitan France).
    Raises :class:`MinimumWageUnknown` for a month OpenFisca knows no SMIC in.
    """
    from openfisca_core.errors import ParameterNotFoundError

    try:
        hourly = parameters_at(month).marche_travail.salaire_minimum.smic.smic_b_horaire
    except ParameterNotFoundError as error:
        raise MinimumWageUnknown(f"OpenFisca-France knows no SMIC in {month}") from error
    return rate(hourly)


def legal_monthly_hours(month: str) -> Decimal:
    """Return the legal full-time monthly hours (151.67 since 2002) used by OpenFisca."""
    smic = parameters_at(month).marche_travail.salaire_minimum.smic
    return rate(smic.nb_heures_travail_mensuel)
