"""The planned period: on which dates each weekly block of a mission really happens.

An instance without any date (no ``period``, no mission date) is one typical week that
repeats: every block happens once, on its weekday, and Sunday is followed by Monday (the
daily rest wraps). This is exactly the engine's behaviour before dates existed.

With dates, days are numbered from the Monday of the period's first week (day ``n`` is in
week ``n // 7`` on weekday ``n % 7``) and nothing wraps. A mission with slots happens on
every date of its slots' weekdays between its own first and last dates (the period's by
default, clipped to it), except its excluded dates. A flexible mission is a weekly volume:
it is due in each *active* week (a calendar week of the period holding at least one of its
dates) and its placed blocks happen on their weekday in each active week; an excluded date
of a flexible mission removes its whole week (a volume is not cut by one day off). See
``docs/decisions/0043-engine-real-period.md``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from .schema import DAYS_PER_WEEK, EngineInput, InputError, Mission

MAX_WEEKS = 60
"""Longest period accepted (about a school year and a term)."""


@dataclass(frozen=True)
class Calendar:
    """Dates of an instance: weeks, working weeks, and each mission's days per weekday."""

    monday: dt.date | None
    weeks: int
    working: tuple[bool, ...]
    first_day: int
    last_day: int
    occurrences: dict[str, tuple[frozenset[int], ...]]
    """Mission id → per weekday (0–6), the day numbers on which a block of it happens."""

    @property
    def dated(self) -> bool:
        """True when the instance has real dates (else one repeating typical week)."""
        return self.monday is not None

    @property
    def cyclic(self) -> bool:
        """True for the typical repeating week: Sunday is followed by the same Monday."""
        return self.monday is None

    @property
    def days(self) -> int:
        """Number of day numbers (7 per week)."""
        return DAYS_PER_WEEK * self.weeks

    @property
    def working_weeks(self) -> int:
        """Number of working weeks (those over which the 24 h average is taken)."""
        return sum(self.working)

    def next_day(self, n: int) -> int | None:
        """The day after day ``n`` (wrapping in the typical week), None past the period."""
        if self.cyclic:
            return (n + 1) % DAYS_PER_WEEK
        return n + 1 if n + 1 < self.days else None

    def date_of(self, n: int) -> dt.date | None:
        """The date of day number ``n`` (None in the typical week)."""
        return None if self.monday is None else self.monday + dt.timedelta(days=n)

    def week_minutes(self, mission: Mission) -> Counter[int]:
        """Minutes of ``mission`` per week (fixed: a flexible volume is due per active week)."""
        per_week: Counter[int] = Counter()
        days = self.occurrences[mission.id]
        if mission.flexible is not None:
            for n in days[0] if days else ():
                per_week[n // DAYS_PER_WEEK] += mission.flexible.minutes
            return per_week
        for slot in mission.slots:
            for n in days[slot.day]:
                per_week[n // DAYS_PER_WEEK] += slot.minutes
        return per_week

    def total_minutes(self, mission: Mission) -> int:
        """Minutes of ``mission`` over the whole period."""
        return sum(self.week_minutes(mission).values())

    def counted_minutes(self, mission: Mission) -> int:
        """Minutes of ``mission`` in working weeks (those counted for the 24 h level)."""
        return sum(v for k, v in self.week_minutes(mission).items() if self.working[k])


def _period_bounds(instance: EngineInput) -> tuple[dt.date, dt.date] | None:
    if instance.period is not None:
        return instance.period.first_date, instance.period.last_date
    firsts = [m.first_date for m in instance.missions if m.first_date]
    lasts = [m.last_date for m in instance.missions if m.last_date]
    excluded = [d for m in instance.missions for d in m.excluded_dates]
    if not (firsts or lasts or excluded):
        return None
    candidates = firsts + lasts + excluded
    return min(firsts or candidates), max(lasts or candidates)


def calendar_of(instance: EngineInput) -> Calendar:
    """The calendar of ``instance`` (InputError when the period is unusable)."""
    bounds = _period_bounds(instance)
    if bounds is None:
        typical = tuple(frozenset({d}) for d in range(DAYS_PER_WEEK))
        return Calendar(
            None, 1, (True,), 0, DAYS_PER_WEEK - 1, {m.id: typical for m in instance.missions}
        )
    first, last = bounds
    monday = first - dt.timedelta(days=first.weekday())
    weeks = (last - monday).days // DAYS_PER_WEEK + 1
    if weeks > MAX_WEEKS:
        raise InputError(f"the period spans {weeks} weeks (at most {MAX_WEEKS})")
    non_working = {
        (d - monday).days // DAYS_PER_WEEK
        for d in (instance.period.non_working_weeks if instance.period else ())
    }
    working = tuple(k not in non_working for k in range(weeks))
    if not any(working):
        raise InputError("the period has no working week")
    first_day, last_day = (first - monday).days, (last - monday).days
    occurrences: dict[str, tuple[frozenset[int], ...]] = {}
    for mission in instance.missions:
        lo = max(first_day, (mission.first_date - monday).days if mission.first_date else 0)
        hi = min(last_day, (mission.last_date - monday).days if mission.last_date else last_day)
        excluded = {(d - monday).days for d in mission.excluded_dates}
        if mission.flexible is not None:
            active = {n // DAYS_PER_WEEK for n in range(lo, hi + 1)}
            active -= {n // DAYS_PER_WEEK for n in excluded}
            occurrences[mission.id] = tuple(
                frozenset(DAYS_PER_WEEK * k + d for k in sorted(active))
                for d in range(DAYS_PER_WEEK)
            )
            continue
        occurrences[mission.id] = tuple(
            frozenset(
                n for n in range(max(lo, 0), hi + 1) if n % DAYS_PER_WEEK == d and n not in excluded
            )
            for d in range(DAYS_PER_WEEK)
        )
    return Calendar(monday, weeks, working, first_day, last_day, occurrences)
