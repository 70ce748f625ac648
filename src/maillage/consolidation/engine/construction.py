"""Consolidation-aware construction: pins, then fill workers who wish the threshold, then cover.

1. Pins are honoured first, in input order; a pin that cannot be honoured is reported.
2. Workers who wish at least the threshold and could reach it are filled one at a time with
   the missions the LP of :mod:`.guidance` gives them first, when there is one, then those
   it gives least to others, then the nearest missions that fit; a worker who cannot reach
   the threshold gives them back (fill or release: a worker only counts once at the
   threshold).
3. The remaining missions, longest first (then those with the closest possible worker),
   go to the nearest worker who can take them,
   preferring, among equally near ones, a worker who stays within its wish.
"""

from __future__ import annotations

from .bound import wishers_with_room, worker_capacity
from .constraints.availability import inside, merge_windows
from .schedule import Plan
from .schema import Block, RejectedPin
from .variables import Problem


def apply_pins(problem: Problem, plan: Plan) -> list[RejectedPin]:
    """Assign every pinned mission to its worker; return the pins that could not be."""
    from .explain import ineligibility_reason

    rejected = []
    for pair in problem.instance.pinned:
        m, w = problem.mission_index[pair.mission], problem.worker_index[pair.worker]
        held = plan.assigned.get(m)
        if held is not None:
            if held[0] != w:
                rejected.append(
                    RejectedPin(
                        pair.mission,
                        pair.worker,
                        "pin_conflict",
                        "the mission has started with another worker",
                    )
                )
            continue
        if not problem.is_eligible(m, w):
            code, detail = ineligibility_reason(problem, m, w)
            rejected.append(RejectedPin(pair.mission, pair.worker, code, detail))
            continue
        blocks, reason = plan.fit(m, w)
        if blocks is None:
            rejected.append(
                RejectedPin(
                    pair.mission,
                    pair.worker,
                    "pin_conflict",
                    f"the pinned worker cannot also take it ({reason})",
                )
            )
            continue
        plan.add(m, w, blocks)
    return rejected


def published_blocks_fit(problem: Problem, m: int, blocks: tuple[Block, ...]) -> bool:
    """True when blocks given from outside the engine (a published plan's) are a way of
    doing mission ``m``: its slots, or its flexible minutes in blocks of at least its
    minimum, on the step grid, inside its windows. (``Plan.check`` trusts the blocks'
    shape: the engine only generates well-shaped ones.)"""
    mission = problem.missions[m]
    flex = mission.flexible
    if flex is None:
        return sorted(blocks) == sorted(mission.slots)
    step = problem.rules.step_minutes
    windows = merge_windows(flex.windows)
    return sum(b.minutes for b in blocks) == flex.minutes and all(
        b.minutes >= flex.min_block
        and b.start % step == 0
        and b.end % step == 0
        and inside(b, windows)
        for b in blocks
    )


def apply_frozen(problem: Problem, plan: Plan) -> list[RejectedPin]:
    """Keep every started mission with its published worker and blocks, or report it."""
    rejected = []
    for m, (w, blocks) in sorted(problem.frozen.items()):
        if not published_blocks_fit(problem, m, blocks):
            mission, worker = problem.missions[m].id, problem.workers[w].id
            detail = "the started mission's published blocks are not a way of doing it"
            rejected.append(RejectedPin(mission, worker, "pin_conflict", detail))
            continue
        reason = plan.check(m, w, blocks)
        if reason is None:
            plan.add(m, w, blocks)
            continue
        mission, worker = problem.missions[m].id, problem.workers[w].id
        code = "pin_conflict" if problem.is_eligible(m, w) else "pin_unavailable"
        detail = f"the started mission no longer fits its worker ({reason})"
        rejected.append(RejectedPin(mission, worker, code, detail))
    return rejected


def repair_previous(problem: Problem, plan: Plan, blocked: set[int]) -> int:
    """Put back the published plan's assignments that still hold; return how many.

    An assignment comes back in its published blocks when they still fit, else in another
    placement with the same worker; otherwise its mission is left for the search.
    """
    kept = 0
    for m, (w, blocks) in sorted(problem.previous_plan.items()):
        if not _may_go_back(problem, plan, blocked, m, w):
            continue
        if published_blocks_fit(problem, m, blocks) and plan.check(m, w, blocks) is None:
            plan.add(m, w, blocks)
            kept += 1
        else:
            kept += _add_where_it_fits(plan, m, w)
    return kept


def _may_go_back(problem: Problem, plan: Plan, blocked: set[int], m: int, w: int) -> bool:
    """Mission ``m`` is free, not blocked, and may go to ``w`` (eligible, no other pin)."""
    if m in plan.assigned or m in blocked or not problem.is_eligible(m, w):
        return False
    pinned = problem.pinned.get(m)
    return pinned is None or pinned == w


def _add_where_it_fits(plan: Plan, m: int, w: int) -> bool:
    """Give ``m`` to ``w`` in its first placement that fits their week; say whether it did."""
    blocks, _ = plan.fit(m, w)
    if blocks is None:
        return False
    plan.add(m, w, blocks)
    return True


def keep_renewals(problem: Problem, plan: Plan, blocked: set[int]) -> int:
    """Give each renewed mission back to the worker who held it last term; return how many.

    The rebooking marketplace (decision 0056): a buyer rebooks the worker it knows, so a
    renewed need goes first to the worker listed as having it in ``previous`` when they are
    still eligible and free for it, in the input's order. The engine does not start this
    way (a start changes which flexible placements its whole model sees, and on the XS
    instance seed 7 cost 180 minutes of coverage); its stability level keeps renewals.
    """
    kept = 0
    for m, w in sorted(problem.renewed_from.items()):
        if _may_go_back(problem, plan, blocked, m, w) and plan.week_room(m, w):
            kept += _add_where_it_fits(plan, m, w)
    return kept


Preferences = dict[tuple[int, int], float]
"""(mission, worker) → the share of the mission the LP of :mod:`.guidance` gives the worker."""


def _fill_worker(
    problem: Problem,
    plan: Plan,
    w: int,
    blocked: set[int],
    preferences: Preferences,
    claimed: dict[int, float],
) -> bool:
    """Give ``w`` free missions up to the threshold, its largest LP shares first, then
    those the LP gives least to others (``claimed``: each mission's shares in all), then
    the nearest; release them if short."""
    km = dict(zip(problem.eligible_missions[w], problem.km_of_eligible_missions(w), strict=True))
    candidates = [
        m for m in problem.eligible_missions[w] if m not in plan.assigned and m not in blocked
    ]
    # Shares rounded to 1/1000: the LP's near-ties are broken by distance, not by noise.
    candidates.sort(
        key=lambda m: (
            -round(preferences.get((m, w), 0.0), 3),
            round(claimed.get(m, 0.0) - preferences.get((m, w), 0.0), 3),
            km[m],
            -problem.mission_minutes[m],
            m,
        )
    )
    taken = []
    # Minutes the candidates not tried yet could still add: once they cannot bring the
    # worker to the target, whatever is taken is released anyway (on a département most
    # wishers end there, each after trying every eligible mission).
    left = sum(problem.counted_minutes[m] for m in candidates)
    for m in candidates:
        if plan.at_threshold(w) or plan.worked_week[w] + left < problem.target:
            break
        left -= problem.counted_minutes[m]
        if not plan.week_room(m, w):
            continue
        blocks, _ = plan.fit(m, w)
        if blocks is not None:
            plan.add(m, w, blocks)
            taken.append(m)
    if plan.at_threshold(w):
        return True
    for m in taken:
        plan.remove(m)
    return False


def threshold_radius(problem: Problem, w: int) -> float:
    """Road km within which worker ``w`` finds twice the threshold in eligible minutes.

    Workers with a small radius can reach the threshold with short trips: they are filled
    first, which keeps the km of consolidated weeks low.
    """
    target = 2 * problem.target
    total = 0
    for km, minutes in sorted(
        zip(
            problem.km_of_eligible_missions(w),
            (problem.counted_minutes[m] for m in problem.eligible_missions[w]),
            strict=True,
        )
    ):
        total += minutes
        if total >= target:
            return km
    return float("inf")


def construct(
    problem: Problem, plan: Plan, blocked: set[int], preferences: Preferences | None = None
) -> Plan:
    """Complete ``plan`` (pins already applied) without touching ``blocked`` missions,
    following the LP's ``preferences`` (:mod:`.guidance`) when given."""
    wishers = wishers_with_room(problem, worker_capacity(problem))
    wishers.sort(key=lambda w: (threshold_radius(problem, w), w))
    claimed: dict[int, float] = {}
    for (m, _), share in (preferences or {}).items():
        claimed[m] = claimed.get(m, 0.0) + share
    for w in wishers:
        _fill_worker(problem, plan, w, blocked, preferences or {}, claimed)
    cover_remaining(problem, plan, blocked)
    return plan


def cover_remaining(problem: Problem, plan: Plan, blocked: set[int]) -> None:
    """Give each still-free mission, longest first, to the nearest worker who can take it.

    Among equally near workers, those who stay within their wish come first (overtime costs).
    """
    remaining = [
        m
        for m in range(len(problem.missions))
        if m not in plan.assigned and m not in blocked and problem.eligible_workers[m]
    ]
    # Longest first, then those with the closest possible worker: measured on the generated
    # M instance, scarcest-first travels 39 % more for +0.4 % minutes, and chronological
    # order (the baseline's) covers 1.4 % less; see docs/decisions/engine-construction.md.
    closest = {m: min(problem.km_of_eligible_workers(m)) for m in remaining}
    remaining.sort(key=lambda m: (-problem.mission_minutes[m], closest[m], m))
    wish = [problem.wish(w) for w in range(len(problem.workers))]
    for m in remaining:
        minutes = problem.counted_minutes[m]
        km = problem.km_of_eligible_workers(m)
        ranked = sorted(
            zip(km, problem.eligible_workers[m], strict=True),
            key=lambda pair: (
                pair[0],
                plan.worked_week[pair[1]] + minutes > wish[pair[1]],
                pair[1],
            ),
        )
        for _, w in ranked:
            if not plan.week_room(m, w):
                continue
            blocks, _ = plan.fit(m, w)
            if blocks is not None:
                plan.add(m, w, blocks)
                break
