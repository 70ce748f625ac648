"""Money and durations written one way on every page and every PDF.

Pure functions: they take the language as an argument instead of reading the active
translation, so a PDF built in a Celery task writes the same thing as the page the user saw.
French: "1 234,56 €" (no-break spaces, as Django's French number format groups thousands,
so a figure never wraps between its digits and its unit); English: "€1,234.56".
"""

from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"

_CENT = Decimal("0.01")


def _grouped(digits: str, separator: str) -> str:
    """'1234567' -> '1 234 567' with the given separator."""
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return separator.join(groups)


def format_money(amount: Decimal | int | float | str | None, language: str) -> str:
    """An amount in euros, to the cent, for a reader of `language` ("fr", "en", "fr-fr"...).

    None gives an em dash (an amount not known, not zero). Cents are rounded half up, as on
    an invoice. Any language other than English reads the French way: French is the default.
    """
    if amount is None or amount == "":
        return "—"
    value = Decimal(str(amount)).quantize(_CENT, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    units, cents = f"{abs(value):.2f}".split(".")
    if (language or "").lower().startswith("en"):
        return f"{sign}€{_grouped(units, ',')}.{cents}"
    return f"{sign}{_grouped(units, NBSP)},{cents}{NBSP}€"


def format_duration(minutes: int | float | None) -> str:
    """Minutes as hours and minutes, the way both languages read a timetable.

    90 -> "1 h 30", 240 -> "4 h", 5 -> "0 h 05", None -> "—" (no-break space before "h").
    Minutes are rounded to the nearest whole minute.
    """
    if minutes is None or minutes == "":
        return "—"
    total = round(float(minutes))
    sign = "-" if total < 0 else ""
    hours, rest = divmod(abs(total), 60)
    if rest == 0:
        return f"{sign}{hours}{NBSP}h"
    return f"{sign}{hours}{NBSP}h{NBSP}{rest:02d}"
