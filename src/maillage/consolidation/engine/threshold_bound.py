"""A real upper bound on the number of workers at the threshold (level 2), in three steps.

1. **Who can reach it at all** (``reachable_minutes``): per worker who wishes the
   threshold, the most minutes of working weeks it could hold from its eligible missions,
   solved exactly as a small CP-SAT problem: whole missions, no two clashing on a shared
   date (clique constraints), the daily cap on every date and the weekly caps in every week.
   Travel, daily rest and where exactly flexible volumes go are relaxed (they only remove
   plans; the volumes must still fit in the worker's free hours, decision 0050), so this
   is an upper bound; a worker whose maximum is below ``threshold × working weeks``
   can never count.
2. **Competition**, first as a max flow (``flow_bound``: missions → eligible workers, each
   worker capped at the target; milliseconds on a département), then as the LP relaxation
   of the assignment model, solved with GLOP: ``x[m, w] ∈ [0, 1]`` for eligible pairs,
   each mission at most once, the same per-worker clique and cap rows, and ``y[w] ∈ [0, 1]`` with
   ``target · y[w] ≤ Σ counted[m] · x[m, w]`` (and the week floor) for reachable workers;
   maximise ``Σ y``. Solved without and with the plan's own coverage imposed
   (``Σ minutes[m] · x ≥ covered``), since coverage comes first in the objective. An LP
   too large for the time it would get (:func:`lp_fits`) is not tried: the flow stands.
3. **Column generation** (:mod:`.column_bound`): each worker's part a whole set of its
   missions that obeys the same rows and the travel pairs and reaches the threshold; the
   Lagrangian bound from the LP's prices, then the master's, valid after every round
   (decision 0051). On large instances it takes the time the LP leaves.
4. **CP-SAT on the relaxation**: when small enough, the same model with integer ``x`` and
   ``y`` and the travel pairs is handed to CP-SAT for a short time; its proven best bound
   (rounded down) is kept when tighter. On tiny instances where rest does not bind it is
   exact. A larger one (up to ``INTEGER_MAX_PAIRS``) gets it only with time of its own
   (``integer_seconds``: the benchmark's offline bound), hinted by the plan.
5. **The whole model at the plan's coverage** (:func:`.solver.solve` on a small instance,
   decision 0055): CP-SAT's proven bound on the engine's own model, flexible volumes counted
   but placed nowhere, with the plan's coverage held and the run's km budget. It bounds the
   plans the engine may return (``at_coverage_within_km``); without a km budget it is a
   bound at the plan's coverage like the others.

Every figure is a valid upper bound because every plan of the engine is a solution of each
relaxation. See ``docs/decisions/0044-engine-threshold-bound.md``.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from ortools.graph.python import max_flow  # type: ignore[import-untyped]
from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from .bound import wishers_with_room, worker_capacity
from .column_bound import column_bound
from .variables import Problem
from .worker_rows import Row, travel_pairs, worker_rows

REACHABLE_SHARE = 0.15
"""Share of the bound's time for the per-worker reachable minutes (the rest: LP, CP-SAT)."""

REACHABLE_MAX_WORKERS = 60
"""Above this many wishers the per-worker reachable step is skipped (see the note)."""

CPSAT_MAX_PAIRS = 4000
"""Above this many eligible pairs the integer relaxation is not tried within a run's time."""

INTEGER_MAX_PAIRS = 100_000
"""Above this many pairs of the workers who can reach the threshold, the integer relaxation
is not tried even with time of its own (``integer_seconds``): M's 24,620–27,258 pairs take
120 s for bounds 1–5 people below column generation's; L's 424,000 were never tried (17 times
M's model, in the benchmark's memory and time)."""

INTEGER_SEARCH_WORKERS = 8
"""CP-SAT workers for the integer relaxation with time of its own: from 8 the portfolio has
the LP-based subsolvers that move the proven bound (as for the whole model,
:data:`.solver.WHOLE_MODEL_SEARCH_WORKERS`)."""

COLUMNS_MIN_S = 0.2
"""Column generation is started only with at least this much of the bound's time left."""

LP_SHARE = 0.6
"""Share of the bound's time for the LP without coverage when the plan's coverage is given
(the LP with coverage imposed, or column generation, takes the rest)."""

LP_PAIRS_PER_SECOND = 25_000
"""(mission, worker) pairs of the LP relaxation solved per second, building included
(measured on 2 cores: L's 424,000 pairs of the workers who can reach 24 h in 16–18 s; M's
LP in under 1 s). A share of time too short for the pairs at this rate is not spent on the
LP: the flow bound stands, and :func:`.solver.solve` gives the time to the search."""


def lp_fits(pairs: int, seconds: float) -> bool:
    """Whether an LP over ``pairs`` (mission, worker) pairs can be solved in ``seconds``
    (a small one, up to ``CPSAT_MAX_PAIRS``, takes milliseconds: it is always tried)."""
    return pairs <= max(CPSAT_MAX_PAIRS, LP_PAIRS_PER_SECOND * seconds)


@dataclass
class ThresholdBound:
    """The bound on level 2 and how it was computed."""

    counting: int
    reachable: int
    flow: int | None = None
    lp: float | None = None
    lp_at_coverage: float | None = None
    integer: int | None = None
    integer_at_coverage: int | None = None
    columns: float | None = None
    column_rounds: int = 0
    whole_model: int | None = None
    """CP-SAT's proven bound on the whole model (flexible volumes placed nowhere) with the
    plan's coverage held, within ``whole_model_km_budget`` when that is set (decision 0055)."""
    whole_model_km_budget: int | None = None
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def value(self) -> int:
        """The best (smallest) valid bound without any coverage imposed."""
        candidates = [self.counting, self.reachable]
        if self.flow is not None:
            candidates.append(self.flow)
        if self.lp is not None:
            candidates.append(math.floor(self.lp + 1e-6))
        if self.integer is not None:
            candidates.append(self.integer)
        if self.columns is not None:
            candidates.append(math.floor(self.columns + 1e-6))
        return min(candidates)

    @property
    def at_coverage(self) -> int:
        """The best valid bound among plans covering at least the plan's minutes."""
        candidates = [self.value]
        if self.lp_at_coverage is not None:
            candidates.append(math.floor(self.lp_at_coverage + 1e-6))
        if self.integer_at_coverage is not None:
            candidates.append(self.integer_at_coverage)
        if self.whole_model is not None and self.whole_model_km_budget is None:
            candidates.append(self.whole_model)
        return min(candidates)

    @property
    def at_coverage_within_km(self) -> int:
        """The best valid bound among plans covering at least the plan's minutes and driving
        at most the run's km budget (the marketplace's km, or the first plan's when its
        people at 24 h need more, decision 0048): the plans the engine may return."""
        if self.whole_model is None:
            return self.at_coverage
        return min(self.at_coverage, self.whole_model)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object reported in ``levels.bound_method.workers_at_threshold``."""
        return {
            "value": self.value,
            "at_plan_coverage": self.at_coverage,
            "counting": self.counting,
            "reachable": self.reachable,
            "flow": self.flow,
            "lp": None if self.lp is None else round(self.lp, 3),
            "lp_at_plan_coverage": (
                None if self.lp_at_coverage is None else round(self.lp_at_coverage, 3)
            ),
            "integer_relaxation": self.integer,
            "integer_relaxation_at_plan_coverage": self.integer_at_coverage,
            "column_generation": None if self.columns is None else round(self.columns, 3),
            "column_generation_rounds": self.column_rounds,
            "whole_model_at_plan_coverage": self.whole_model,
            "whole_model_km_budget_hectometres": self.whole_model_km_budget,
            "at_plan_coverage_within_km": self.at_coverage_within_km,
            "seconds": round(self.seconds, 3),
            "method": (
                "min of: counting bound; workers whose exact maximum reachable minutes "
                "(per-worker CP-SAT, travel and rest relaxed) reach the threshold; max flow "
                "missions → eligible workers capped at min(capacity, target), ÷ target; LP "
                "relaxation (GLOP) of the assignment model with clique, cap and free-hour rows; "
                "CP-SAT on that relaxation with integer variables when small (or with time of "
                "its own, offline); Lagrangian "
                "bound of column generation over per-worker sets of whole missions with "
                "travel pairs, from the LP's prices, with the time left; on a small instance, "
                "CP-SAT's proven bound on the whole model (flexible volumes counted, placed "
                "nowhere) with the plan's coverage held and km within the run's budget"
            ),
            "notes": list(self.notes),
        }


def reachable_minutes(
    problem: Problem,
    w: int,
    missions: list[int],
    time_limit_s: float = 0.5,
    rows: list[Row] | None = None,
) -> int:
    """An upper bound on worker ``w``'s minutes in working weeks, exact when solved."""
    model = cp_model.CpModel()
    x = {m: model.new_bool_var(f"x{m}") for m in missions}
    for terms, rhs in worker_rows(problem, w, missions) if rows is None else rows:
        model.add(sum(c * x[m] for m, c in terms) <= rhs)
    model.maximize(sum(problem.counted_minutes[m] * x[m] for m in missions))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, time_limit_s)
    solver.parameters.num_workers = 1
    status = solver.solve(model)
    if status == cp_model.OPTIMAL:
        return round(solver.objective_value)
    if status == cp_model.FEASIBLE:
        return math.floor(solver.best_objective_bound + 1e-6)
    return sum(problem.counted_minutes[m] for m in missions)


def open_missions(problem: Problem, blocked: set[int]) -> list[int]:
    """Missions not blocked that someone is eligible for."""
    return [
        m for m in range(len(problem.missions)) if m not in blocked and problem.eligible_workers[m]
    ]


def open_pairs(problem: Problem, workers: list[int], open_set: set[int]) -> dict[int, list[int]]:
    """Worker → its eligible open missions (pins respected)."""
    pairs: dict[int, list[int]] = {}
    for w in workers:
        pairs[w] = [
            m
            for m in problem.eligible_missions[w]
            if m in open_set and problem.pinned.get(m, w) == w
        ]
    return pairs


def _relaxation(
    problem: Problem,
    pairs: dict[int, list[int]],
    reachers: set[int],
    covered: int | None,
    *,
    integer: bool,
    time_limit_s: float,
    cache: dict[int, list[Row]],
    prices: dict[int, float] | None = None,
    hint: dict[int, int] | None = None,
    num_workers: int = 2,
    found: list[int] | None = None,
) -> float | None:
    """Optimal value (LP) or proven bound (integer, CP-SAT) of the relaxation; None if unsolved.

    With ``prices``, the LP's duals of the each-mission-once rows are written into it. The
    integer relaxation may be hinted by a plan's ``hint`` (mission → worker) and solved with
    ``num_workers`` CP-SAT workers; with ``found``, the people of the best relaxed week
    CP-SAT found are appended to it.
    """
    target = problem.target
    floor = problem.rules.week_floor_minutes
    working = [k for k, on in enumerate(problem.calendar.working) if on]
    deadline = time.monotonic() + time_limit_s
    # Rows as ([(variable key, coefficient)], lower, upper); keys ("x", m, w) or ("y", w).
    rows: list[tuple[Any, float, float]] = []
    by_mission: dict[int, list[Any]] = {}
    for w, ms in pairs.items():
        for m in ms:
            by_mission.setdefault(m, []).append(("x", m, w))
    once_rows: dict[int, int] = {}
    for m, keys in by_mission.items():
        if len(keys) > 1:
            once_rows[m] = len(rows)
            rows.append(([(k, 1) for k in keys], -math.inf, 1))
    for w, ms in pairs.items():
        if time.monotonic() > deadline:
            return None
        if w not in cache:
            cache[w] = worker_rows(problem, w, ms)
        for terms, rhs in cache[w]:
            rows.append(([(("x", m, w), c) for m, c in terms], -math.inf, rhs))
        if w in reachers:
            row = [(("x", m, w), problem.counted_minutes[m]) for m in ms]
            rows.append(([*row, (("y", w), -target)], 0, math.inf))
            if floor > 0:
                for k in working:
                    week = [
                        (("x", m, w), problem.mission_weeks[m][k])
                        for m in ms
                        if problem.mission_weeks[m].get(k, 0)
                    ]
                    rows.append(([*week, (("y", w), -floor)], 0, math.inf))
    if covered is not None:
        row = [(("x", m, w), problem.mission_minutes[m]) for w, ms in pairs.items() for m in ms]
        rows.append((row, covered, math.inf))
    keys = [("x", m, w) for w, ms in pairs.items() for m in ms] + [("y", w) for w in reachers]
    if integer:
        model = cp_model.CpModel()
        var = {k: model.new_bool_var("") for k in keys}
        for row_terms, lower, upper in rows:
            expr = sum(int(c) * var[k] for k, c in row_terms)
            if lower > -math.inf:
                model.add(expr >= int(lower))
            if upper < math.inf:
                model.add(expr <= int(upper))
        # Whole missions: the travel pairs bind (decision 0051), where the LP's halves do not.
        for w, ms in pairs.items():
            for first, second in travel_pairs(problem, w, ms):
                model.add_bool_or((~var[("x", first, w)], ~var[("x", second, w)]))
        model.maximize(sum(var[("y", w)] for w in reachers))
        if hint is not None:
            _hint(model, var, pairs, reachers, hint, problem)
        cp = cp_model.CpSolver()
        cp.parameters.max_time_in_seconds = max(0.05, deadline - time.monotonic())
        cp.parameters.num_workers = num_workers
        status = cp.solve(model)
        if found is not None and status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found.append(round(cp.objective_value))
        if status == cp_model.OPTIMAL:
            return float(round(cp.objective_value))
        if status == cp_model.FEASIBLE:
            return float(math.floor(cp.best_objective_bound + 1e-6))
        return None
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:
        return None
    infinity = solver.infinity()
    lp_var = {k: solver.NumVar(0.0, 1.0, "") for k in keys}
    constraints = []
    for row_terms, lower, upper in rows:
        constraint = solver.RowConstraint(
            -infinity if lower == -math.inf else lower, infinity if upper == math.inf else upper
        )
        constraints.append(constraint)
        for k, c in row_terms:
            constraint.SetCoefficient(lp_var[k], c)
    objective = solver.Objective()
    for w in reachers:
        objective.SetCoefficient(lp_var[("y", w)], 1)
    objective.SetMaximization()
    left = deadline - time.monotonic()
    if left <= 0:
        return None
    solver.SetTimeLimit(int(1000 * left))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    if prices is not None:
        prices.update((m, max(0.0, constraints[i].dual_value())) for m, i in once_rows.items())
    return float(objective.Value())


def _hint(
    model: cp_model.CpModel,
    var: dict[Any, Any],
    pairs: dict[int, list[int]],
    reachers: set[int],
    hint: dict[int, int],
    problem: Problem,
) -> None:
    """Hint the integer relaxation with a plan (mission → worker): each pair as the plan
    has it, each reacher at the threshold when the plan's missions of the relaxation give it
    the counted minutes (the week floor is left to CP-SAT)."""
    counted: dict[int, int] = {}
    for w, ms in pairs.items():
        for m in ms:
            held = hint.get(m) == w
            model.add_hint(var[("x", m, w)], held)
            if held:
                counted[w] = counted.get(w, 0) + problem.counted_minutes[m]
    for w in reachers:
        model.add_hint(var[("y", w)], counted.get(w, 0) >= problem.target)


def flow_bound(
    problem: Problem, pairs: dict[int, list[int]], reachers: set[int], capacity: list[int]
) -> int:
    """⌊max flow ÷ target⌋: missions (their counted minutes) → eligible reachable workers →
    sink, each worker capped at min(capacity, target).

    The LP without clique and cap rows is exactly this flow divided by the target, so it is
    a valid (weaker) bound, computed in milliseconds even on a département.
    """
    target = problem.target
    if not reachers or target <= 0:
        return 0
    missions = sorted({m for w in reachers for m in pairs[w]})
    node = {m: 1 + i for i, m in enumerate(missions)}
    workers = sorted(reachers)
    first_worker = 1 + len(missions)
    sink = first_worker + len(workers)
    tails, heads, caps = [], [], []
    for m in missions:
        tails.append(0)
        heads.append(node[m])
        caps.append(problem.counted_minutes[m])
    for i, w in enumerate(workers):
        for m in pairs[w]:
            tails.append(node[m])
            heads.append(first_worker + i)
            caps.append(problem.counted_minutes[m])
        tails.append(first_worker + i)
        heads.append(sink)
        caps.append(min(capacity[w], target))
    solver = max_flow.SimpleMaxFlow()
    solver.add_arcs_with_capacity(
        np.array(tails, dtype=np.int64),
        np.array(heads, dtype=np.int64),
        np.array(caps, dtype=np.int64),
    )
    if solver.solve(0, sink) != solver.OPTIMAL:
        return len(reachers)
    return int(solver.optimal_flow() // target)


def _tighter(
    value: float | None, lp: float | None, result: ThresholdBound, which: str
) -> int | None:
    """The integer relaxation's proven bound unless it is above its LP's, else None.

    CP-SAT's proof can stop above the LP's value when time runs out; shown beside the LP
    as "the same relaxation in whole numbers", a larger figure would read as a mistake.
    """
    if value is None:
        return None
    if lp is not None and value > math.floor(lp + 1e-6):
        result.notes.append(f"integer relaxation {which} not proven down to its LP in time")
        return None
    return int(value)


def _columns(
    problem: Problem,
    pairs: dict[int, list[int]],
    reachers: set[int],
    result: ThresholdBound,
    prices: dict[int, float],
    cache: dict[int, list[Row]],
    *,
    deadline: float,
) -> None:
    """Column generation from the LP's prices until ``deadline``, into ``result``."""
    if time.monotonic() > deadline - COLUMNS_MIN_S:
        return
    found = column_bound(
        problem, pairs, reachers, deadline=deadline, start_prices=prices, rows=cache
    )
    result.columns, result.column_rounds = found.value, found.rounds
    if found.converged:
        result.notes.append(f"column generation converged in {found.rounds} rounds")


def _integer_with_its_own_time(
    problem: Problem,
    pairs: dict[int, list[int]],
    reachers: set[int],
    result: ThresholdBound,
    cache: dict[int, list[Row]],
    *,
    seconds: float,
    hint: dict[int, int] | None,
) -> None:
    """CP-SAT's proven bound on the integer relaxation without coverage, with ``seconds``
    and ``INTEGER_SEARCH_WORKERS``, into ``result.integer``.

    The LP takes fractions of missions and column generation fractions of weeks: on M's
    seeds 1-3 column generation gives 87 / 87 / 85 in a run, whole missions 86 / 85 / 80
    with 120 s (decision 0044, twentieth-session amendment).
    """
    n_pairs = sum(len(ms) for ms in pairs.values())
    if n_pairs > INTEGER_MAX_PAIRS:
        result.notes.append(
            f"integer relaxation not tried: its {n_pairs:,} pairs are above {INTEGER_MAX_PAIRS:,}"
        )
        return
    started = time.monotonic()
    value = _relaxation(
        problem,
        pairs,
        reachers,
        None,
        integer=True,
        time_limit_s=seconds,
        cache=cache,
        hint=hint,
        num_workers=INTEGER_SEARCH_WORKERS,
    )
    result.integer = _tighter(value, result.lp, result, "without coverage")
    if result.integer is not None:
        seconds_taken = time.monotonic() - started
        result.notes.append(
            f"integer relaxation: CP-SAT's bound after {seconds_taken:.0f} s of its own"
        )


@dataclass(frozen=True)
class RelaxedWeek:
    """What CP-SAT finds in the relaxed week of every worker with the plan's coverage held
    (:func:`relaxed_week_at_coverage`): a diagnosis of a plan, not a bound on it."""

    pairs: int
    found: int | None = None
    """People at the threshold in the best relaxed week found (None: none found or not
    tried). The relaxation admits at least that many at the plan's coverage: what the plan
    lacks to it is the search's or the placement's, not the bound's."""
    bound: int | None = None
    """CP-SAT's proven bound on the same relaxation (valid at the plan's coverage)."""
    seconds: float = 0.0


def relaxed_week_at_coverage(
    problem: Problem,
    blocked: set[int],
    *,
    covered: int,
    seconds: float,
    capacity: list[int] | None = None,
    hint: dict[int, int] | None = None,
) -> RelaxedWeek:
    """The integer relaxation of step 4 over every worker, with ``covered`` minutes held,
    given ``seconds`` and ``INTEGER_SEARCH_WORKERS``, hinted by a plan's ``hint``.

    The bounds ask how many people the relaxed week could hold; this asks how many CP-SAT
    finds there at the plan's coverage. On M seed 3 (twenty-second session) the bound
    without coverage is 80 and its relaxation holds 79; at the engine's coverage CP-SAT's
    bound stays above 90 while its relaxed weeks reach 69 people, against the plan's 59.
    Not tried above ``INTEGER_MAX_PAIRS`` pairs (L: every worker's pairs).
    """
    started = time.monotonic()
    open_set = set(open_missions(problem, blocked))
    pairs = {
        w: ms
        for w, ms in open_pairs(problem, list(range(len(problem.workers))), open_set).items()
        if ms
    }
    n_pairs = sum(len(ms) for ms in pairs.values())
    if n_pairs > INTEGER_MAX_PAIRS:
        return RelaxedWeek(pairs=n_pairs)
    reachers = set(wishers_with_room(problem, capacity or worker_capacity(problem)))
    found: list[int] = []
    bound = _relaxation(
        problem,
        pairs,
        reachers & set(pairs),
        covered,
        integer=True,
        time_limit_s=seconds,
        cache={},
        hint=hint,
        num_workers=INTEGER_SEARCH_WORKERS,
        found=found,
    )
    return RelaxedWeek(
        pairs=n_pairs,
        found=found[0] if found else None,
        bound=None if bound is None else int(bound),
        seconds=round(time.monotonic() - started, 1),
    )


def _not_tried(what: str, pairs: int, seconds: float) -> str:
    """The note for an LP :func:`lp_fits` leaves out."""
    return (
        f"{what} not tried: its {pairs:,} pairs take about {pairs / LP_PAIRS_PER_SECOND:.0f} s, "
        f"{max(0.0, seconds):.1f} s were left"
    )


def threshold_bound(
    problem: Problem,
    blocked: set[int],
    counting: int,
    *,
    covered: int | None = None,
    time_limit_s: float = 5.0,
    capacity: list[int] | None = None,
    integer_seconds: float = 0.0,
    hint: dict[int, int] | None = None,
) -> ThresholdBound:
    """The level-2 bound (see the module docstring), within about ``time_limit_s``.

    With ``integer_seconds``, an instance too large for the integer relaxation within that
    time gets it afterwards with ``integer_seconds`` of its own (the benchmark's offline
    bound), hinted by a plan's ``hint`` (mission → worker) when given.
    """
    started = time.monotonic()
    deadline = started + time_limit_s
    open_set = set(open_missions(problem, blocked))
    if capacity is None:
        capacity = worker_capacity(problem)
    wishers = wishers_with_room(problem, capacity)
    pairs = open_pairs(problem, list(range(len(problem.workers))), open_set)
    reachers: set[int] = set()
    cache: dict[int, list[Row]] = {}
    per_worker = max(0.02, 0.1 * time_limit_s / max(1, len(wishers)))
    result = ThresholdBound(counting=counting, reachable=len(wishers))
    if len(wishers) > REACHABLE_MAX_WORKERS:
        # Measured on the generated instances, the interval capacity already tells who can
        # reach the threshold; the LP needs the time more.
        reachers.update(wishers)
        result.notes.append(
            f"reachable minutes not solved per worker above {REACHABLE_MAX_WORKERS} workers"
        )
        wishers = []
    for i, w in enumerate(wishers):
        if time.monotonic() > started + REACHABLE_SHARE * time_limit_s:
            reachers.update(wishers[i:])
            result.notes.append(f"{len(wishers) - i} worker(s) kept on the capacity bound")
            break
        cache[w] = worker_rows(problem, w, pairs[w])
        if reachable_minutes(problem, w, pairs[w], per_worker, cache[w]) >= problem.target:
            reachers.add(w)
    result.reachable = len(reachers)
    result.flow = flow_bound(problem, pairs, reachers, capacity)
    if not reachers:
        result.lp = result.lp_at_coverage = 0.0
        result.seconds = time.monotonic() - started
        return result
    # Without coverage, only the reachable workers matter (others only take missions away).
    mine = {w: pairs[w] for w in reachers}
    n_pairs = sum(len(ms) for ms in pairs.values())
    share = LP_SHARE if covered is not None else 1.0
    prices: dict[int, float] = {}
    lp_seconds = share * (deadline - time.monotonic())
    mine_pairs = sum(len(ms) for ms in mine.values())
    if lp_fits(mine_pairs, lp_seconds):
        result.lp = _relaxation(
            problem,
            mine,
            reachers,
            None,
            integer=False,
            time_limit_s=lp_seconds,
            cache=cache,
            prices=prices,
        )
    else:
        result.notes.append(_not_tried("LP relaxation", mine_pairs, lp_seconds))
    small = n_pairs <= CPSAT_MAX_PAIRS
    if not small and result.lp is not None:
        # Large: column generation gets the time the LP leaves. On the generated M instance
        # it takes 4-6 points off the LP, and the LP with the plan's coverage imposed gives
        # the LP's own value: it is solved only if column generation converges in time.
        _columns(problem, mine, reachers, result, prices, cache, deadline=deadline)
    coverage_tried = False
    if covered is not None:
        left = deadline - time.monotonic()
        coverage_tried = lp_fits(n_pairs, left)
        if coverage_tried:
            result.lp_at_coverage = _relaxation(
                problem, pairs, reachers, covered, integer=False, time_limit_s=left, cache=cache
            )
        else:
            result.notes.append(_not_tried("LP with the plan's coverage", n_pairs, left))
    if small:
        # Small: column generation converges in seconds (decision 0051), within half the
        # time left; the integer relaxations take the rest, whether proven or not.
        if result.lp is not None:
            half = (deadline + time.monotonic()) / 2
            _columns(problem, mine, reachers, result, prices, cache, deadline=half)
        left = deadline - time.monotonic()
        if left > 0.1:
            value = _relaxation(
                problem, mine, reachers, None, integer=True, time_limit_s=left / 2, cache=cache
            )
            result.integer = _tighter(value, result.lp, result, "without coverage")
        left = deadline - time.monotonic()
        if covered is not None and left > 0.1:
            value = _relaxation(
                problem, pairs, reachers, covered, integer=True, time_limit_s=left, cache=cache
            )
            result.integer_at_coverage = _tighter(
                value, result.lp_at_coverage, result, "with the plan's coverage"
            )
    if not small and integer_seconds > 0:
        _integer_with_its_own_time(
            problem, mine, reachers, result, cache, seconds=integer_seconds, hint=hint
        )
    if result.lp is None and lp_fits(mine_pairs, lp_seconds):
        result.notes.append("LP relaxation not solved within the time limit")
    elif coverage_tried and result.lp_at_coverage is None:
        result.notes.append("LP with the plan's coverage not solved within the time limit")
    result.seconds = time.monotonic() - started
    return result
