"""The marketplace baseline: missions one by one, each to the nearest qualified free worker.

Order (fixed, documented): started missions stay where they are (a re-run: a marketplace
cannot move them either), then pins, then missions by their earliest block (day, start)
— a flexible mission by the start of its first window — then by id. "Nearest" is the road
distance from the worker's home to the mission's place (0 for remote work); ties go to the
worker listed first. "Free" means every hard rule still holds with the worker's current
week; a flexible mission takes the first placement that fits.
"""

from __future__ import annotations

from .construction import apply_frozen, apply_pins, keep_renewals
from .schedule import Plan
from .schema import RejectedPin
from .variables import Problem


def mission_order_key(problem: Problem, m: int) -> tuple[int, int, str]:
    """Sort key of the baseline's fixed order: earliest (day, start), then id."""
    mission = problem.missions[m]
    blocks = mission.slots if mission.flexible is None else mission.flexible.windows
    first = min(blocks)
    return first.day, first.start, mission.id


def nearest_first(problem: Problem, m: int) -> list[int]:
    """Mission ``m``'s eligible workers by road km from home to where they would do it, then
    by index (the same order as sorting on ``(problem.home_km(m, w), w)``, in one array
    lookup: on a département this sort was a fifth of the baseline's time)."""
    workers = problem.eligible_workers[m]
    km = problem.km_of_eligible_workers(m)
    return [int(workers[i]) for i in sorted(range(len(workers)), key=lambda i: (km[i], workers[i]))]


def baseline_start(
    problem: Problem, *, rebook: bool = False
) -> tuple[Plan, list[RejectedPin], list[int]]:
    """Started missions and pins in place, the pins refused, the other missions in order.

    With ``rebook``, renewals go back to last term's worker first, where free."""
    plan = Plan(problem)
    rejected = apply_frozen(problem, plan) + apply_pins(problem, plan)
    blocked = {problem.mission_index[p.mission] for p in rejected}
    if rebook:
        keep_renewals(problem, plan, blocked)
    order = sorted(
        (m for m in range(len(problem.missions)) if m not in plan.assigned and m not in blocked),
        key=lambda m: mission_order_key(problem, m),
    )
    return plan, rejected, order


def baseline_plan(problem: Problem, *, rebook: bool = False) -> tuple[Plan, list[RejectedPin]]:
    """Build the marketplace plan and the pins it could not honour; with ``rebook``, the
    marketplace in which each buyer rebooks last term's worker (decision 0056)."""
    plan, rejected, order = baseline_start(problem, rebook=rebook)
    for m in order:
        for w in nearest_first(problem, m):
            if not plan.week_room(m, w):
                continue
            blocks, _ = plan.fit(m, w)
            if blocks is not None:
                plan.add(m, w, blocks)
                break
    return plan, rejected
