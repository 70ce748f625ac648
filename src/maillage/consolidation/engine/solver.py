"""The facade: ``solve(instance, method=..., time_limit_s=..., seed=..., progress=...)``.

``method="engine"``: pins, consolidation-aware construction, then CP-SAT on the whole
instance when it is small (proving optimality when it can) or large-neighbourhood search
otherwise. ``method="baseline"``: the marketplace baseline. Either way the plan is checked
by :mod:`.validation`, whose metrics and objective are the ones reported.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import lns
from .baseline import baseline_plan
from .bound import level_bounds, wishers_with_room, worker_capacity
from .construction import apply_frozen, apply_pins, construct, cover_remaining, repair_previous
from .explain import unassigned_reason
from .guidance import lp_preferences
from .levels import plan_levels, worker_km
from .local_search import push_to_threshold, relocate, swap, trade_up
from .model import ObjectiveTooLarge, Solution, SubModel
from .objectives import lexicographic_key
from .objectives.weights import combine, global_weights
from .redistribution import redistribute_volumes
from .relaxed_volumes import Spans, fit_volumes_between_blocks, hint_slots
from .schedule import Plan
from .schema import Assignment, Block, EngineInput, EngineResult, Occurrence, RejectedPin
from .threshold_bound import LP_SHARE, lp_fits, open_missions, open_pairs, threshold_bound
from .threshold_master import reassign_wishers, redeal_group
from .validation import validate
from .variables import Problem
from .volume_packing import pack_volumes
from .worker_rows import flexible_time_rows

SMALL_MODEL_CHOICES = 6000
"""Above this many (mission, worker, placement) choices the engine uses LNS, not one model."""

WHOLE_MODEL_SEARCH_WORKERS = 8
"""CP-SAT workers for the whole model, whatever the run's ``num_workers`` (the cores it
may use): from 8 workers CP-SAT's portfolio adds the LP- and core-based subsolvers that
prove a level's optimum. Measured on the S benchmark, seed 2, 2 cores: the 24 h stage with
coverage held was proven in 0.9 s with 8 workers and in 86 s with 2; with 8, every stage
of seeds 2 and 3 is proven within the time limit. The threads share the cores; the model
is small (at most ``SMALL_MODEL_CHOICES`` choices)."""

FINISHING_SHARE = 0.08
"""At most this share of the time limit is kept for explaining unassigned missions and
validating (:func:`_finishing_time`)."""

FINISHING_SECONDS_PER_MISSION = 0.0004
"""Seconds kept per mission for explaining, validating and measuring the plan, the bound's
own time apart. Measured on 2 cores: 1.05 s for L's 6,913 missions (0.15 ms each, the
max-flow bound included), 0.13 s for M's 2,095; 0.4 ms leaves room for a machine 2.5 times
slower. Before, 8 % of the time limit (4.8 s of 60) was kept whatever the size: 60-s runs
ended at 54 s on M and 55 s on L."""

BOUND_SHARE = 0.15
"""Share of the time limit kept for the bound on workers at the threshold (at least 1 s,
at most 30 % of the time limit)."""

FLOW_BOUND_SECONDS = 1.0
"""The bound's time when its LP cannot fit in its share (:func:`.threshold_bound.lp_fits`):
the counting, reachable and max-flow bounds take well under a second (0.2–0.3 s on L's
475–529 workers with room). On L's 60-s runs the search gains about 5.5 s: 8 s of the bound's
time, less the 2.5 s of the workers' capacity, now computed before the search instead of
after it (the result reuses it). Before, the LP was tried for 5.4 s and never finished (it
needs 16–18 s). Seeds 1–3 then had 265 / 280 /
254 people at 24 h instead of 262 / 274 / 247, at 94.04 / 93.84 / 93.28 % covered instead of
93.94 / 93.76 / 93.22 % (one run each)."""

GUIDANCE_SHARE = 0.3
"""At most this share of the time limit for the LP that guides the construction (decision
0057): 18 s of a 60-s run, of which L's LP takes 10–12 s alone and M's about 1 s. The LP's
pairs are chosen to fill two thirds of it (``guidance.PAIRS_TIME_SHARE``): with a share of
0.2 and all of it, L seed 2's LP took 12.1 s of its 12 alone, and on a loaded machine the
guidance was lost (299 people at 24 h without it, 328 with it, same code, alone)."""

POLISH_SHARE = 0.07
"""Share of the time limit kept after LNS for a last pass of local search."""

KM_BUDGET_MAX_MISSIONS = 20000
"""Up to this many missions the engine builds the baseline and keeps its km at or below it
(measured: 3 s for the L benchmark's 6,913 missions and 2,000 workers, built after the first
plan)."""

KM_REPAIR_SHARE = 0.1
"""Share of the time limit for bringing a first plan that drives more than the marketplace
within its km (before starting again from the marketplace plan)."""

KM_POLISH_SHARE = 0.15
"""Share of the time limit given to the km polish when optimality was not proven."""

EXACT_KM_SECONDS = 2.0
"""At most this long for a last km polish when the plan drives more exact km than the
marketplace although its hectometres, each leg rounded, are within the budget (M seed 3 at
60 s: 13,599.5 against 13,594.4 km a week; rounding each leg differs from the exact sum by
about 0.02 %, and a plan at the budget's edge can land on either side)."""

LNS_TAIL_MIN_S = 1.0
"""The LNS takes the time the final local search leaves when there is at least this much."""

REDEAL_SHARE = 0.3
"""Share of the time limit taken from the LNS for a last re-deal of the missions of those
who wish the threshold (decision 0053; M seeds 1–3, 60 s, two runs each: on average 4.5,
−1 and 4 more people at 24 h, for −0.39, +0.32 and −0.35 points of coverage)."""

REDEAL_MIN_SECONDS = 15.0
"""No re-deal when its share of the time limit is shorter (below a 50-s limit; the form's
default is 20 s): from the engine's plans of M, 8-s re-deals brought nobody to 24 h, 15-s
ones 0–4 people."""

REDEALING = "re-dealing the missions of those who wish 24 h"
"""The stage reported while the re-deal runs, at 92 % and then as it goes."""

Progress = Callable[[float, str], None]


class EngineError(RuntimeError):
    """The engine produced a plan that fails validation (a bug, never expected)."""


def _bound_time(time_limit_s: float, lp_pairs: int | None = None) -> float:
    """Seconds for the bound on workers at the threshold: ``BOUND_SHARE`` of the time limit,
    at least 1 s and at most 30 %; ``FLOW_BOUND_SECONDS`` when the bound's LP, over
    ``lp_pairs`` pairs, cannot fit in its share of that time."""
    share = min(0.3 * time_limit_s, max(1.0, BOUND_SHARE * time_limit_s))
    if lp_pairs is not None and not lp_fits(lp_pairs, LP_SHARE * share):
        return min(share, FLOW_BOUND_SECONDS)
    return share


def _finishing_time(time_limit_s: float, missions: int) -> float:
    """Seconds kept after the search for explaining, validating and measuring the plan (the
    bound apart): ``FINISHING_SECONDS_PER_MISSION`` each, at least 0.2 s and at most
    ``FINISHING_SHARE`` of the time limit."""
    return min(
        max(0.2, FINISHING_SHARE * time_limit_s),
        max(0.2, FINISHING_SECONDS_PER_MISSION * missions),
    )


def _reachers_pairs(problem: Problem, capacity: list[int], blocked: set[int]) -> int:
    """The pairs of the bound's LP: the open missions of the workers who wish the threshold
    and have room for it, as :func:`.threshold_bound.threshold_bound` builds them."""
    open_set = set(open_missions(problem, blocked))
    wishers = wishers_with_room(problem, capacity)
    return sum(len(ms) for ms in open_pairs(problem, wishers, open_set).values())


def _never_back(progress: Progress) -> Progress:
    """``progress`` with a fraction that never goes back: the LNS's estimate runs ahead of
    the next fixed stage when the search used all its time (seen at 0.90 before the km
    polish's 0.85 on a slow machine), and the run page's bar should not move backwards."""
    highest = 0.0

    def report(fraction: float, message: str) -> None:
        nonlocal highest
        highest = max(highest, fraction)
        progress(highest, message)

    return report


def _quiet(fraction: float, message: str) -> None:
    """Default progress callback: ignore."""


def _local_search(problem: Problem, plan: Plan, blocked: set[int], deadline: float) -> None:
    """Threshold pushes, trades of a mission for longer ones, the volume dealt again by
    need, cover what was freed, then relocations and swaps, until ``deadline``."""
    push_to_threshold(problem, plan, blocked, deadline=deadline)
    trade_up(problem, plan, blocked, deadline=deadline)
    redistribute_volumes(problem, plan, blocked, deadline=deadline)
    cover_remaining(problem, plan, blocked)
    relocate(problem, plan, deadline=deadline)
    swap(problem, plan, deadline=deadline)


def _marketplace_budget(problem: Problem, stats: dict[str, Any]) -> tuple[Plan | None, int | None]:
    """The marketplace plan and its km (hectometres), the engine's km budget (decision 0048);
    with ``rules.renewals_raise_km_budget``, the rebooking marketplace's if it drives more
    (decision 0056).

    Built up to ``KM_BUDGET_MAX_MISSIONS`` missions; (None, None) above.
    """
    if len(problem.missions) > KM_BUDGET_MAX_MISSIONS:
        return None, None
    market, _ = baseline_plan(problem)
    base = _levels(problem, market)
    stats["baseline_km_hectometres"] = base["km_hectometres"]
    stats["baseline_covered_minutes"] = base["covered_minutes"]
    if problem.rules.renewals_raise_km_budget and problem.renewed_from:
        # Keeping last term's workers on their renewed needs costs what the marketplace
        # that rebooks them drives (decision 0056).
        rebooked, _ = baseline_plan(problem, rebook=True)
        km = _levels(problem, rebooked)["km_hectometres"]
        stats["rebooking_baseline_km_hectometres"] = km
        if km > base["km_hectometres"]:
            stats["km_budget_raised_for_renewals"] = 1
            return rebooked, km
    return market, base["km_hectometres"]


def _levels(problem: Problem, plan: Plan) -> dict[str, int]:
    """The objective levels of the whole plan."""
    return plan_levels(
        problem, plan, list(range(len(problem.workers))), list(range(len(problem.missions)))
    )


def _covered_and_people(problem: Problem, plan: Plan) -> tuple[int, int]:
    """The plan's first two levels: covered minutes, people at the threshold."""
    levels = _levels(problem, plan)
    return levels["covered_minutes"], levels["workers_at_threshold"]


def _at_threshold(problem: Problem, plan: Plan) -> int:
    return plan.people_at_threshold()


def _bring_within_budget(
    problem: Problem,
    plan: Plan,
    blocked: set[int],
    market: Plan,
    *,
    km_budget: int,
    deadline: float,
    seed: int,
    num_workers: int,
    stats: dict[str, Any],
) -> tuple[Plan, int]:
    """A plan that drives no more than the marketplace unless its people at 24 h need it,
    and the km budget of the search that follows (decision 0048).

    The km polish first gives back covered minutes, down to the marketplace's, with the
    people at 24 h held. If the plan still drives more and has more people at 24 h than the
    marketplace, those km are what these jobs cost: the budget becomes the plan's km.
    Otherwise the marketplace plan is at least as good on every level but coverage, which
    the polish gave back to the marketplace's: the search starts again from it (it keeps
    started missions and pins where the engine does).
    """
    stats["km_over_budget_at_start"] = 1
    stats.update(
        lns.polish_km(
            problem,
            plan,
            blocked,
            deadline=deadline,
            seed=seed,
            num_workers=num_workers,
            floor=stats["baseline_covered_minutes"],
            km_target=km_budget,
        )
    )
    km = lns.total_hectometres(problem, plan)
    if km <= km_budget:
        return plan, km_budget
    if _at_threshold(problem, plan) > _at_threshold(problem, market):
        stats["km_budget_raised_for_people_at_threshold"] = 1
        return plan, km
    stats["km_budget_restart_from_baseline"] = 1
    return market.copy(), km_budget


def _exact_km(problem: Problem, plan: Plan) -> float:
    return sum(worker_km(problem, plan, w) for w in range(len(problem.workers)))


def _within_marketplace_km(
    problem: Problem,
    plan: Plan,
    market: Plan,
    blocked: set[int],
    *,
    deadline: float,
    seed: int,
    num_workers: int,
    stats: dict[str, Any],
) -> None:
    """Polish ``plan``'s km, coverage, people at 24 h and stability held, until its exact km
    are no more than ``market``'s or ``deadline`` passes.

    The search keeps the budget in hectometres, each leg rounded; validation and the
    benchmark sum exact km. A plan at the budget's edge may drive a few km more than the
    marketplace in exact terms: its hectometres are brought below the budget by that much.
    """
    market_km = _exact_km(problem, market)
    excess = _exact_km(problem, plan) - market_km
    if excess <= 0:
        return
    stats["exact_km_over_marketplace"] = round(excess, 2)
    covered = plan.covered_minutes()
    rounds = 0
    while excess > 0 and time.monotonic() < deadline - 0.2:
        rounds += 1
        lns.polish_km(
            problem,
            plan,
            blocked,
            deadline=deadline,
            seed=seed + rounds,
            num_workers=num_workers,
            floor=covered,
            km_target=lns.total_hectometres(problem, plan) - math.ceil(10 * excess),
        )
        excess = _exact_km(problem, plan) - market_km
    stats["exact_km_over_marketplace_after"] = round(max(0.0, excess), 2)


def _guided_construction(
    problem: Problem,
    plan: Plan,
    pinned_only: Plan,
    blocked: set[int],
    seconds: float,
    stats: dict[str, Any],
) -> Plan:
    """The construction again from ``pinned_only``, guided by the LP of :mod:`.guidance`;
    kept when it is lexicographically better than ``plan``, the construction without it."""
    started = time.monotonic()
    workers = wishers_with_room(problem, worker_capacity(problem))
    preferences = lp_preferences(problem, blocked, workers, time_limit_s=seconds)
    stats["guidance_seconds"] = round(time.monotonic() - started, 3)
    if preferences is None:
        stats["guidance_not_solved"] = 1
        return plan
    guided = construct(problem, pinned_only.copy(), blocked, preferences)
    stats["guided_construction_at_threshold"] = guided.people_at_threshold()
    stats["construction_at_threshold"] = plan.people_at_threshold()
    if lexicographic_key(_levels(problem, guided)) > lexicographic_key(_levels(problem, plan)):
        stats["guided_construction_kept"] = 1
        return guided
    return plan


def _never_worse(problem: Problem, plan: Plan, reference: Plan) -> bool:
    """True when ``plan`` is lexicographically at least ``reference`` and loses neither
    covered minutes nor workers at the threshold."""
    new, old = _levels(problem, plan), _levels(problem, reference)
    if lexicographic_key(new) < lexicographic_key(old):
        return False
    return all(new[n] >= old[n] for n in ("covered_minutes", "workers_at_threshold"))


def _fit_unplaced_volumes(sub: SubModel) -> Spans:
    """In a relaxation with unplaced flexible volumes, each worker's volumes still fit in
    their free hours (``worker_rows.flexible_time_rows``) and, in the typical week, between
    its fixed blocks and the trips to them (:mod:`.relaxed_volumes`): a tighter cap, so
    that more plans are proven optimal. Returns the volumes' slots, for hints."""
    for w, choices in sub.by_worker.items():
        ways: dict[int, list[Any]] = {}
        for choice in choices:
            ways.setdefault(choice.mission, []).append(choice.var)
        for terms, rhs in flexible_time_rows(sub.problem, w, sorted(ways)):
            sub.model.add(sum(c * var for m, c in terms for var in ways[m]) <= rhs)
    return fit_volumes_between_blocks(sub)


def _placed(
    problem: Problem, plan: Plan, missions: list[int], relaxed: Solution, *, seed: int = 0
) -> Plan:
    """``plan`` with ``missions`` as in ``relaxed``, a solution of the relaxation: its fixed
    blocks as they are, then each worker's volumes in the first placement it can take, one at
    a time, or, when one finds none, all of them packed together (:mod:`.volume_packing`); a
    volume that still finds no place stays uncovered."""
    trial = plan.copy()
    placed = {m: held for m, held in relaxed.items() if held[1] or not problem.missions[m].flexible}
    lns.replace(trial, missions, placed)
    by_worker: dict[int, list[int]] = {}
    for m in sorted(set(relaxed) - set(placed)):
        by_worker.setdefault(relaxed[m][0], []).append(m)
    for w, volumes in by_worker.items():
        one_at_a_time: dict[int, tuple[Block, ...]] = {}
        for m in volumes:
            blocks = trial.fit(m, w)[0] if trial.week_room(m, w) else None
            if blocks is not None:
                trial.add(m, w, blocks)
                one_at_a_time[m] = blocks
        if len(one_at_a_time) < len(volumes):
            for m in one_at_a_time:
                trial.remove(m)
            if not pack_volumes(trial, w, volumes, seed=seed):
                for m, blocks in one_at_a_time.items():
                    trial.add(m, w, blocks)
    return trial


RELAXATION_SHARE = 0.1
"""Share of the whole model's time for its relaxation's cap, before the levels (half a second
at least when the time allows: on the XS instance of the tests it takes 0.15–0.25 s)."""

WHOLE_BOUND_SHARE = 0.35
"""Share of the whole model's time kept for the bound on workers at the threshold at the
plan's coverage when the plan has flexible volumes (:func:`_threshold_bound_at_coverage`)."""


@dataclass(frozen=True)
class WholeModel:
    """What :func:`_whole_model_by_levels` found besides the plan."""

    proven: bool
    threshold_bound: int | None
    """A proven bound on the workers at the threshold among the plans that cover at least
    ``covered`` minutes within the run's km cap (None: not found in time)."""
    covered: int
    placed_relaxed_week: bool = False
    """Whether the plan is the relaxation's best week with its volumes placed."""


LEVEL_STAGES = (("covered_minutes", 0.35), ("workers_at_threshold", 0.35))
"""Levels solved one at a time by ``_whole_model_by_levels``, with their share of its time;
the rest goes to the remaining levels together, the staged ones held."""


def _whole_model_by_levels(
    problem: Problem,
    plan: Plan,
    blocked: set[int],
    *,
    time_limit_s: float,
    seed: int,
    num_workers: int,
    km_cap: int | None = None,
    threshold_floor: int = 0,
    polish_until: float = 0.0,
) -> WholeModel:
    """Solve the whole instance level by level with CP-SAT; update ``plan``; say whether it
    is proven and what bounds the workers at the threshold at its coverage (within ``km_cap``).

    One weighted objective over every level makes CP-SAT spend its time on coverage, the
    heaviest weight, and barely search the 24 h level (decision 0048). Here coverage is
    maximised first, then held at what was found while workers at the threshold are
    maximised, then both are held while the remaining levels are optimised together. Each
    stage starts from the plan so far (a complete hint) and a stage's plan is kept only
    when it is lexicographically better. With ``km_cap`` and ``threshold_floor``
    every plan drives at most that many hectometres and keeps that many people at 24 h.

    Proven when every stage is optimal. Flexible placements are a generated subset of all
    possible ones, so optimality over them proves nothing by itself: a relaxation is solved
    first in which flexible missions only count their minutes (placed nowhere: no overlap,
    daily limit, rest or km for them); its bound caps the model, and a plan that reaches it
    is optimal among all plans. The same relaxation, with the plan's coverage held, then
    bounds the workers at the threshold (:func:`_threshold_bound_at_coverage`). Its best week,
    volumes placed, may drive over ``km_cap``: the km polish that brings it back runs until
    ``polish_until`` (a ``time.monotonic()`` instant) or the end of ``time_limit_s``,
    whichever is later.
    """
    workers = list(range(len(problem.workers)))
    missions = [
        m for m in range(len(problem.missions)) if m not in blocked and problem.eligible_workers[m]
    ]
    started = time.monotonic()

    def bounded(sub: SubModel, km_slack: int = 0) -> SubModel:
        if km_cap is not None:
            sub.model.add(sub.level_vars["km_hectometres"] <= km_cap + km_slack)
        if threshold_floor:
            sub.model.add(sub.level_vars["workers_at_threshold"] >= threshold_floor)
        return sub

    cap = None
    flexible = any(problem.missions[m].flexible is not None for m in missions)
    if flexible:
        options = lns.sub_options(problem, plan, workers, missions, {}, relax_flexible=True)
        # Relaxed flexible missions drive nothing, so a plan's route is only shorter in the
        # relaxation, but for rounding: each leg is rounded to the hectometre, and a stop
        # taken out can make a route 1 hm longer (0.44 + 0.44 km round to 8 hm, 0.88 to 9).
        relaxed = bounded(
            SubModel(problem, workers, missions, options), relaxed_km_slack(problem, missions)
        )
        slots = _fit_unplaced_volumes(relaxed)
        relaxed.hint(plan)
        hint_slots(relaxed, slots, plan)
        status, _, _, bound = relaxed.solve(
            time_limit_s=max(RELAXATION_SHARE * time_limit_s, min(0.5, 0.3 * time_limit_s)),
            seed=seed,
            num_workers=max(num_workers, WHOLE_MODEL_SEARCH_WORKERS),
        )
        if status in ("OPTIMAL", "FEASIBLE"):
            cap = math.floor(bound + 1e-6)
    sub = bounded(
        SubModel(problem, workers, missions, lns.sub_options(problem, plan, workers, missions, {}))
    )
    if cap is not None:
        sub.cap_objective(cap)
    proven = True
    # Kept for the bound at the plan's coverage when the stages are not exact themselves.
    kept = WHOLE_BOUND_SHARE * time_limit_s if flexible else 0.0
    threshold_bound_found: int | None = None
    bound_covered = 0
    placed_relaxed_week = False
    stages: list[tuple[str | None, float]] = [*LEVEL_STAGES, (None, 1.0)]
    for name, share in stages:
        sub.model.clear_hints()  # type: ignore[no-untyped-call]  # ortools has no annotations there
        sub.hint(plan)
        sub.model.maximize(sub.objective if name is None else sub.level_vars[name])
        left = time_limit_s - kept - (time.monotonic() - started)
        status, solution, _, stage_bound = sub.solve(
            time_limit_s=max(0.1, share * left if name else left),
            seed=seed,
            num_workers=max(num_workers, WHOLE_MODEL_SEARCH_WORKERS),
        )
        if status not in ("OPTIMAL", "FEASIBLE"):
            return WholeModel(proven=False, threshold_bound=None, covered=0)
        proven = proven and status == "OPTIMAL"
        if name == "workers_at_threshold" and not flexible:
            # Without flexible volumes every plan is a solution of this stage (coverage held
            # at the plan's, km within the cap): its proven bound bounds them all. The plan
            # is still the one the stage started from.
            threshold_bound_found = math.floor(stage_bound + 1e-6)
            bound_covered = plan_levels(problem, plan, workers, missions)["covered_minutes"]
        trial = plan.copy()
        lns.replace(trial, missions, solution)
        # Strictly better only: a tie would move missions for nothing (decision 0045).
        if lexicographic_key(_levels(problem, trial)) > lexicographic_key(_levels(problem, plan)):
            lns.replace(plan, missions, solution)
        if name is not None:
            held = plan_levels(problem, plan, workers, missions)[name] // sub.units[name]
            sub.model.add(sub.level_vars[name] >= held)
    if flexible:
        value = sub.scaled(plan_levels(problem, plan, workers, missions))
        proven = cap is not None and value >= cap
        if cap is not None:
            bound_covered = plan_levels(problem, plan, workers, missions)["covered_minutes"]
            threshold_bound_found, dealt = _threshold_bound_at_coverage(
                relaxed,
                slots,
                plan,
                covered=bound_covered,
                time_limit_s=time_limit_s - (time.monotonic() - started),
                seed=seed,
                num_workers=max(num_workers, WHOLE_MODEL_SEARCH_WORKERS),
            )
            # The relaxation's best week, its volumes placed: on S seed 1 it holds one
            # more person at 24 h than the stages found among the generated placements.
            trial = _placed(problem, plan, missions, dealt, seed=seed) if dealt else plan
            if (
                km_cap is not None
                and lns.total_hectometres(problem, trial) > km_cap
                and _covered_and_people(problem, trial) > _covered_and_people(problem, plan)
            ):
                # Placed volumes drive where the relaxation drove nothing (a tiers-lieu):
                # shorter routes, coverage and people at 24 h held, may bring it back.
                covered = _levels(problem, trial)["covered_minutes"]
                # The bound often takes all of its time; without the caller's km polish
                # time, S seed 1's placed week (5 people at 24 h) stayed 6 hm over the cap.
                lns.polish_km(
                    problem,
                    trial,
                    blocked,
                    deadline=max(started + time_limit_s, polish_until),
                    seed=seed,
                    num_workers=num_workers,
                    floor=covered,
                    km_target=km_cap,
                )
            if (
                lexicographic_key(_levels(problem, trial))
                > lexicographic_key(_levels(problem, plan))
                and (km_cap is None or lns.total_hectometres(problem, trial) <= km_cap)
                and _at_threshold(problem, trial) >= threshold_floor
            ):
                lns.replace(
                    plan, missions, {m: trial.assigned[m] for m in missions if m in trial.assigned}
                )
                value = sub.scaled(plan_levels(problem, plan, workers, missions))
                proven = value >= cap
                placed_relaxed_week = True
    return WholeModel(
        placed_relaxed_week=placed_relaxed_week,
        proven=proven and all(sub.weights.values()),
        threshold_bound=threshold_bound_found,
        covered=bound_covered,
    )


def _threshold_bound_at_coverage(
    relaxed: SubModel,
    slots: Spans,
    plan: Plan,
    *,
    covered: int,
    time_limit_s: float,
    seed: int,
    num_workers: int,
) -> tuple[int | None, Solution]:
    """CP-SAT's proven bound on the workers at the threshold in ``relaxed`` (flexible volumes
    counted, placed nowhere; the km cap of the run) with at least ``covered`` minutes covered:
    every plan covering as much within the cap is a solution of it (decision 0055); and the
    best solution found. (None, {}) when CP-SAT finds nothing in time."""
    units = relaxed.units["covered_minutes"]
    relaxed.model.add(relaxed.level_vars["covered_minutes"] >= covered // units)
    relaxed.model.clear_hints()  # type: ignore[no-untyped-call]  # ortools has no annotations there
    relaxed.hint(plan)
    hint_slots(relaxed, slots, plan)
    relaxed.model.maximize(relaxed.level_vars["workers_at_threshold"])
    status, solution, _, found = relaxed.solve(
        time_limit_s=max(0.1, time_limit_s), seed=seed, num_workers=num_workers
    )
    if status not in ("OPTIMAL", "FEASIBLE"):
        return None, {}
    return math.floor(found + 1e-6), solution


def threshold_bound_of_plan(
    problem: Problem,
    plan: Plan,
    blocked: set[int],
    *,
    km_cap: int | None,
    time_limit_s: float,
    seed: int = 0,
    num_workers: int = WHOLE_MODEL_SEARCH_WORKERS,
) -> int | None:
    """CP-SAT's proven bound on the workers at the threshold among the plans that cover at
    least ``plan``'s minutes (within ``km_cap`` hectometres if given), on the whole model's
    relaxation (:func:`_threshold_bound_at_coverage`), hinted with ``plan``; None when CP-SAT
    finds nothing in time. The benchmark computes it again after a run, with time of its own:
    a run's share is often too short to prove it (S seed 2: 59 s)."""
    workers = list(range(len(problem.workers)))
    missions = [
        m for m in range(len(problem.missions)) if m not in blocked and problem.eligible_workers[m]
    ]
    options = lns.sub_options(problem, plan, workers, missions, {}, relax_flexible=True)
    relaxed = SubModel(problem, workers, missions, options)
    if km_cap is not None:
        slack = relaxed_km_slack(problem, missions)
        relaxed.model.add(relaxed.level_vars["km_hectometres"] <= km_cap + slack)
    slots = _fit_unplaced_volumes(relaxed)
    bound, _ = _threshold_bound_at_coverage(
        relaxed,
        slots,
        plan,
        covered=_levels(problem, plan)["covered_minutes"],
        time_limit_s=time_limit_s,
        seed=seed,
        num_workers=num_workers,
    )
    return bound


def relaxed_km_slack(problem: Problem, missions: list[int]) -> int:
    """Hectometres by which a route can grow when the flexible blocks on it are taken out:
    one per block and date, at most ``minutes // min_block`` blocks a week per volume."""
    slack = 0
    for m in missions:
        flexible = problem.missions[m].flexible
        if flexible is None:
            continue
        dates = max((len(days) for days in problem.occ[m]), default=1)
        slack += flexible.minutes // max(1, flexible.min_block) * max(1, dates)
    return slack


def solve(
    instance: EngineInput,
    *,
    method: str = "engine",
    time_limit_s: float = 60.0,
    seed: int = 0,
    progress: Progress | None = None,
    num_workers: int = 2,
    lns_size: int = 10,
) -> EngineResult:
    """Plan ``instance`` with ``method`` ("engine" or "baseline") within ``time_limit_s``."""
    started = time.monotonic()
    bound_time = _bound_time(time_limit_s)
    report = _never_back(progress or _quiet)
    report(0.0, "indexing the instance")
    problem = Problem(instance)
    # Keep time for explanations, the final validation and the bound.
    finishing = _finishing_time(time_limit_s, len(problem.missions))
    deadline = started + time_limit_s - finishing - bound_time
    weights = global_weights(instance)
    status = "feasible"
    stats: dict[str, Any] = {}
    whole_bound: tuple[int, int] | None = None
    km_budget: int | None = None
    reference: Plan | None = None
    capacity: list[int] | None = None
    if method == "baseline":
        report(0.1, "marketplace baseline")
        plan, rejected = baseline_plan(problem)
    elif method == "engine":
        plan = Plan(problem)
        report(0.05, "pins")
        rejected = apply_frozen(problem, plan) + apply_pins(problem, plan)
        blocked = {problem.mission_index[p.mission] for p in rejected}
        threshold_floor = 0
        if problem.starts_from_published:
            # A re-run starts from the published plan, repaired where the input changed,
            # and only strict improvements move a mission from there.
            report(0.1, "repairing the published plan")
            repair_previous(problem, plan, blocked)
            cover_remaining(problem, plan, blocked)
            reference = plan.copy()
            stats["first_plan_seconds"] = round(time.monotonic() - started, 3)
        else:
            report(0.1, "consolidation-aware construction")
            pinned_only = plan.copy()
            construct(problem, plan, blocked)
            stats["first_plan_seconds"] = round(time.monotonic() - started, 3)
            # The first plan exists; the LP's shares take time a département's first
            # plan should not wait for (10 s on L).
            report(0.11, "construction guided by the LP relaxation")
            plan = _guided_construction(
                problem, plan, pinned_only, blocked, GUIDANCE_SHARE * time_limit_s, stats
            )
        # Once a plan exists (2.5 s on L): when the bound's LP cannot fit in its share, the
        # bound keeps only the time of the max flow and the search gets the rest.
        capacity = worker_capacity(problem)
        kept = _bound_time(time_limit_s, _reachers_pairs(problem, capacity, blocked))
        deadline += bound_time - kept
        bound_time = kept
        # After the first plan, so that a département gets a valid plan before the
        # marketplace's is built (3 s on L).
        market, km_budget = _marketplace_budget(problem, stats)
        report(0.12, "local search: threshold, relocations, swaps")
        _local_search(problem, plan, blocked, started + 0.5 * time_limit_s)
        if market is not None and km_budget is not None:
            if lns.total_hectometres(problem, plan) > km_budget:
                report(0.15, "bringing the km within the marketplace's")
                plan, km_budget = _bring_within_budget(
                    problem,
                    plan,
                    blocked,
                    market,
                    km_budget=km_budget,
                    deadline=min(deadline, time.monotonic() + KM_REPAIR_SHARE * time_limit_s),
                    seed=seed,
                    num_workers=num_workers,
                    stats=stats,
                )
            stats["km_budget_hectometres"] = km_budget
            if "km_over_budget_at_start" in stats:
                # The people at 24 h kept while km were brought within the budget are not
                # given back for coverage the budget only allows at their expense.
                threshold_floor = _at_threshold(problem, plan)
        choices = sum(len(problem.eligible_missions[w]) for w in range(len(problem.workers)))
        remaining = deadline - time.monotonic()
        solved_whole = False
        if choices <= SMALL_MODEL_CHOICES and remaining > 0.5:
            report(0.2, "solving the whole instance with CP-SAT")
            try:
                whole = _whole_model_by_levels(
                    problem,
                    plan,
                    blocked,
                    time_limit_s=max(
                        0.5 * remaining, remaining * 0.85 - KM_POLISH_SHARE * time_limit_s
                    ),
                    seed=seed,
                    num_workers=num_workers,
                    km_cap=km_budget,
                    threshold_floor=threshold_floor,
                    polish_until=deadline - POLISH_SHARE * time_limit_s,
                )
                solved_whole = True
                status = "optimal" if whole.proven else status
                if whole.threshold_bound is not None:
                    whole_bound = (whole.covered, whole.threshold_bound)
                stats["whole_model_placed_relaxed_week"] = int(whole.placed_relaxed_week)
            except ObjectiveTooLarge:
                solved_whole = False
        redeal_seconds = 0.0
        redeal_pairs = None
        if not solved_whole and remaining > 0.5:
            # The re-deal goes last: whatever the LNS would do after it, coverage first,
            # could take the people it brought to 24 h back for a few minutes covered.
            if REDEAL_SHARE * time_limit_s >= REDEAL_MIN_SECONDS:
                redeal_pairs = redeal_group(problem, blocked)
            if redeal_pairs is not None:
                redeal_seconds = REDEAL_SHARE * time_limit_s
            report(0.2, "large-neighbourhood search")
            polish_from = (
                deadline - (POLISH_SHARE + KM_POLISH_SHARE) * time_limit_s - redeal_seconds
            )
            stats |= lns.improve(
                problem,
                plan,
                blocked,
                deadline=polish_from,
                seed=seed,
                progress=report,
                num_workers=num_workers,
                size=lns_size,
                km_budget=km_budget,
                threshold_floor=threshold_floor,
            )
        if status != "optimal" and deadline - time.monotonic() > 0.5:
            report(0.85, "km polish with the higher levels fixed")
            stats.update(
                lns.polish_km(
                    problem,
                    plan,
                    blocked,
                    deadline=deadline - POLISH_SHARE * time_limit_s - redeal_seconds,
                    seed=seed,
                    num_workers=num_workers,
                )
            )
        report(0.9, "final local search")
        before_final = plan.copy()
        _local_search(problem, plan, blocked, deadline - redeal_seconds)
        if km_budget is not None and lns.total_hectometres(problem, plan) > km_budget:
            plan = before_final
            stats["final_local_search_undone_for_km"] = 1
        if redeal_seconds:
            report(0.92, REDEALING)

            def dealing(share: float) -> None:
                report(0.92 + 0.025 * share, REDEALING)

            stats |= reassign_wishers(
                problem,
                plan,
                blocked,
                deadline=deadline,
                seed=seed,
                num_workers=num_workers,
                km_budget=km_budget,
                threshold_floor=threshold_floor,
                pairs=redeal_pairs,
                elapsed=dealing,
            )
        elif not solved_whole and deadline - time.monotonic() > LNS_TAIL_MIN_S:
            # The final local search ends early when no move is left (measured on M: 4 s of
            # a 60-s run): the LNS goes on with them, within the same budget and floor.
            report(0.92, "large-neighbourhood search, on the time left")
            tail = lns.improve(
                problem,
                plan,
                blocked,
                deadline=deadline,
                seed=seed + 1,
                progress=_quiet,
                num_workers=num_workers,
                size=lns_size,
                km_budget=km_budget,
                threshold_floor=threshold_floor,
            )
            stats["tail_iterations"] = tail["iterations"]
            stats["tail_improvements"] = tail["improvements"]
        if (
            market is not None
            and km_budget is not None
            and "km_budget_raised_for_people_at_threshold" not in stats
        ):
            _within_marketplace_km(
                problem,
                plan,
                market,
                blocked,
                deadline=time.monotonic() + EXACT_KM_SECONDS,
                seed=seed,
                num_workers=num_workers,
                stats=stats,
            )
        if reference is not None and not _never_worse(problem, plan, reference):
            plan = reference
            stats["kept_published_plan"] = 1
    else:
        raise ValueError(f"unknown method {method!r}")
    report(0.95, "validating")
    result = _result(
        problem,
        plan,
        rejected,
        status,
        method,
        weights,
        bound_time,
        capacity,
        whole_model_bound=whole_bound,
        km_budget=km_budget,
    )
    result.metrics["wall_seconds"] = round(time.monotonic() - started, 3)
    if problem.previous_plan:
        result.metrics["published_plan"] = _moves(problem, plan)
    result.metrics.update({f"lns_{k}": v for k, v in stats.items()})
    report(1.0, "done")
    return result


def redeal(
    instance: EngineInput,
    result: EngineResult,
    *,
    time_limit_s: float,
    seed: int = 0,
    num_workers: int = 2,
) -> EngineResult:
    """``result``'s plan after a re-deal of the missions of those who wish the threshold
    (:func:`.threshold_master.reassign_wishers`), validated and measured like a result.

    :func:`solve` ends with one (decision 0053); the benchmark's ``--redeal`` runs another
    from the engine's plan, to show how far that plan is from one the search did not find.
    """
    started = time.monotonic()
    bound_time = _bound_time(time_limit_s)
    problem = Problem(instance)
    plan = Plan.from_result(problem, result)
    blocked = {problem.mission_index[p.mission] for p in result.rejected_pins}
    budget = result.metrics.get("lns_km_budget_hectometres")
    stats = reassign_wishers(
        problem,
        plan,
        blocked,
        deadline=started + time_limit_s - bound_time,
        seed=seed,
        num_workers=num_workers,
        km_budget=None if budget is None else int(budget),
        pairs=redeal_group(problem, blocked),
    )
    weights = global_weights(instance)
    redealt = _result(
        problem, plan, list(result.rejected_pins), "feasible", "engine", weights, bound_time
    )
    redealt.metrics.update(stats)
    redealt.metrics["wall_seconds"] = round(time.monotonic() - started, 3)
    return redealt


def _moves(problem: Problem, plan: Plan) -> dict[str, int]:
    """How the plan differs from the published one: missions kept, moved, dropped, added."""
    kept = moved = dropped = 0
    changed: set[int] = set()
    for m, (w, blocks) in problem.previous_plan.items():
        held = plan.assigned.get(m)
        if held is None:
            dropped += 1
            changed.add(w)
        elif held[0] == w and sorted(held[1]) == sorted(blocks):
            kept += 1
        else:
            moved += 1
            changed.update({w, held[0]})
    added = [m for m in plan.assigned if m not in problem.previous_plan]
    changed.update(plan.assigned[m][0] for m in added)
    return {
        "kept": kept,
        "moved": moved,
        "dropped": dropped,
        "added": len(added),
        "workers_changed": len(changed),
    }


def occurrences(problem: Problem, m: int, blocks: tuple[Block, ...]) -> tuple[Occurrence, ...]:
    """The dated occurrences of ``blocks`` of mission ``m`` (none in the typical week)."""
    calendar = problem.calendar
    if not calendar.dated:
        return ()
    found = []
    for block in blocks:
        for n in problem.occ[m][block.day]:
            day = calendar.date_of(n)
            assert day is not None
            found.append(Occurrence(day, block.start, block.end))
    return tuple(sorted(found))


def _result(
    problem: Problem,
    plan: Plan,
    rejected: list[RejectedPin],
    status: str,
    method: str,
    weights: dict[str, int],
    bound_time: float = 1.0,
    capacity: list[int] | None = None,
    *,
    whole_model_bound: tuple[int, int] | None = None,
    km_budget: int | None = None,
) -> EngineResult:
    """Assemble, validate and measure the result of ``plan`` (``capacity``: the workers'
    :func:`.bound.worker_capacity` when the caller has it; ``whole_model_bound``: the covered
    minutes and the bound on workers at the threshold the whole model proved at them, within
    ``km_budget`` when there is one)."""
    rejected_by_mission = {
        problem.mission_index[p.mission]: (p.worker, p.detail or p.reason) for p in rejected
    }
    assignments = [
        Assignment(
            problem.missions[m].id, problem.workers[w].id, blocks, occurrences(problem, m, blocks)
        )
        for m, (w, blocks) in sorted(plan.assigned.items())
    ]
    unassigned = [
        unassigned_reason(problem, plan, m, rejected_by_mission)
        for m in range(len(problem.missions))
        if m not in plan.assigned
    ]
    result = EngineResult(
        status=status,
        objective=0,
        bound=0,
        assignments=assignments,
        unassigned=unassigned,
        metrics={},
        rejected_pins=list(rejected),
        method=method,
    )
    check = validate(problem.instance, result)
    if not check.ok:
        raise EngineError(f"engine produced an invalid plan: {check.violations[:5]}")
    if capacity is None:
        capacity = worker_capacity(problem)
    bounds = level_bounds(problem, set(rejected_by_mission), capacity)
    reach = threshold_bound(
        problem,
        set(rejected_by_mission),
        bounds["workers_at_threshold"],
        covered=check.levels["covered_minutes"],
        time_limit_s=bound_time,
        capacity=capacity,
    )
    if whole_model_bound is not None and check.levels["covered_minutes"] >= whole_model_bound[0]:
        # A bound at fewer covered minutes holds for a plan that covers more (a kept
        # published plan covering fewer gets none).
        reach.whole_model = whole_model_bound[1]
        reach.whole_model_km_budget = km_budget
    bounds["workers_at_threshold"] = reach.value
    bound = combine(bounds, weights)
    if status == "optimal":
        bound = check.objective
    result.objective, result.bound = check.objective, bound
    result.metrics = dict(check.metrics)
    result.metrics["gap"] = round((bound - check.objective) / max(1, abs(bound)), 6)
    result.levels = {
        "value": check.levels,
        "bound": bounds,
        "bound_at_plan_coverage": {"workers_at_threshold": reach.at_coverage},
        "bound_at_plan_coverage_within_km": {"workers_at_threshold": reach.at_coverage_within_km},
        "bound_method": {"workers_at_threshold": reach.to_dict()},
        "weights": weights,
        "gap": {
            name: (
                round((bounds[name] - check.levels[name]) / bounds[name], 4)
                if bounds[name]
                else 0.0
            )
            for name in (
                "covered_minutes",
                "workers_at_threshold",
                "stable_missions",
                "threshold_fill",
            )
        },
    }
    return result
