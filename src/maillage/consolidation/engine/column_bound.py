"""A bound on workers at the threshold by column generation over per-worker sets of missions.

The LP of :mod:`.threshold_bound` lets each worker hold fractions of missions; the same
fractions give ``y = 1`` to more workers than whole missions can, and a pair of missions a
worker cannot chain (travel between them is longer than the gap) costs the LP nothing once
both are halves. Here each worker's part is a *column*: a whole set of its eligible
missions that fits its relaxed week (the rows of :func:`.worker_rows.worker_rows` plus the
travel pairs of :func:`.worker_rows.travel_pairs`) and reaches the threshold. The master LP
chooses columns, each mission at most once, each worker at most one column; its duals ``π`` price
the missions, and a small CP-SAT model per worker finds the cheapest set reaching the
threshold at those prices (pricing).

Whatever ``π ≥ 0``, the Lagrangian value

    Σ_m π[m] + Σ_w max(0, 1 − c_w(π))

is an upper bound on the workers at the threshold of every plan, where ``c_w(π)`` is a lower
bound on the price of the cheapest set that worker ``w`` could reach the threshold with
(the CP-SAT model's proven bound; +∞ when no set reaches it). For a plan, each worker at
the threshold holds such a set ``S_w`` and no mission is held twice, so
``#at threshold = Σ_w (1 − π(S_w)) + Σ_w π(S_w) ≤ Σ_w max(0, 1 − c_w) + Σ_m π[m]``.
The bound is therefore valid after every pricing round, whatever the time left; the best
round is kept. See ``docs/decisions/0051-engine-column-generation-bound.md``.

Any lower bound on ``c_w(π)`` keeps it valid. Each round first takes the LP relaxation of
every worker's pricing model (:class:`_LPPricing`, milliseconds), then CP-SAT's, worker by
worker, while there is time; a worker keeps the larger of the two. A round cut short before
CP-SAT reaches everyone is still a bound, and on the L instances, where CP-SAT's round
never ends within the time, the LP's alone is well below the LP of the assignment
(decision 0058).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from .variables import Problem
from .worker_rows import Row, travel_pairs, worker_rows

PRICE_SCALE = 10_000
"""Prices are rounded *down* to 1/10,000 for CP-SAT: a lower price keeps the bound valid."""

LP_TOLERANCE = 1e-6
"""Taken off each LP optimum of :class:`_LPPricing`: GLOP's optimum is exact up to its
tolerances (1e-7), and a lower bound must not be above the true one."""

PRICING_TIME_S = 1.0
"""At most this long per worker and round; an unproven pricing keeps its proven bound."""


@dataclass
class ColumnBound:
    """The best Lagrangian value found and how far the generation went."""

    value: float | None
    rounds: int
    converged: bool


def minimums(problem: Problem, missions: list[int]) -> list[tuple[dict[int, int], int]]:
    """What a worker's set of ``missions`` must reach for it to count, as (minutes per
    mission, minutes needed): the counted minutes to the threshold, then the week floor in
    every working week."""
    found = [({m: problem.counted_minutes[m] for m in missions}, problem.target)]
    floor = problem.rules.week_floor_minutes
    for k, on in enumerate(problem.calendar.working):
        if floor > 0 and on:
            week = {m: problem.mission_weeks[m].get(k, 0) for m in missions}
            found.append(({m: v for m, v in week.items() if v}, floor))
    return found


class _Pricing:
    """Worker ``w``'s cheapest set of missions reaching the threshold at given prices."""

    def __init__(
        self, problem: Problem, w: int, missions: list[int], rows: list[Row] | None = None
    ) -> None:
        self.missions = missions
        self.model = cp_model.CpModel()
        self.x = {m: self.model.new_bool_var(f"x{m}") for m in missions}
        for terms, rhs in worker_rows(problem, w, missions) if rows is None else rows:
            if rhs == 1 and all(c == 1 for _, c in terms):
                self.model.add_at_most_one(self.x[m] for m, _ in terms)
            else:
                self.model.add(sum(c * self.x[m] for m, c in terms) <= rhs)
        for first, second in travel_pairs(problem, w, missions):
            self.model.add_bool_or((~self.x[first], ~self.x[second]))
        for minutes, needed in minimums(problem, missions):
            self.model.add(sum(c * self.x[m] for m, c in minutes.items()) >= needed)
        self.last: frozenset[int] | None = None

    def price(self, prices: dict[int, float], time_limit_s: float) -> tuple[float, frozenset[int]]:
        """(a lower bound on the cheapest set's price, the best set found or empty)."""
        scaled = {m: math.floor(prices.get(m, 0.0) * PRICE_SCALE) for m in self.missions}
        self.model.minimize(sum(scaled[m] * self.x[m] for m in self.missions if scaled[m]))
        self.model.clear_hints()  # type: ignore[no-untyped-call]  # ortools has no annotations there
        if self.last is not None:
            for m in self.missions:
                self.model.add_hint(self.x[m], m in self.last)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.01, time_limit_s)
        solver.parameters.num_workers = 1
        status = solver.solve(self.model)
        if status == cp_model.INFEASIBLE:
            return math.inf, frozenset()
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return 0.0, frozenset()
        chosen = frozenset(m for m in self.missions if solver.value(self.x[m]))
        self.last = chosen
        return solver.best_objective_bound / PRICE_SCALE, chosen


class _LPPricing:
    """A lower bound on a worker's cheapest set reaching the threshold, in milliseconds.

    The LP of :class:`_Pricing`'s model without its travel pairs: every set the CP-SAT model
    allows is a point of this LP, so the LP's optimum is at most the cheapest set's price.
    Still whole in one respect that the bound's LP is not: the worker reaches the threshold
    or takes nothing, where the bound's LP lets it reach a fraction ``y`` with a fraction of
    the minutes. At the bound's LP prices this alone takes the generated L instance of
    seed 1 from the LP's 383.06 to 364.19 in 3 s (decision 0058), where CP-SAT's pricing of
    its 475 workers does not finish within the offline bound's time. The travel pairs are
    left out: 59,000 rows per worker on L, and nearly nothing to a fractional week (M seed 3:
    79.74 with them, 79.94 without, in 2.5 s against 0.2 s).
    """

    def __init__(self, problem: Problem, missions: list[int], rows: list[Row]) -> None:
        self.missions = missions
        self.solver = pywraplp.Solver.CreateSolver("GLOP")
        infinity = self.solver.infinity()
        self.x = {m: self.solver.NumVar(0.0, 1.0, "") for m in missions}
        for terms, rhs in rows:
            row = self.solver.RowConstraint(-infinity, rhs)
            for m, coefficient in terms:
                row.SetCoefficient(self.x[m], coefficient)
        # The rows a set must reach: (row, its minutes per mission, the minutes to reach).
        self.at_least: list[tuple[pywraplp.Constraint, dict[int, int], int]] = []
        for minutes, needed in minimums(problem, missions):
            row = self.solver.RowConstraint(needed, infinity)
            for m, coefficient in minutes.items():
                row.SetCoefficient(self.x[m], coefficient)
            self.at_least.append((row, minutes, needed))

    def low(self, prices: dict[int, float]) -> float:
        """A lower bound on the cheapest set's price at ``prices``: the LP's optimum less
        its tolerance; +∞ when no set reaches the threshold; 0 (always a lower bound, prices
        being ≥ 0) when the LP is not solved."""
        objective = self.solver.Objective()
        objective.Clear()
        for m in self.missions:
            objective.SetCoefficient(self.x[m], prices.get(m, 0.0))
        objective.SetMinimization()
        status = self.solver.Solve()
        if status == pywraplp.Solver.OPTIMAL:
            return max(0.0, float(objective.Value()) - LP_TOLERANCE)
        if status == pywraplp.Solver.INFEASIBLE and self._out_of_reach():
            return math.inf
        return 0.0

    def _out_of_reach(self) -> bool:
        """Whether one of the minutes a set must reach is above the most the worker's rows
        allow, each maximised on its own: checked rather than taken from the simplex's word,
        since +∞ drops the worker from the bound."""
        infinity = self.solver.infinity()
        for row, _, _ in self.at_least:
            row.SetBounds(-infinity, infinity)
        out = False
        objective = self.solver.Objective()
        for _, minutes, needed in self.at_least:
            objective.Clear()
            for m, coefficient in minutes.items():
                objective.SetCoefficient(self.x[m], coefficient)
            objective.SetMaximization()
            # Whole minutes: a set reaching ``needed`` gives the LP at least that.
            if self.solver.Solve() == pywraplp.Solver.OPTIMAL and objective.Value() < needed - 0.5:
                out = True
                break
        for row, _, needed in self.at_least:
            row.SetBounds(needed, infinity)
        return out


def _master(
    columns: list[tuple[int, frozenset[int]]],
) -> tuple[float, dict[int, float], dict[int, float]] | None:
    """The master LP over ``columns``: its value, mission prices and worker prices."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:
        return None
    infinity = solver.infinity()
    mission_rows: dict[int, pywraplp.Constraint] = {}
    convexity_rows: dict[int, pywraplp.Constraint] = {}
    objective = solver.Objective()
    for w, chosen in columns:
        var = solver.NumVar(0.0, 1.0, "")
        objective.SetCoefficient(var, 1)
        for m in chosen:
            if m not in mission_rows:
                mission_rows[m] = solver.RowConstraint(-infinity, 1)
            mission_rows[m].SetCoefficient(var, 1)
        if w not in convexity_rows:
            convexity_rows[w] = solver.RowConstraint(-infinity, 1)
        convexity_rows[w].SetCoefficient(var, 1)
    objective.SetMaximization()
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    return (
        objective.Value(),
        {m: max(0.0, row.dual_value()) for m, row in mission_rows.items()},
        {w: max(0.0, row.dual_value()) for w, row in convexity_rows.items()},
    )


def column_bound(
    problem: Problem,
    pairs: dict[int, list[int]],
    reachers: set[int],
    *,
    deadline: float,
    start_prices: dict[int, float] | None = None,
    rows: dict[int, list[Row]] | None = None,
    max_rounds: int | None = None,
) -> ColumnBound:
    """The best Lagrangian bound (module docstring) reached before ``deadline``.

    ``pairs`` maps each worker to its eligible open missions; only ``reachers`` can count;
    ``rows`` holds workers' :func:`.worker_rows.worker_rows` already built (those built
    here are added to it). The first round prices ``start_prices`` (the LP's mission
    duals): on the generated M instance that round is the best of the first minute, the
    master's duals needing thousands of columns to do better. Later rounds price the
    master's duals; when they add no column the generation has converged (the master's
    value is then the bound up to the pricing's proofs).
    Prices never affect validity, only how tight the bound is.
    """
    pricing: dict[int, _Pricing] = {}
    columns: list[tuple[int, frozenset[int]]] = []
    seen: set[tuple[int, frozenset[int]]] = set()
    prices = dict(start_prices or {})
    best: float | None = None
    master_value: float | None = None
    worker_prices: dict[int, float] = {}
    rounds = 0
    converged = False
    order = sorted(reachers)
    rows = {} if rows is None else rows
    lp_pricing: dict[int, _LPPricing] = {}
    while time.monotonic() < deadline:
        value = sum(prices.values())
        # Every worker's LP lower bound first (milliseconds each), then CP-SAT's, worker by
        # worker, as long as there is time: a round cut short still has a term for each.
        lp_low: dict[int, float] = {}
        for w in order:
            if time.monotonic() >= deadline:
                break
            if w not in lp_pricing:
                if w not in rows:
                    rows[w] = worker_rows(problem, w, pairs[w])
                lp_pricing[w] = _LPPricing(problem, pairs[w], rows[w])
            lp_low[w] = lp_pricing[w].low(prices)
        added = 0
        # A worker the LP already prices at 1 or more adds nothing to the bound, and no set
        # of it would be worth its price to the master: CP-SAT prices the others, in the
        # workers' order (L seed 1 within 60 s: 363.53; those the LP leaves the most first
        # gave 364.19, no better than the LP pricing alone).
        to_price = [w for w in order if lp_low.get(w, 0.0) < 1.0]
        for i, w in enumerate(to_price):
            left = deadline - time.monotonic()
            if left <= 0:
                # Workers not priced by CP-SAT this round keep their LP term; those the LP
                # did not reach either count 1 each: still a bound.
                value += sum(max(0.0, 1.0 - lp_low.get(v, 0.0)) for v in to_price[i:])
                break
            if w not in pricing:
                pricing[w] = _Pricing(problem, w, pairs[w], rows.get(w))
            low, chosen = pricing[w].price(prices, min(PRICING_TIME_S, left))
            value += max(0.0, 1.0 - max(low, lp_low.get(w, 0.0)))
            if not chosen or (w, chosen) in seen:
                continue
            if 1.0 - sum(prices.get(m, 0.0) for m in chosen) > worker_prices.get(w, 0.0) + 1e-6:
                columns.append((w, chosen))
                seen.add((w, chosen))
                added += 1
        rounds += 1
        best = value if best is None else min(best, value)
        if rounds == max_rounds:
            break
        if added == 0 and (master_value is not None or not any(prices.values())):
            converged = True
            break
        if time.monotonic() >= deadline:
            break
        if not columns:
            # No set is worth its price at these prices: the next round prices nothing.
            prices = {}
            continue
        solved = _master(columns)
        if solved is None:
            break
        master_value, prices, worker_prices = solved
    return ColumnBound(value=best, rounds=rounds, converged=converged)
