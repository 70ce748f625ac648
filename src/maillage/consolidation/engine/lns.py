"""Large-neighbourhood search: free a group of workers who share missions, re-solve them with
CP-SAT (the current plan as a complete hint), keep the result when it is strictly better.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from .levels import plan_levels, worker_hectometres
from .local_search import push_to_threshold, trade_flexible_for_fixed, trade_up
from .model import ObjectiveTooLarge, SubModel
from .objectives.reach_threshold import wishes_threshold
from .redistribution import redistribute_volumes
from .schedule import Plan
from .schema import Block
from .variables import Problem

Options = dict[tuple[int, int], list[tuple[Block, ...]]]

PUSH_EVERY = 8
"""LNS iterations between two passes of threshold pushes."""

TRADE_TIME_SHARE = 0.3
"""Share of the LNS time left that a flexible-for-fixed trade may take (measured: 0.3–0.6 s
on M; on L a whole pass takes 6–13 s and gains 17–21 people, 2 s only 5; with 0.3 and 15 s
instead of 0.15 and 8 s, L at 60 s gained 4–6 more people at 24 h on its three seeds)."""

TRADE_MAX_SECONDS = 15.0
"""The most a trade may take, whatever the time left."""

TRADE_UP_SECONDS = 2.0
"""The most a pass of :func:`.local_search.trade_up` may take (measured: 1.7 s on a 60-s
plan of L seed 2, 0.3 s on M seed 3)."""

THRESHOLD_RING_SHARE = 0.7
"""Share of LNS iterations whose destroy set is built around a worker just below 24 h."""


def sub_options(
    problem: Problem,
    plan: Plan,
    workers: list[int],
    missions: list[int],
    cache: Options,
    *,
    relax_flexible: bool = False,
) -> Options:
    """Ways each (mission, worker) of the neighbourhood can be done, current placement first.

    With ``relax_flexible``, a flexible mission has one way per worker with no blocks: its
    minutes count toward the week but it is placed nowhere (a relaxation, for bounds).
    """
    worker_set = set(workers)
    options: Options = {}
    for m in missions:
        pinned = problem.pinned.get(m)
        frozen = problem.frozen.get(m)
        for w in problem.eligible_workers[m]:
            if w not in worker_set or (pinned is not None and pinned != w):
                continue
            if frozen is not None:
                options[(m, w)] = [frozen[1]]
                continue
            if relax_flexible and problem.missions[m].flexible is not None:
                options[(m, w)] = [()]
                continue
            if (m, w) not in cache:
                cache[(m, w)] = problem.options(m, w, limit=4)
            ways = list(cache[(m, w)])
            current = plan.assigned.get(m)
            if current is not None and current[0] == w and current[1] not in ways:
                ways.insert(0, current[1])
            if ways:
                options[(m, w)] = ways
    return options


def neighbourhood(
    problem: Problem, plan: Plan, seed_worker: int, size: int, rng: random.Random
) -> list[int]:
    """``seed_worker`` and up to ``size - 1`` workers sharing most eligible missions with it."""
    shared: Counter[int] = Counter()
    for m in problem.eligible_missions[seed_worker]:
        for w in problem.eligible_workers[m]:
            shared[w] += 1
    shared.pop(seed_worker, None)
    ranked = [w for w, _ in shared.most_common(3 * size)]
    rng.shuffle(ranked)
    ranked.sort(key=lambda w: -shared[w] * (0.5 + rng.random()))
    return [seed_worker, *ranked[: size - 1]]


def threshold_neighbourhood(
    problem: Problem, plan: Plan, below: list[int], size: int, rng: random.Random
) -> list[int]:
    """A destroy set around a worker just below the threshold (an ejection-chain ring).

    The 24 h step is flat for single moves: a worker 2 h short needs several missions at
    once, taken from workers who then need replacements. The set holds one worker among
    those closest to the threshold, the workers who hold the missions it could take (most
    such minutes first), other workers below the threshold who compete for those missions,
    and then the workers who could take the donors' missions in turn.
    """
    seed_worker = rng.choice(below[: max(3, len(below) // 4)])
    chosen = [seed_worker]
    seen = {seed_worker}

    def add(workers: list[int], limit: int) -> None:
        for w in workers:
            if len(chosen) >= limit:
                return
            if w not in seen:
                seen.add(w)
                chosen.append(w)

    held: Counter[int] = Counter()
    rivals: Counter[int] = Counter()
    below_set = set(below)
    for m in problem.eligible_missions[seed_worker]:
        holder = plan.assigned.get(m)
        if holder is not None and holder[0] != seed_worker:
            held[holder[0]] += problem.counted_minutes[m]
        for w in problem.eligible_workers[m]:
            if w in below_set and w != seed_worker:
                rivals[w] += 1
    add([w for w, _ in held.most_common()], max(2, size // 2))
    add([w for w, _ in rivals.most_common()], max(3, 2 * size // 3))
    second: Counter[int] = Counter()
    for donor in chosen[1:]:
        for m in plan.missions_of[donor]:
            for w in problem.eligible_workers[m]:
                if w not in seen:
                    second[w] += 1
    ranked = [w for w, _ in second.most_common(2 * size)]
    rng.shuffle(ranked)
    ranked.sort(key=lambda w: -second[w] * (0.5 + rng.random()))
    add(ranked, size)
    if len(chosen) < size:
        add(neighbourhood(problem, plan, seed_worker, size, rng)[1:], size)
    return chosen


def free_missions(
    problem: Problem,
    plan: Plan,
    workers: list[int],
    blocked: set[int],
    rng: random.Random,
    max_open: int,
) -> list[int]:
    """Missions held by ``workers`` plus up to ``max_open`` unassigned ones they could take.

    Unassigned missions that more of the freed workers could take are preferred (random
    tie-break), which keeps sub-models small where much demand is uncoverable.
    """
    missions = {m for w in workers for m in plan.missions_of[w]}
    reach: Counter[int] = Counter()
    for w in workers:
        reach.update(
            m for m in problem.eligible_missions[w] if m not in plan.assigned and m not in blocked
        )
    ranked = sorted(reach, key=lambda m: (-reach[m], rng.random()))
    missions.update(ranked[:max_open])
    return sorted(missions)


def improve(
    problem: Problem,
    plan: Plan,
    blocked: set[int],
    *,
    deadline: float,
    seed: int,
    progress: Callable[[float, str], None],
    num_workers: int = 2,
    size: int = 10,
    sub_time_s: float = 0.5,
    max_iterations: int | None = None,
    km_budget: int | None = None,
    threshold_floor: int = 0,
    push_every: int = PUSH_EVERY,
) -> dict[str, Any]:
    """Improve ``plan`` in place until ``deadline`` (``time.monotonic``); return statistics.

    With ``km_budget`` (hectometres, the plan's total at most), each sub-model may add no
    more km than the budget has left: a plan within the budget stays within it. Likewise
    the plan keeps at least ``threshold_floor`` workers at the threshold.

    Every ``push_every`` iterations the threshold pushes of :mod:`.local_search` run on the
    plan (kept only within the km budget): sub-models accept coverage gains that leave a
    worker just short of the threshold, and a push is what brings such a worker back over
    it (measured on M: the LNS alone ends with fewer people at 24 h than it started with),
    and the trades of a mission for longer ones (:func:`.local_search.trade_up`) follow
    them. On a plan changed since the last pass, the flexible-for-fixed trade of
    :mod:`.local_search` and the volume dealt again (:mod:`.redistribution`) follow
    (same km rule).
    """
    rng = random.Random(seed)
    cache: Options = {}
    start = time.monotonic()
    stats = {"iterations": 0, "improvements": 0}
    candidates = [w for w in range(len(problem.workers)) if problem.eligible_missions[w]]
    if not candidates:
        return stats
    total_km = total_hectometres(problem, plan)
    total_reached = plan.people_at_threshold()
    wishers = [w for w in candidates if wishes_threshold(problem.rules, problem.workers[w])]
    traded_at = -1
    while time.monotonic() < deadline - 0.2:
        if max_iterations is not None and stats["iterations"] >= max_iterations:
            break
        stats["iterations"] += 1
        if push_every and stats["iterations"] % push_every == 0:
            trial = plan.copy()
            pushed = push_to_threshold(
                problem, trial, blocked, deadline=min(deadline, time.monotonic() + 1.0)
            )
            traded_up = trade_up(
                problem, trial, blocked, deadline=min(deadline, time.monotonic() + TRADE_UP_SECONDS)
            )
            # The trade costs a pass over everyone at the threshold: only on a changed plan.
            changes = (
                stats["improvements"]
                + stats.get("pushed_to_threshold", 0)
                + stats.get("traded_up_to_threshold", 0)
                + pushed
                + traded_up
            )
            traded = 0
            if changes != traded_at:
                traded_at = changes
                seconds = min(TRADE_MAX_SECONDS, TRADE_TIME_SHARE * (deadline - time.monotonic()))
                traded = trade_flexible_for_fixed(
                    problem, trial, blocked, deadline=time.monotonic() + seconds
                )
                traded += redistribute_volumes(
                    problem, trial, blocked, deadline=time.monotonic() + seconds
                )
            # A push that brings nobody to the threshold leaves the plan as it was; a trade
            # may bring nobody but cover more.
            changed = plan.changed_missions(trial)
            km = total_hectometres(problem, trial) if changed else total_km
            if changed and (km_budget is None or km <= max(km_budget, total_km)):
                plan.adopt(trial, changed)
                total_km, total_reached = km, total_reached + pushed + traded_up + traded
                stats["pushed_to_threshold"] = stats.get("pushed_to_threshold", 0) + pushed
                stats["traded_up_to_threshold"] = stats.get("traded_up_to_threshold", 0) + traded_up
                stats["traded_to_threshold"] = stats.get("traded_to_threshold", 0) + traded
        # Seeds: mostly workers who wish the threshold and are on their way to it; half of
        # the time an ejection-chain ring around one of those just below it.
        threshold = problem.target
        close = [
            w for w in wishers if threshold // 2 <= plan.worked_week[w] and not plan.at_threshold(w)
        ]
        close.sort(key=lambda w: (threshold - plan.worked_week[w], w))
        draw = rng.random()
        ring = bool(close) and draw < THRESHOLD_RING_SHARE
        if ring:
            workers = threshold_neighbourhood(problem, plan, close, size, rng)
            stats["threshold_rings"] = stats.get("threshold_rings", 0) + 1
        else:
            pool = (
                close
                if close and draw < 0.6
                else wishers
                if wishers and draw < 0.85
                else candidates
            )
            workers = neighbourhood(problem, plan, rng.choice(pool), size, rng)
        missions = free_missions(problem, plan, workers, blocked, rng, max_open=2 * size)
        options = sub_options(problem, plan, workers, missions, cache)
        try:
            sub = SubModel(problem, workers, missions, options)
        except ObjectiveTooLarge:
            size = max(5, size // 2)
            continue
        before = plan_levels(problem, plan, workers, missions)
        if km_budget is not None:
            room = max(0, km_budget - total_km)
            sub.model.add(sub.level_vars["km_hectometres"] <= before["km_hectometres"] + room)
        if threshold_floor:
            spare = max(0, total_reached - threshold_floor)
            sub.model.add(
                sub.level_vars["workers_at_threshold"] >= before["workers_at_threshold"] - spare
            )
        sub.hint(plan)
        budget = min(sub_time_s, deadline - time.monotonic())
        status, solution, value, _ = sub.solve(
            time_limit_s=budget, seed=rng.randrange(1 << 30), num_workers=num_workers
        )
        if status == "OPTIMAL" and size < 80:
            size += 2
        elif status not in ("OPTIMAL", "FEASIBLE"):
            size = max(5, size - 4)
            continue
        if value > sub.scaled(before) + 0.5:
            undo = {m: plan.assigned[m] for m in missions if m in plan.assigned}
            replace(plan, missions, solution)
            after = plan_levels(problem, plan, workers, [])
            added_km = after["km_hectometres"] - before["km_hectometres"]
            reached = total_reached + after["workers_at_threshold"] - before["workers_at_threshold"]
            over_km = km_budget is not None and total_km + added_km > max(km_budget, total_km)
            if over_km or reached < min(threshold_floor, total_reached):
                # The model holds both exactly: a safety net, never expected.
                replace(plan, missions, undo)
                stats["budget_refusals"] = stats.get("budget_refusals", 0) + 1
                continue
            total_km, total_reached = total_km + added_km, reached
            stats["improvements"] += 1
            if ring:
                stats["threshold_ring_improvements"] = (
                    stats.get("threshold_ring_improvements", 0) + 1
                )
        done = (time.monotonic() - start) / max(1e-9, deadline - start)
        progress(
            0.2 + 0.7 * min(1.0, done),
            f"LNS iteration {stats['iterations']}, {stats['improvements']} improvements",
        )
    return stats


def total_hectometres(problem: Problem, plan: Plan) -> int:
    """Hectometres driven by every worker of ``plan``."""
    return sum(worker_hectometres(problem, plan, w) for w in range(len(problem.workers)))


def replace(
    plan: Plan, missions: list[int], solution: dict[int, tuple[int, tuple[Block, ...]]]
) -> None:
    """Unassign ``missions`` and assign those of ``solution`` as it says."""
    for m in missions:
        if m in plan.assigned:
            plan.remove(m)
    for m, (w, blocks) in solution.items():
        plan.add(m, w, blocks)


def polish_km(
    problem: Problem,
    plan: Plan,
    blocked: set[int],
    *,
    deadline: float,
    seed: int,
    num_workers: int = 2,
    size: int = 12,
    sub_time_s: float = 1.0,
    floor: int | None = None,
    km_target: int | None = None,
) -> dict[str, Any]:
    """Shorten routes with covered minutes, workers at the threshold and stability held.

    With ``floor``, covered minutes may drop down to ``floor`` in total (never below) and
    the polish stops as soon as the plan's km reach ``km_target``: this is how the engine
    keeps its km at or below the marketplace baseline's at equal or better coverage.

    Neighbourhoods are seeded by the workers who drive most (and their neighbours by shared
    eligible missions); in each sub-model the two higher levels may not drop and only the
    km level is minimised, which makes the sub-models much easier than the full
    lexicographic ones. A result is kept when its km are strictly lower and the higher
    levels are not.
    """
    rng = random.Random(seed + 7919)
    cache: Options = {}
    stats = {"km_iterations": 0, "km_improvements": 0}
    everyone = list(range(len(problem.workers)))
    every_mission = list(range(len(problem.missions)))
    polish_start = time.monotonic()
    while time.monotonic() < deadline - 0.2:
        totals = plan_levels(problem, plan, everyone, every_mission) if floor is not None else {}
        if km_target is not None and totals and totals["km_hectometres"] <= km_target:
            break
        # Coverage is given back gradually: nothing in the first iterations, then a growing
        # share of what is left above the floor.
        allowance = 0
        if floor is not None:
            elapsed = (time.monotonic() - polish_start) / max(1e-9, deadline - polish_start)
            share = min(1.0, max(0.0, (elapsed - 0.2) / 0.6))
            allowance = int(share * (totals["covered_minutes"] - floor))
        stats["km_iterations"] += 1
        drivers = [w for w in everyone if plan.missions_of[w]]
        if not drivers:
            break
        km = {w: plan_levels(problem, plan, [w], [])["km_hectometres"] for w in drivers}
        ranked = sorted(drivers, key=lambda w: -km[w])[: max(5, len(drivers) // 5)]
        workers = neighbourhood(problem, plan, rng.choice(ranked), size, rng)
        missions = free_missions(problem, plan, workers, blocked, rng, max_open=size)
        options = sub_options(problem, plan, workers, missions, cache)
        try:
            sub = SubModel(problem, workers, missions, options)
        except ObjectiveTooLarge:
            size = max(5, size // 2)
            continue
        current = plan_levels(problem, plan, workers, missions)
        levels = sub.level_vars
        sub.model.add(
            levels["covered_minutes"] * sub.units["covered_minutes"] >= current["covered_minutes"]
        )
        sub.model.add(levels["workers_at_threshold"] >= current["workers_at_threshold"])
        sub.model.add(levels["stable_missions"] >= current["stable_missions"])
        sub.model.minimize(levels["km_hectometres"])
        sub.hint(plan)
        budget = min(sub_time_s, deadline - time.monotonic())
        status, solution, _, _ = sub.solve(
            time_limit_s=budget, seed=rng.randrange(1 << 30), num_workers=num_workers
        )
        if status not in ("OPTIMAL", "FEASIBLE"):
            size = max(5, size - 2)
            continue
        if status == "OPTIMAL" and size < 40:
            size += 2
        trial = plan.copy()
        for m in missions:
            if m in trial.assigned:
                trial.remove(m)
        for m, (w, blocks) in solution.items():
            trial.add(m, w, blocks)
        after = plan_levels(problem, trial, workers, missions)
        if (
            after["km_hectometres"] < current["km_hectometres"]
            and after["covered_minutes"] >= current["covered_minutes"] - allowance
            and after["workers_at_threshold"] >= current["workers_at_threshold"]
            and after["stable_missions"] >= current["stable_missions"]
        ):
            for m in missions:
                if m in plan.assigned:
                    plan.remove(m)
            for m, (w, blocks) in solution.items():
                plan.add(m, w, blocks)
            stats["km_improvements"] += 1
    return stats
