"""Objective levels of a :class:`Plan` (solver side; :mod:`.validation` recomputes them)."""

from __future__ import annotations

from .objectives import LEVELS
from .objectives.reach_threshold import fill, overtime, wishes_threshold
from .objectives.travel_km import day_route
from .schedule import Plan
from .variables import Problem


def plan_levels(
    problem: Problem, plan: Plan, workers: list[int], missions: list[int]
) -> dict[str, int]:
    """Objective levels of ``plan`` restricted to ``workers`` and ``missions``."""
    rules = problem.rules
    covered = sum(problem.mission_minutes[m] for m in missions if m in plan.assigned)
    reached = sum(
        1
        for w in workers
        if wishes_threshold(rules, problem.workers[w])
        and plan.worked_week[w] >= rules.threshold_minutes
    )
    filled = sum(fill(rules, problem.workers[w], plan.worked_week[w]) for w in workers)
    extra = sum(overtime(problem.workers[w], plan.worked_week[w]) for w in workers)
    km = sum(
        day_route(problem, w, [p for _, _, p, m in day if problem.mission_place[m] >= 0])[1]
        for w in workers
        for day in plan.entries[w]
        if day
    )
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
