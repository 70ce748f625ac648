"""Pure date arithmetic of dated work: which dates a weekly block falls on, ISO weeks, months.

No database here, so that the rules (period, excluded dates, public holidays) are tested as
properties over any input.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from maillage.core.limits import in_known_years
from maillage.territory.holidays import is_public_holiday

PARIS = ZoneInfo("Europe/Paris")
_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
# ASCII digits only: `\d` would read "２０２６-11" as 2026.
_MONTH = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])\Z")


@dataclass(frozen=True)
class DatedBlock:
    """A weekly block placed on a date: minutes from that date's midnight, Paris time."""

    date: dt.date
    start_minute: int
    end_minute: int

    @property
    def starts_at(self) -> dt.datetime:
        return at_minute(self.date, self.start_minute)

    @property
    def ends_at(self) -> dt.datetime:
        return at_minute(self.date, self.end_minute)


def at_minute(day: dt.date, minute: int) -> dt.datetime:
    """The aware Paris datetime `minute` minutes after `day`'s midnight (1440: next midnight)."""
    days, minute = divmod(minute, 1440)
    day = day + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=PARIS)


def dated_blocks(
    *,
    blocks: Iterable[tuple[int, int, int]],
    first: dt.date,
    last: dt.date,
    excluded: Iterable[tuple[dt.date, dt.date]] = (),
) -> list[DatedBlock]:
    """Each weekly block (weekday 0-6, start, end minutes) on every date from `first` to
    `last` with its weekday, except excluded dates (ranges, ends included) and French public
    holidays; in date then start order."""
    excluded = list(excluded)
    by_weekday: dict[int, list[tuple[int, int]]] = {}
    for weekday, start, end in blocks:
        by_weekday.setdefault(weekday, []).append((start, end))
    found: list[DatedBlock] = []
    for day in _days(first, last):
        spans = by_weekday.get(day.weekday())
        if not spans or is_public_holiday(day) or any(a <= day <= b for a, b in excluded):
            continue
        found.extend(DatedBlock(day, start, end) for start, end in sorted(spans))
    return found


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def week_monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def parse_iso_week(text: str | None, *, default: dt.date) -> dt.date:
    """The Monday of an ISO week written `2026-W48`; the week of `default` when absent, wrong
    or outside the years the platform knows (:func:`maillage.core.limits.in_known_years`)."""
    match = _ISO_WEEK.match(text or "")
    if match:
        try:
            monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            pass
        else:
            if in_known_years(monday):
                return monday
    return week_monday(default)


def iso_week_label(monday: dt.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def parse_day(text: str | None, *, default: dt.date) -> dt.date:
    """The day written `2026-11-24`; `default` when absent, wrong or outside the years the
    platform knows (:func:`maillage.core.limits.in_known_years`): a day page links to the
    days on either side, and 9999-12-31 has none after it."""
    try:
        day = dt.date.fromisoformat(text or "")
    except ValueError:
        return default
    return day if in_known_years(day) else default


class MonthNotWritten(ValueError):
    """A month not written as year-month (`2026-11`)."""


class MonthOutOfReach(ValueError):
    """A month outside the years the platform knows (:func:`.in_known_years`)."""


def read_month(text: str) -> dt.date:
    """The first day of a month written `2026-11` (spaces around it ignored).

    The one reader of a month that people type: pages, forms, the API and commands say
    what is wrong in their own words, from the error raised (:class:`MonthNotWritten`,
    :class:`MonthOutOfReach`, both ValueErrors).
    """
    # Commands and the API may hand over None or a number: not a month either.
    match = _MONTH.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise MonthNotWritten(text)
    year = int(match[1])
    if year < 1 or not in_known_years(first := dt.date(year, int(match[2]), 1)):
        raise MonthOutOfReach(text)
    return first


def parse_month(text: str | None, *, default: dt.date) -> dt.date:
    """The month of :func:`read_month`; `default`'s month when absent, wrong or out of reach."""
    try:
        return read_month(text or "")
    except ValueError:
        return default.replace(day=1)


def month_last_day(first: dt.date) -> dt.date:
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def shift_month(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)
