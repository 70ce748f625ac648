"""Objective levels of a :class:`Plan` (solver side; :mod:`.validation` recomputes them)."""

from __future__ import annotations

from collections.abc import Iterator

from .objectives import LEVELS
from .objectives.reach_threshold import fill, overtime
from .objectives.travel_km import day_route
from .schedule import Plan
from .variables import Problem


def _routes(problem: Problem, plan: Plan, w: int) -> Iterator[tuple[list[int], int]]:
    """Worker ``w``'s day routes (places in order) and how many dates each is driven."""
    occ = problem.occ
    for d, day in enumerate(plan.entries[w]):
        onsite = [(s, p, m) for s, _, p, m in day if problem.travels_for(m, w)]
        if not onsite:
            continue
        routes: dict[tuple[int, ...], int] = {}
        for n in set().union(*(occ[m][d] for _, _, m in onsite)):
            key = tuple(p for _, p, m in onsite if n in occ[m][d])
            routes[key] = routes.get(key, 0) + 1
        for key, times in routes.items():
            yield list(key), times


def worker_hectometres(problem: Problem, plan: Plan, w: int) -> int:
    """Hectometres of worker ``w``'s routes over every date, each leg rounded (the km level's
    integer unit)."""
    return sum(times * day_route(problem, w, key)[1] for key, times in _routes(problem, plan, w))


def worker_km(problem: Problem, plan: Plan, w: int) -> float:
    """Kilometres of worker ``w``'s routes over every date, not rounded (as validation sums
    them for the km a week it reports)."""
    return sum(times * day_route(problem, w, key)[0] for key, times in _routes(problem, plan, w))


def plan_levels(
    problem: Problem, plan: Plan, workers: list[int], missions: list[int]
) -> dict[str, int]:
    """Objective levels of ``plan`` restricted to ``workers`` and ``missions``."""
    rules = problem.rules
    weeks = problem.calendar.working_weeks
    covered = sum(problem.mission_minutes[m] for m in missions if m in plan.assigned)
    reached = sum(1 for w in workers if plan.at_threshold(w))
    filled = sum(fill(rules, problem.workers[w], plan.worked_week[w], weeks) for w in workers)
    extra = sum(overtime(problem.workers[w], plan.worked_week[w], weeks) for w in workers)
    km = sum(worker_hectometres(problem, plan, w) for w in workers)
    stable = sum(
        1
        for m in missions
        if m in plan.assigned and plan.assigned[m][0] == problem.previous_worker.get(m)
    )
    values = {
        "covered_minutes": covered,
        "workers_at_threshold": reached,
        "overtime_minutes": extra,
        "threshold_fill": filled,
        "km_hectometres": km,
        "stable_missions": stable,
    }
    assert set(values) == {name for name, _ in LEVELS}
    return values
