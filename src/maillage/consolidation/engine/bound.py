"""Bounds on each objective level, computed without the solver.

Sign convention: the objective is maximised, so ``bound`` is an upper bound on it. Per
level: covered minutes ≤ minutes of missions having an eligible worker; workers at the
threshold ≤ wishers whose weekly capacity reaches it, and ≤ the minutes they could share
divided by the threshold; fill ≤ each wisher's capacity capped at the threshold;
overtime ≥ 0; km ≥ 0; stable missions ≤ previous pairs still eligible.
A worker's weekly capacity relaxes its rules: per day, the best set of non-overlapping
eligible slots (weighted interval scheduling, travel ignored) capped at ``max_day_minutes``,
plus its eligible flexible minutes as far as they fit in the hours their windows share with
its availability, capped by its weekly limit.
"""

from __future__ import annotations

import bisect

from .constraints.availability import merge_windows
from .constraints.work_limits import week_cap
from .objectives.reach_threshold import wishes_threshold
from .schema import DAYS_PER_WEEK, Block
from .variables import Problem


def _best_day(intervals: list[tuple[int, int]]) -> int:
    """Most minutes of non-overlapping intervals (weighted interval scheduling)."""
    intervals = sorted(intervals, key=lambda span: span[1])
    ends = [end for _, end in intervals]
    best = [0] * (len(intervals) + 1)
    for i, (start, end) in enumerate(intervals):
        compatible = bisect.bisect_right(ends, start, 0, i)
        best[i + 1] = max(best[i], best[compatible] + end - start)
    return best[-1]


def flexible_room(problem: Problem, w: int, missions: list[int]) -> list[list[tuple[int, int]]]:
    """Per weekday, where worker ``w`` could place any of these flexible volumes: the union
    of their windows with its availability (merged, sorted spans in minutes)."""
    windows: set[Block] = set()
    for m in missions:
        volume = problem.missions[m].flexible
        windows.update(volume.windows if volume is not None else ())
    return _room(problem, w, windows)


def _room(problem: Problem, w: int, windows: set[Block]) -> list[list[tuple[int, int]]]:
    pieces = []
    for window in windows:
        for start, end in problem.availability[w][window.day]:
            lo, hi = max(start, window.start), min(end, window.end)
            if lo < hi:
                pieces.append(Block(window.day, lo, hi))
    return merge_windows(tuple(pieces))


def room_minutes(problem: Problem, room: list[list[tuple[int, int]]]) -> int:
    """The most minutes a week can hold in ``room``: per weekday, its length or the daily
    limit, whichever is less (a worker's blocks on a date do not overlap)."""
    return sum(
        min(problem.rules.max_day_minutes, sum(end - start for start, end in spans))
        for spans in room
    )


def worker_capacity(problem: Problem) -> list[int]:
    """An upper bound on the minutes each worker could work in the working weeks.

    Per working week: per date, the best set of non-overlapping eligible slots happening that
    date (capped at ``max_day_minutes``), plus the eligible flexible minutes due that week up
    to what fits in the hours their windows share with the worker's availability (decision
    0050), capped at the weekly limit.
    """
    cached = getattr(problem, "_capacity", None)
    if cached is not None:
        return list(cached)
    rules = problem.rules
    calendar = problem.calendar
    capacity = []
    # Volumes mostly share their windows: each distinct set of windows gets a number once, so
    # that a worker collects numbers, not blocks (hashing blocks cost a second on L).
    numbers: dict[tuple[Block, ...], int] = {}
    windows_number = [
        numbers.setdefault(mission.flexible.windows, len(numbers)) if mission.flexible else -1
        for mission in problem.missions
    ]
    windows_of = list(numbers)
    for w, worker in enumerate(problem.workers):
        per_day: dict[int, list[tuple[int, int]]] = {}
        flexible: dict[int, int] = {}
        window_sets: set[int] = set()
        for m in problem.eligible_missions[w]:
            mission = problem.missions[m]
            if mission.flexible is not None:
                window_sets.add(windows_number[m])
                for k, minutes in problem.mission_weeks[m].items():
                    flexible[k] = flexible.get(k, 0) + minutes
            for slot in mission.slots:
                for n in problem.occ[m][slot.day]:
                    per_day.setdefault(n, []).append((slot.start, slot.end))
        weeks = [flexible.get(k, 0) for k in range(calendar.weeks)]
        if flexible:
            # Volumes go in the hours their windows share with the worker's availability.
            windows = {window for n in window_sets for window in windows_of[n]}
            room = room_minutes(problem, _room(problem, w, windows))
            weeks = [min(room, minutes) for minutes in weeks]
        for n, spans in per_day.items():
            weeks[n // DAYS_PER_WEEK] += min(rules.max_day_minutes, _best_day(spans))
        cap = week_cap(rules, worker)
        capacity.append(
            sum(min(cap, minutes) for k, minutes in enumerate(weeks) if calendar.working[k])
        )
    problem._capacity = list(capacity)  # computed once per indexed problem
    return capacity


def wishers_with_room(problem: Problem, capacity: list[int]) -> list[int]:
    """Workers who wish the threshold and whose capacity (:func:`worker_capacity`) reaches it."""
    return [
        w
        for w, worker in enumerate(problem.workers)
        if wishes_threshold(problem.rules, worker) and capacity[w] >= problem.target
    ]


def level_bounds(
    problem: Problem, blocked: set[int], capacity: list[int] | None = None
) -> dict[str, int]:
    """Optimistic value of each level (upper for maximised levels, lower for km)."""
    rules = problem.rules
    threshold = problem.target
    open_missions = [
        m for m in range(len(problem.missions)) if m not in blocked and problem.eligible_workers[m]
    ]
    if capacity is None:
        capacity = worker_capacity(problem)
    capable = set(wishers_with_room(problem, capacity))
    shareable = sum(
        problem.counted_minutes[m]
        for m in open_missions
        if capable.intersection(problem.eligible_workers[m])
    )
    wishers = {w for w, worker in enumerate(problem.workers) if wishes_threshold(rules, worker)}
    fill = sum(min(threshold, capacity[w]) for w in wishers)
    wisher_minutes = sum(
        problem.counted_minutes[m]
        for m in open_missions
        if wishers.intersection(problem.eligible_workers[m])
    )
    stable = sum(
        1
        for m, w in problem.previous_worker.items()
        if m not in blocked and problem.is_eligible(m, w)
    )
    return {
        "covered_minutes": sum(problem.mission_minutes[m] for m in open_missions),
        "workers_at_threshold": min(len(capable), shareable // threshold if threshold else 0),
        "overtime_minutes": 0,
        "threshold_fill": min(fill, wisher_minutes),
        "km_hectometres": 0,
        "stable_missions": stable,
    }
