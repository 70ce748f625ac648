"""Independent re-check of any plan: every hard rule, then the metrics and objective levels.

This module shares no code with the construction or the solver beyond the input schema,
the distance formula and the objective weights: it recomputes everything from the JSON-level
data, so a bug in the engine cannot hide itself.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from dataclasses import dataclass, field
from typing import Any

from .geometry import great_circle_km, hectometres, travel_minutes
from .objectives.weights import combine, global_weights
from .schema import DAYS_PER_WEEK, MINUTES_PER_DAY, Block, EngineInput, EngineResult, Mission


@dataclass(frozen=True)
class Violation:
    """One broken rule: a code (see ``docs/engine-format.md``), where, and a sentence."""

    code: str
    mission: str | None
    worker: str | None
    detail: str

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object of this violation."""
        return {
            "code": self.code,
            "mission": self.mission,
            "worker": self.worker,
            "detail": self.detail,
        }


@dataclass
class ValidationReport:
    """What :func:`validate` found: broken rules, metrics, objective levels and value."""

    violations: list[Violation] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    levels: dict[str, int] = field(default_factory=dict)
    objective: int = 0

    @property
    def ok(self) -> bool:
        """True when no rule is broken."""
        return not self.violations

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object printed by ``validate``."""
        return {
            "ok": self.ok,
            "violations": [v.to_dict() for v in self.violations],
            "metrics": self.metrics,
            "levels": self.levels,
            "objective": self.objective,
        }


def _merged(blocks: tuple[Block, ...]) -> list[list[tuple[int, int]]]:
    days: list[list[tuple[int, int]]] = [[] for _ in range(DAYS_PER_WEEK)]
    for b in sorted(blocks):
        if days[b.day] and b.start <= days[b.day][-1][1]:
            days[b.day][-1] = (days[b.day][-1][0], max(days[b.day][-1][1], b.end))
        else:
            days[b.day].append((b.start, b.end))
    return days


def _within(block: Block, spans: list[list[tuple[int, int]]]) -> bool:
    return any(s <= block.start and block.end <= e for s, e in spans[block.day])


@dataclass(frozen=True)
class _Dates:
    """The validator's own reading of the period (independent of ``calendar.py``)."""

    monday: dt.date | None
    weeks: int
    working: list[bool]
    days: dict[str, list[set[int]]]  # mission id → per weekday, day numbers it happens on


def _dates(instance: EngineInput) -> _Dates:
    """Day numbers of every mission's blocks, per the rules of ``docs/engine-format.md``."""
    missions = instance.missions
    if instance.period is not None:
        first, last = instance.period.first_date, instance.period.last_date
    else:
        starts = [m.first_date for m in missions if m.first_date]
        ends = [m.last_date for m in missions if m.last_date]
        every = starts + ends + [d for m in missions for d in m.excluded_dates]
        if not every:
            return _Dates(None, 1, [True], {m.id: [{d} for d in range(7)] for m in missions})
        first, last = min(starts or every), max(ends or every)
    monday = first - dt.timedelta(days=first.weekday())
    weeks = (last - monday).days // 7 + 1
    off = {
        (d - monday).days // 7
        for d in (instance.period.non_working_weeks if instance.period else ())
    }
    days: dict[str, list[set[int]]] = {}
    for m in missions:
        since = max(first, m.first_date or first)
        until = min(last, m.last_date or last)
        dates = [since + dt.timedelta(days=i) for i in range((until - since).days + 1)]
        dates = [d for d in dates if d not in m.excluded_dates]
        if m.flexible is not None:
            excluded_weeks = {(d - monday).days // 7 for d in m.excluded_dates}
            active = {(d - monday).days // 7 for d in dates} - excluded_weeks
            days[m.id] = [{7 * k + wd for k in active} for wd in range(7)]
        else:
            days[m.id] = [
                {(d - monday).days for d in dates if d.weekday() == wd} for wd in range(7)
            ]
    return _Dates(monday, weeks, [k not in off for k in range(weeks)], days)


def validate(instance: EngineInput, result: EngineResult) -> ValidationReport:
    """Check ``result`` against every hard rule of ``instance`` and recompute its metrics."""
    rules = instance.rules
    report = ValidationReport()
    places = {p.id: p for p in instance.places}
    workers = {w.id: w for w in instance.workers}
    missions = {m.id: m for m in instance.missions}

    def broken(code: str, mission: str | None, worker: str | None, detail: str) -> None:
        report.violations.append(Violation(code, mission, worker, detail))

    def road_km(a: str, b: str) -> float:
        pa, pb = places[a], places[b]
        return great_circle_km(pa.lat, pa.lon, pb.lat, pb.lon) * rules.road_factor

    dates = _dates(instance)
    seen: set[str] = set()
    # Per worker: (day number, block, place, mission) of every dated occurrence.
    schedule: dict[str, list[tuple[int, Block, str, str]]] = {w: [] for w in workers}
    assigned_to: dict[str, str] = {}
    for a in result.assignments:
        if a.mission not in missions or a.worker not in workers:
            broken("unknown_id", a.mission, a.worker, "assignment refers to an unknown id")
            continue
        if a.mission in seen:
            broken("assigned_twice", a.mission, a.worker, "mission assigned more than once")
            continue
        seen.add(a.mission)
        assigned_to[a.mission] = a.worker
        mission, worker = missions[a.mission], workers[a.worker]
        # A remote mission is done at the worker's tiers-lieu base if it chose one, else home.
        where = (worker.remote_base or worker.home) if mission.place is None else mission.place
        for name, level in mission.skills.items():
            if worker.skills.get(name, 0) < level:
                broken("skill", a.mission, a.worker, f"needs {name} ≥ {level}")
        if mission.place is not None and road_km(worker.home, mission.place) > worker.max_km + 1e-9:
            broken("range", a.mission, a.worker, f"place beyond {worker.max_km} km")
        if any(p.mission == a.mission and p.worker == a.worker for p in instance.forbidden):
            broken("forbidden", a.mission, a.worker, "forbidden pair")
        if mission.flexible is None:
            if sorted(a.blocks) != sorted(mission.slots):
                broken("blocks", a.mission, a.worker, "blocks differ from the mission's slots")
        else:
            flex = mission.flexible
            windows = _merged(flex.windows)
            if sum(b.minutes for b in a.blocks) != flex.minutes:
                broken("blocks", a.mission, a.worker, f"blocks do not add up to {flex.minutes}")
            for b in a.blocks:
                if b.minutes < flex.min_block:
                    broken("min_block", a.mission, a.worker, f"block {b} shorter than min_block")
                if b.start % rules.step_minutes or b.end % rules.step_minutes:
                    broken("step", a.mission, a.worker, f"block {b} off the step grid")
                if not _within(b, windows):
                    broken("window", a.mission, a.worker, f"block {b} outside the windows")
        availability = _merged(worker.availability)
        expected = set()
        for b in a.blocks:
            if not _within(b, availability):
                broken("availability", a.mission, a.worker, f"block {b} outside availability")
            for n in dates.days[a.mission][b.day]:
                schedule[a.worker].append((n, b, where, a.mission))
                if dates.monday is not None:
                    expected.add((dates.monday + dt.timedelta(days=n), b.start, b.end))
        listed = {(o.date, o.start, o.end) for o in a.occurrences}
        if a.occurrences and listed != expected:
            excluded = {d for d, _, _ in listed} & set(mission.excluded_dates)
            code = "excluded_date" if excluded else "occurrences"
            broken(code, a.mission, a.worker, "dated occurrences differ from the mission's dates")
    unassigned_ids = [u.mission for u in result.unassigned]
    for mission_id in unassigned_ids:
        if mission_id in seen:
            broken("assigned_and_unassigned", mission_id, None, "listed in both")
    for mission_id in set(missions) - seen - set(unassigned_ids):
        broken("missing", mission_id, None, "neither assigned nor listed as unassigned")
    rejected = {(p.mission, p.worker) for p in result.rejected_pins}
    blocks_of = {a.mission: sorted(a.blocks) for a in result.assignments}
    for a in instance.previous_plan:
        if a.mission not in missions or not missions[a.mission].started:
            continue
        if (a.mission, a.worker) in rejected:
            continue
        if assigned_to.get(a.mission) != a.worker or blocks_of.get(a.mission) != sorted(a.blocks):
            broken("started_moved", a.mission, a.worker, "a started mission was moved")
    for pin in instance.pinned:
        if assigned_to.get(pin.mission) != pin.worker and (pin.mission, pin.worker) not in rejected:
            broken("pin", pin.mission, pin.worker, "pin neither honoured nor reported")

    worked: dict[str, int] = {}
    weekly: dict[str, list[int]] = {}
    km_total, hm_total = 0.0, 0
    for worker_id, items in schedule.items():
        worker = workers[worker_id]
        speed = rules.speed_kmh[worker.travel_mode]
        by_day: dict[int, list[tuple[Block, str, str]]] = {}
        for n, b, where, m in items:
            by_day.setdefault(n, []).append((b, where, m))
        # Remote missions done at home are no trip; at a tiers-lieu base, the trip counts.
        remote = {
            m for _, _, _, m in items if missions[m].place is None and worker.remote_base is None
        }
        first: dict[int, int] = {}
        last: dict[int, int] = {}
        week_minutes = [0] * dates.weeks
        for n, day_items in sorted(by_day.items()):
            day_items.sort(key=lambda item: (item[0].start, item[0].end))
            for (b1, p1, m1), (b2, p2, m2) in itertools.pairwise(day_items):
                if b2.start < b1.end:
                    broken("overlap", m2, worker_id, f"{m1} and {m2} overlap on day {n}")
                elif b1.end + travel_minutes(road_km(p1, p2), speed) > b2.start:
                    broken("travel", m2, worker_id, f"no time to travel from {m1} to {m2}")
            minutes = sum(b.minutes for b, _, _ in day_items)
            week_minutes[n // 7] += minutes
            if minutes > rules.max_day_minutes:
                broken("max_day_minutes", None, worker_id, f"{minutes} min on day {n}")
            first[n] = day_items[0][0].start
            last[n] = max(b.end for b, _, _ in day_items)
            stops = [worker.home, *(p for _, p, m in day_items if m not in remote), worker.home]
            for p1, p2 in itertools.pairwise(stops):
                leg = road_km(p1, p2)
                km_total += leg
                hm_total += hectometres(leg)
        for n, end in last.items():
            following = (n + 1) % 7 if dates.monday is None else n + 1
            start = first.get(following)
            if start is not None and MINUTES_PER_DAY - end + start < rules.min_daily_rest_minutes:
                broken("daily_rest", None, worker_id, f"short rest after day {n}")
        for k, week in enumerate(week_minutes):
            if week > rules.max_week_minutes:
                broken("max_week_minutes", None, worker_id, f"{week} min in week {k}")
            if week > worker.max_minutes:
                broken("max_minutes", None, worker_id, f"{week} min above its max_minutes")
        weekly[worker_id] = week_minutes
        worked[worker_id] = sum(v for k, v in enumerate(week_minutes) if dates.working[k])

    threshold = rules.threshold_minutes
    n_working = sum(dates.working)
    target = threshold * n_working
    floor = rules.week_floor_minutes
    wishers = [w for w in instance.workers if w.wished_minutes >= threshold]
    at_threshold = sum(
        1
        for w in wishers
        if worked[w.id] >= target
        and all(v >= floor for k, v in enumerate(weekly[w.id]) if dates.working[k])
    )
    fill = sum(min(worked[w.id], target) for w in wishers)
    overtime = sum(max(0, worked[w.id] - w.wished_minutes * n_working) for w in instance.workers)
    previous: dict[str, str] = {}
    for w in instance.workers:
        for mission_id in w.previous:
            if mission_id in missions:
                previous.setdefault(mission_id, w.id)
    for a in instance.previous_plan:
        if a.mission in missions and a.worker in workers:
            previous.setdefault(a.mission, a.worker)
    stable = sum(1 for m, w in previous.items() if assigned_to.get(m) == w)

    def period_minutes(m: Mission) -> int:
        if m.flexible is not None:
            return m.flexible.minutes * len(dates.days[m.id][0])
        return sum(slot.minutes * len(dates.days[m.id][slot.day]) for slot in m.slots)

    covered = sum(period_minutes(missions[m]) for m in seen)
    report.levels = {
        "covered_minutes": covered,
        "workers_at_threshold": at_threshold,
        "overtime_minutes": overtime,
        "threshold_fill": fill,
        "km_hectometres": hm_total,
        "stable_missions": stable,
    }
    report.objective = combine(report.levels, global_weights(instance))
    active_hours = sorted(minutes / 60 / n_working for minutes in worked.values() if minutes > 0)
    demand = sum(period_minutes(m) for m in instance.missions)
    report.metrics = {
        "demand_minutes": demand,
        "covered_minutes": covered,
        # Averages a calendar week of the period (equal to the above for a typical week).
        "demand_minutes_week": round(demand / dates.weeks),
        "covered_minutes_week": round(covered / dates.weeks),
        "coverage": round(covered / demand, 4) if demand else 1.0,
        "workers_wishing_threshold": len(wishers),
        "workers_at_threshold": at_threshold,
        "active_workers": len(active_hours),
        "working_weeks": n_working,
        "median_active_hours": round(statistics.median(active_hours), 2) if active_hours else 0.0,
        "km_week": round(km_total / dates.weeks, 1),
        "km_period": round(km_total, 1),
        "stability": round(stable / len(previous), 4) if previous else 1.0,
        # 0 says the stability above means nothing: no mission was held before.
        "previous_missions": len(previous),
        "wall_seconds": float(result.metrics.get("wall_seconds", 0.0)),
    }
    return report
