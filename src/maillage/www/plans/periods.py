"""The period a new consolidation run proposes by default, when no accepted need says one.

French school terms run between the holidays: la Toussaint, Noël, the winter and spring
holidays (whose dates depend on the zone, A, B or C) and summer. The bounds below are the
usual ones, rounded so that they hold in every zone in most years; the coordinator can
always change the dates before running.
"""

from __future__ import annotations

import datetime as dt

#: (first month, first day, last month, last day) of each term, from September.
SCHOOL_TERMS = (
    (9, 1, 10, 17),
    (11, 3, 12, 19),
    (1, 5, 2, 6),
    (3, 9, 4, 3),
    (5, 4, 7, 3),
)
#: A term with less left than this is over for planning: the next one is proposed.
MIN_DAYS_LEFT = 14


def _terms_around(year: int) -> list[tuple[dt.date, dt.date]]:
    """Every term of the school years starting in ``year - 1`` and ``year``."""
    terms = []
    for school_year in (year - 1, year):
        for first_month, first_day, last_month, last_day in SCHOOL_TERMS:
            start_year = school_year if first_month >= 9 else school_year + 1
            end_year = school_year if last_month >= 9 else school_year + 1
            terms.append(
                (
                    dt.date(start_year, first_month, first_day),
                    dt.date(end_year, last_month, last_day),
                )
            )
    return terms


def school_term_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The rest of the current school term from next Monday, or the next term when this one
    is nearly over (or during the holidays)."""
    next_monday = today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)
    for start, end in sorted(_terms_around(today.year) + _terms_around(today.year + 1)):
        first = max(start, next_monday)
        if (end - first).days >= MIN_DAYS_LEFT:
            return first, end
    raise AssertionError("a school term always follows")  # pragma: no cover
