"""Relocation local search: move one mission to another worker when the plan gets better.

A move is kept only if the objective levels of the two workers involved improve
lexicographically (exact routes, overtime, threshold): no weights, no approximation.
It is cheap and mostly shortens trips left by the construction; the LNS does the rest.
"""

from __future__ import annotations

import time

from .bound import wishers_with_room, worker_capacity
from .levels import plan_levels
from .objectives import lexicographic_key
from .schedule import Plan
from .schema import Block
from .variables import Problem

Held = tuple[int, tuple[Block, ...]]
"""Who held a mission and where."""


def relocate(problem: Problem, plan: Plan, *, deadline: float, candidates: int = 8) -> int:
    """Try moving each mission to one of its nearest other workers; return moves kept."""
    kept = 0
    for m in sorted(plan.assigned):
        if time.monotonic() > deadline:
            break
        if m in problem.pinned:
            continue
        source, blocks = plan.assigned[m]
        here = problem.home_km(m, source)
        targets = sorted(
            (
                w
                for w in problem.eligible_workers[m]
                if w != source and problem.home_km(m, w) < here
            ),
            key=lambda w: (problem.home_km(m, w), w),
        )[:candidates]
        for target in targets:
            pair = [source, target]
            before = lexicographic_key(plan_levels(problem, plan, pair, [m]))
            plan.remove(m)
            new_blocks, _ = plan.fit(m, target)
            if new_blocks is not None:
                plan.add(m, target, new_blocks)
                if lexicographic_key(plan_levels(problem, plan, pair, [m])) > before:
                    kept += 1
                    break
                plan.remove(m)
            plan.add(m, source, blocks)
    return kept


def _wishes(problem: Problem, w: int) -> bool:
    return problem.workers[w].wished_minutes >= problem.rules.threshold_minutes


def push_to_threshold(
    problem: Problem, plan: Plan, blocked: set[int], *, deadline: float, idle_too: bool = False
) -> int:
    """Bring workers who wish the threshold over it by taking missions from others.

    For each such worker below the threshold (closest first), free missions and missions
    held by workers who would not fall below the threshold themselves are moved to it,
    nearest first; the moves are kept only if the worker reaches the threshold. Coverage
    never drops (missions change hands) and no one already at the threshold loses it, so
    level 2 gains one per success. Returns the number of workers brought to the threshold.
    """
    threshold = problem.target
    reached = 0
    candidates = [
        w
        for w in range(len(problem.workers))
        if _wishes(problem, w)
        and (idle_too or plan.worked_week[w] > 0)
        and plan.worked_week[w] < threshold
    ]
    candidates.sort(key=lambda w: (threshold - plan.worked_week[w], w))
    for w in candidates:
        if time.monotonic() > deadline:
            break
        if plan.at_threshold(w):
            continue
        options = [
            m
            for m in problem.eligible_missions[w]
            if m not in blocked
            and m not in problem.pinned
            and plan.assigned.get(m, (None,))[0] != w
            and _holder_keeps_standing(problem, plan, m)
        ]
        options.sort(key=lambda m: (m in plan.assigned, problem.home_km(m, w), m))
        taken = take_in_order(problem, plan, w, options)
        if plan.at_threshold(w):
            reached += 1
            continue
        for m, held in reversed(taken):
            plan.remove(m)
            if held is not None:
                plan.add(m, *held)
    return reached


def take_in_order(
    problem: Problem, plan: Plan, w: int, options: list[int], *, until_threshold: bool = True
) -> list[tuple[int, Held | None]]:
    """Give ``w`` the ``options``, in order, each at its first placement that fits, from
    nobody or from holders who keep their standing at the threshold; with
    ``until_threshold``, only until ``w`` reaches it.

    Returns what ``w`` took, in order, each with who held it before (None: uncovered).
    """
    taken: list[tuple[int, Held | None]] = []
    for m in options:
        if until_threshold and plan.at_threshold(w):
            break
        # Checked again here: an earlier take may have been from the same holder.
        if not _holder_keeps_standing(problem, plan, m):
            continue
        held = plan.assigned.get(m)
        if held is not None:
            plan.remove(m)
        blocks, _ = plan.fit(m, w)
        if blocks is None:
            if held is not None:
                plan.add(m, *held)
            continue
        plan.add(m, w, blocks)
        taken.append((m, held))
    return taken


def _holder_keeps_standing(problem: Problem, plan: Plan, m: int) -> bool:
    """Whether mission ``m`` may be taken without its holder losing the threshold: it is
    uncovered, or its holder is not at the threshold, or stays at it without ``m``."""
    held = plan.assigned.get(m)
    if held is None or not plan.at_threshold(held[0]):
        return True
    if plan.worked_week[held[0]] - problem.counted_minutes[m] < problem.target:
        return False
    # The week floor (decision 0043) may still fail without it.
    plan.remove(m)
    keeps = plan.at_threshold(held[0])
    plan.add(m, *held)
    return keeps


def swap(problem: Problem, plan: Plan, *, deadline: float, candidates: int = 6) -> int:
    """Exchange two missions of equal minutes between two workers when the plan gets better.

    Equal minutes keep every worker's week, hence coverage, threshold, overtime and fill,
    unchanged: such swaps only shorten trips (or keep previous workers). Returns swaps kept.
    """
    kept = 0
    for m1 in sorted(plan.assigned):
        if time.monotonic() > deadline:
            break
        if m1 in problem.pinned or m1 not in plan.assigned:
            continue
        w1, blocks1 = plan.assigned[m1]
        if not problem.travels_for(m1, w1):
            continue
        here = problem.home_km(m1, w1)
        minutes = problem.mission_weeks[m1]
        nearer = sorted(
            (w for w in problem.eligible_workers[m1] if w != w1 and problem.home_km(m1, w) < here),
            key=lambda w: (problem.home_km(m1, w), w),
        )[:candidates]
        done = False
        for w2 in nearer:
            for m2 in sorted(plan.missions_of[w2]):
                if (
                    m2 in problem.pinned
                    or problem.mission_weeks[m2] != minutes
                    or not problem.is_eligible(m2, w1)
                ):
                    continue
                blocks2 = plan.assigned[m2][1]
                pair = [w1, w2]
                before = lexicographic_key(plan_levels(problem, plan, pair, [m1, m2]))
                plan.remove(m1)
                plan.remove(m2)
                new1, _ = plan.fit(m1, w2)
                if new1 is not None:
                    plan.add(m1, w2, new1)
                    new2, _ = plan.fit(m2, w1)
                    if new2 is not None:
                        plan.add(m2, w1, new2)
                        if lexicographic_key(plan_levels(problem, plan, pair, [m1, m2])) > before:
                            kept += 1
                            done = True
                            break
                        plan.remove(m2)
                    plan.remove(m1)
                plan.add(m1, w1, blocks1)
                plan.add(m2, w2, blocks2)
            if done:
                break
    return kept


TRADE_CANDIDATES = 24
"""Fixed missions, nearest first, each person at the threshold tries to take in a trade."""

TRADING_SHARE = 0.6
"""Share of a trade pass's time for the trades; the rest for the pushes that follow."""


def movable(problem: Problem, m: int, blocked: set[int]) -> bool:
    """Whether a local move may give mission ``m`` to someone else (not blocked, pinned or
    started)."""
    return m not in blocked and m not in problem.pinned and m not in problem.frozen


def trade_flexible_for_fixed(
    problem: Problem, plan: Plan, blocked: set[int], *, deadline: float
) -> int:
    """Free flexible volume for people below the threshold; return the people gained.

    Flexible volumes (remote work placed anywhere in its windows) are what most people at
    the threshold fill their week with, and what people below it would need: measured on
    the benchmark's M instance, 98 % of the flexible hours are held by people at 24 h, and
    a push cannot take any of it without bringing its holder below 24 h. So each person at
    the threshold takes fixed missions from someone who is not (a non-wisher, or someone
    who cannot reach it), keeps only as much flexible volume as it needs to stay at the
    threshold (re-placed around the new fixed blocks), and the volume it lets go goes to
    people below the threshold by :func:`push_to_threshold`; what is left goes back, to
    those below their wish first. Missions only change hands (or uncovered ones are
    taken), so coverage never drops; the plan is kept only if more people reach the
    threshold or more minutes are covered, else left as it was. See decision 0049.
    """
    started = time.monotonic()
    # The trades themselves get most of the time; the pushes what is left.
    trades_until = started + TRADING_SHARE * (deadline - started)
    trial = plan.copy()
    before = plan.people_at_threshold()
    released: list[tuple[int, int, tuple[Block, ...]]] = []
    for holder in range(len(problem.workers)):
        if time.monotonic() > trades_until:
            break
        if not trial.at_threshold(holder):
            continue
        fixed = sorted(
            (
                m
                for m in problem.eligible_missions[holder]
                if problem.missions[m].flexible is None and movable(problem, m, blocked)
            ),
            key=lambda m: (problem.home_km(m, holder), m),
        )
        for m in fixed[:TRADE_CANDIDATES]:
            mission = problem.missions[m]
            held = trial.assigned.get(m)
            donor, donor_blocks = held if held is not None else (None, ())
            if donor == holder or (donor is not None and trial.at_threshold(donor)):
                continue
            flexible = {
                f: trial.assigned[f][1]
                for f in trial.missions_of[holder]
                if problem.missions[f].flexible is not None and movable(problem, f, blocked)
            }
            if not flexible:
                break
            if donor is not None:
                trial.remove(m)
            for f in flexible:
                trial.remove(f)
            if trial.check(m, holder, mission.slots) is not None:
                if donor is not None:
                    trial.add(m, donor, donor_blocks)
                for f, blocks in flexible.items():
                    trial.add(f, holder, blocks)
                continue
            trial.add(m, holder, mission.slots)
            # Largest volumes first: the fewest blocks to place around the new fixed ones.
            kept: list[int] = []
            for f in sorted(flexible, key=lambda f: (-problem.counted_minutes[f], f)):
                if trial.at_threshold(holder):
                    break
                placed, _ = trial.fit(f, holder)
                if placed is not None:
                    trial.add(f, holder, placed)
                    kept.append(f)
            if not trial.at_threshold(holder):
                for f in kept:
                    trial.remove(f)
                trial.remove(m)
                if donor is not None:
                    trial.add(m, donor, donor_blocks)
                for f, blocks in flexible.items():
                    trial.add(f, holder, blocks)
                continue
            released.extend((f, holder, blocks) for f, blocks in flexible.items() if f not in kept)
    if released:
        push_to_threshold(problem, trial, blocked, deadline=deadline, idle_too=True)
    for f, holder, blocks in released:
        if f in trial.assigned:
            continue
        takers = sorted(
            (
                w
                for w in problem.eligible_workers[f]
                if trial.worked_week[w] + problem.counted_minutes[f] <= problem.wish(w)
            ),
            key=lambda w: (not _wishes(problem, w), -trial.worked_week[w], w),
        )
        for w in [*takers, holder]:
            way = trial.refit(f, w, (holder, blocks))
            if way is not None:
                trial.add(f, w, way)
                break
        else:
            # Nobody can take it back: giving up the trade keeps the coverage.
            return 0
    covered = trial.covered_minutes() - plan.covered_minutes()
    gained = trial.people_at_threshold() - before
    if covered < 0 or (gained < 0 or (gained == 0 and covered == 0)):
        return 0
    plan.adopt(trial, plan.changed_missions(trial))
    return max(0, gained)


def trade_up(problem: Problem, plan: Plan, blocked: set[int], *, deadline: float) -> int:
    """Bring workers just below the threshold over it by giving up a mission for longer ones.

    A worker 30 minutes to 2 hours short of 24 h often has no room left for any mission it
    could take: its week is full of short workshops, or its volumes sit where a new one finds
    no window (measured on 60-s plans: the 14 people of L seed 2 and the 12 of M seed 3 who
    were closest to it had not one mission that fit). A push only adds, so it cannot help
    them. Here each such worker (closest first) tries, in turn, none and then each one of its
    movable missions (shortest first) as the one it gives up: it takes its volumes back and
    places them again, largest first, then takes what fits (uncovered missions first, then
    the longest, then the nearest) from nobody or from workers who keep their own standing
    at the threshold, as a push does. When that brings it to the threshold, what it gave up
    goes to the nearest worker who can take it within their wish. The moves are kept only
    when the worker reaches the threshold and coverage does not drop: one more person at the
    threshold per success, nobody at it loses it. Returns the number of workers brought to
    the threshold.
    """
    threshold = problem.target
    counts = set(wishers_with_room(problem, worker_capacity(problem)))
    reached = 0
    below = sorted(
        (w for w in counts if 0 < plan.worked_week[w] < threshold),
        key=lambda w: (threshold - plan.worked_week[w], w),
    )
    for w in below:
        if time.monotonic() > deadline:
            break
        if plan.at_threshold(w):
            continue
        own = sorted(
            (m for m in plan.missions_of[w] if movable(problem, m, blocked)),
            key=lambda m: (problem.counted_minutes[m], m),
        )
        for given_up in [None, *own]:
            if _trade_up_once(problem, plan, blocked, w, given_up):
                reached += 1
                break
    return reached


def _trade_up_once(
    problem: Problem,
    plan: Plan,
    blocked: set[int],
    w: int,
    given_up: int | None,
) -> bool:
    """One try of :func:`trade_up` for worker ``w``; the plan is left as it was on failure."""
    # Every change, in order, with what the mission had before (None: uncovered), to undo.
    undo: list[tuple[int, Held | None]] = []
    covered = 0
    released: list[int] = []

    def take(m: int, blocks: tuple[Block, ...], to: int) -> None:
        nonlocal covered
        undo.append((m, plan.assigned.get(m)))
        if m in plan.assigned:
            plan.remove(m)
        else:
            covered += problem.mission_minutes[m]
        plan.add(m, to, blocks)

    def release(m: int) -> None:
        nonlocal covered
        undo.append((m, plan.assigned[m]))
        plan.remove(m)
        covered -= problem.mission_minutes[m]
        released.append(m)

    if given_up is not None:
        release(given_up)
    volumes = [
        m
        for m in plan.missions_of[w]
        if problem.missions[m].flexible is not None and movable(problem, m, blocked)
    ]
    for m in volumes:
        release(m)
    for m in sorted(volumes, key=lambda m: (-problem.counted_minutes[m], m)):
        blocks, _ = plan.fit(m, w)
        if blocks is not None:
            released.remove(m)
            take(m, blocks, w)
    options = sorted(
        (
            m
            for m in problem.eligible_missions[w]
            if m not in released
            and movable(problem, m, blocked)
            and plan.assigned.get(m, (None,))[0] != w
        ),
        key=lambda m: (m in plan.assigned, -problem.counted_minutes[m], problem.home_km(m, w)),
    )
    for m, held in take_in_order(problem, plan, w, options):
        undo.append((m, held))
        if held is None:
            covered += problem.mission_minutes[m]
    if plan.at_threshold(w):
        for m in released:
            takers = sorted(
                (
                    v
                    for v in problem.eligible_workers[m]
                    if v != w
                    and plan.worked_week[v] + problem.counted_minutes[m] <= problem.wish(v)
                ),
                key=lambda v: (problem.home_km(m, v), v),
            )
            for v in takers:
                blocks, _ = plan.fit(m, v)
                if blocks is not None:
                    take(m, blocks, v)
                    break
        if covered >= 0:
            return True
    for m, held in reversed(undo):
        if m in plan.assigned:
            plan.remove(m)
        if held is not None:
            plan.add(m, *held)
    return False
