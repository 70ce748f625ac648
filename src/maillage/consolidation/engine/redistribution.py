"""Deal the flexible volume again, to those who need the least of it to reach the threshold.

Flexible volume (remote community management and web upkeep) is the scarce resource of the
threshold level (decision 0049): on L seed 1's 60-s plan every minute of it is held, 99.6 %
by people at 24 h, and 55 of those 295 people can hold less than 6 h of fixed work, so that
18 h or more of their 24 h are volume, while 21 people below 24 h could do 18 h of fixed
work or more and need 6 h of volume or less. The LNS and the trades move a few missions at
a time; this move deals all of the volume again (decision 0059):

1. Workers below the threshold who wish it take the fixed missions they can, uncovered
   ones first, then those of workers who cannot count toward the threshold. Coverage never
   drops and nobody at the threshold loses a mission.
2. Every movable volume is taken back. Workers who wish the threshold and have room, least
   need first (the threshold minus what they hold), take volumes one at a time: the smallest
   that covers what they still need, else the largest. A worker who does not get there gives
   them back.
3. Volumes left go back to their holder where they still fit, else to anyone who can take
   them; one that nobody can take ends the move (coverage may not drop).
4. Fixed missions taken in step 1 by a worker who did not reach the threshold go back to
   their holder where they still fit; so does a volume whose new holder keeps its place at
   the threshold (or below it) without it: a coordinator sees fewer missions moved.

The result replaces the plan only when it is better on (minutes covered, people at the
threshold); callers with a km budget check it (the LNS's passes, :func:`.lns.improve`).
"""

from __future__ import annotations

import time

from .bound import wishers_with_room, worker_capacity
from .local_search import movable, take_in_order
from .schedule import Plan
from .schema import Block
from .variables import Problem

Taken = list[tuple[int, tuple[int, tuple[Block, ...]] | None]]
"""Missions a worker took in step 1, each with who held it before (None: uncovered)."""


def redistribute_volumes(
    problem: Problem,
    plan: Plan,
    blocked: set[int],
    *,
    deadline: float,
) -> int:
    """Deal the volume again (module docstring); return the people gained (0 if not adopted).

    ``plan`` is left as it was unless the dealt plan is adopted; the work stops without a
    change at ``deadline``.
    """
    counts = set(wishers_with_room(problem, worker_capacity(problem)))
    if not counts:
        return 0
    trial = plan.copy()
    taken = _take_fixed(problem, trial, blocked, counts, deadline)
    if taken is None:
        return 0
    holders = _lift_volumes(problem, trial, blocked)
    if not holders:
        return 0
    pool = set(holders)
    if not _deal(problem, trial, counts, holders, pool, deadline):
        return 0
    if not _give_back_volumes(problem, trial, holders, pool):
        return 0
    _give_back_fixed(trial, taken)
    _undo_needless_moves(trial, holders)
    covered = trial.covered_minutes() - plan.covered_minutes()
    gained = trial.people_at_threshold() - plan.people_at_threshold()
    if covered < 0 or (covered == 0 and gained <= 0):
        return 0
    plan.adopt(trial, plan.changed_missions(trial))
    return max(0, gained)


def _take_fixed(
    problem: Problem, plan: Plan, blocked: set[int], counts: set[int], deadline: float
) -> dict[int, Taken] | None:
    """Step 1, closest to the threshold first; None when ``deadline`` passes."""
    taken: dict[int, Taken] = {}
    below = sorted(
        (w for w in counts if not plan.at_threshold(w)),
        key=lambda w: (-plan.worked_week[w], w),
    )
    for w in below:
        if time.monotonic() > deadline:
            return None
        options = [
            m
            for m in problem.eligible_missions[w]
            if problem.missions[m].flexible is None
            and movable(problem, m, blocked)
            and (m not in plan.assigned or plan.assigned[m][0] not in counts)
        ]
        # Uncovered first (they add coverage), then the longest, then the nearest.
        options.sort(
            key=lambda m: (m in plan.assigned, -problem.counted_minutes[m], problem.home_km(m, w))
        )
        # Their holders cannot count toward the threshold: all that fits is taken.
        mine = take_in_order(problem, plan, w, options, until_threshold=False)
        if mine:
            taken[w] = mine
    return taken


def _lift_volumes(
    problem: Problem, plan: Plan, blocked: set[int]
) -> dict[int, tuple[int, tuple[Block, ...]]]:
    """Step 2's start: every movable volume taken back, with who held it and where."""
    holders = {
        m: held
        for m, held in plan.assigned.items()
        if problem.missions[m].flexible is not None and movable(problem, m, blocked)
    }
    for m in holders:
        plan.remove(m)
    return holders


def _deal(
    problem: Problem,
    plan: Plan,
    counts: set[int],
    holders: dict[int, tuple[int, tuple[Block, ...]]],
    pool: set[int],
    deadline: float,
) -> bool:
    """Step 2 (``pool``: the volumes not dealt yet); False when ``deadline`` passes."""
    target = problem.target
    volumes_of = {
        w: [m for m in problem.eligible_missions[w] if m in holders] for w in sorted(counts)
    }
    for w in sorted(counts, key=lambda w: (target - plan.worked_week[w], w)):
        if time.monotonic() > deadline:
            return False
        took: list[int] = []
        tried: set[int] = set()
        while not plan.at_threshold(w):
            need = target - plan.worked_week[w]
            options = [m for m in volumes_of[w] if m in pool and m not in tried]
            if not options:
                break
            enough = [m for m in options if problem.counted_minutes[m] >= need]
            # A volume's own holder keeps it on a tie: fewer missions change hands.
            if enough:
                m = min(enough, key=lambda m: (problem.counted_minutes[m], holders[m][0] != w, m))
            else:
                m = max(options, key=lambda m: (problem.counted_minutes[m], holders[m][0] == w, -m))
            tried.add(m)
            blocks = plan.refit(m, w, holders[m])
            if blocks is not None:
                plan.add(m, w, blocks)
                took.append(m)
                pool.discard(m)
        if not plan.at_threshold(w):
            for m in took:
                plan.remove(m)
                pool.add(m)
    return True


def _give_back_volumes(
    problem: Problem,
    plan: Plan,
    holders: dict[int, tuple[int, tuple[Block, ...]]],
    pool: set[int],
) -> bool:
    """Step 3, longest first; False when a volume finds nobody."""
    for m in sorted(pool, key=lambda m: (-problem.counted_minutes[m], m)):
        holder = holders[m][0]
        # Its holder first, where it was; then those below their wish, the fullest first:
        # the volume fills a week.
        takers = sorted(
            (
                w
                for w in problem.eligible_workers[m]
                if plan.worked_week[w] + problem.counted_minutes[m] <= problem.wish(w)
            ),
            key=lambda w: (plan.at_threshold(w), -plan.worked_week[w], w),
        )
        for w in [holder, *takers]:
            way = plan.refit(m, w, holders[m])
            if way is not None:
                plan.add(m, w, way)
                break
        else:
            return False
    return True


def _give_back_fixed(plan: Plan, taken: dict[int, Taken]) -> None:
    """Step 4: what step 1 took for nothing goes back (fewer km, fewer changes)."""
    for w, mine in taken.items():
        if plan.at_threshold(w):
            continue
        for m, held in reversed(mine):
            if held is None or plan.assigned.get(m, (None,))[0] != w:
                continue
            blocks = plan.assigned[m][1]
            plan.remove(m)
            if plan.check(m, *held) is None:
                plan.add(m, *held)
            else:
                plan.add(m, w, blocks)


def _undo_needless_moves(plan: Plan, holders: dict[int, tuple[int, tuple[Block, ...]]]) -> None:
    """Step 4 for volumes: back to their holder, where they were, when that costs no one."""
    for m, (holder, blocks) in holders.items():
        now = plan.assigned.get(m)
        if now is None or now[0] == holder:
            continue
        reached = plan.at_threshold(now[0])
        plan.remove(m)
        if (reached and not plan.at_threshold(now[0])) or plan.check(m, holder, blocks) is not None:
            plan.add(m, *now)
        else:
            plan.add(m, holder, blocks)
