"""Which missions each worker who can reach the threshold should take: the LP's answer.

The construction fills the workers who can reach 24 h one at a time with their nearest free
missions (:func:`.construction.construct`). Nearest first, the first workers filled take the
missions that later ones needed and that they could have done without: on the generated M
instance of seed 3 it brings 51 people to 24 h where the LP relaxation of the bound
(:mod:`.threshold_bound`) shares the missions out among 86.7. Here the same relaxation, each
worker's missions cut to its ``nearest`` eligible ones, with a small price per km travelled,
says how much of each mission each of them would hold; the construction then fills each
worker with its LP missions first (decision 0057).

The LP is not a bound here (its missions are cut and its objective carries km): only a
preference. When it cannot be solved within its time, there is none and the construction
stays nearest first.
"""

from __future__ import annotations

import math

from ortools.linear_solver import pywraplp

from .threshold_bound import open_missions, open_pairs
from .variables import Problem
from .worker_rows import worker_rows

NEAREST_MISSIONS = 400
"""At most this many eligible missions per worker in the LP, nearest first. Measured on the
generated L instance of seed 1 (475 workers who can reach 24 h, 398,000 pairs in all), with
an experiment's LP of the same rows (its threshold row in minutes, not in shares of the
threshold) and the fill's first rank only: 120 nearest give a construction with 245 people
at 24 h (LP 2.3 s), 250 give 256 (4.8 s), 400 give 275 (10.6 s), all of them 289 (51 s);
the construction without guidance, 225. This module's LP with both ranks: 280. On M (about
250 eligible missions per worker) 400 is all of them."""

PAIRS_PER_SECOND = 15_000
"""Pairs of this LP solved per second, building included (2 cores, the experiment's LP
above: L seed 1 164,502 pairs in 10.9 s; M seed 3 24,682 in 1.2 s). The km prices make it
slower than the bound's LP
(``threshold_bound.LP_PAIRS_PER_SECOND``). Fewer nearest missions are kept when the pairs
would not fit in the LP's time at this rate."""

PAIRS_TIME_SHARE = 2 / 3
"""Share of the LP's time that its pairs are chosen to fill at ``PAIRS_PER_SECOND``: the rate
was measured with nothing else running, and an LP not solved in time guides nothing."""

KM_PRICE = 0.002
"""Price of one km travelled to a mission, per threshold's worth of its minutes, against 1
for a worker at the threshold: a tie-break between the LP's many optima. Without it the
workers filled on M seed 3 drove 38,297 hm for 65 people; with it 11,799 hm for 64 (the
whole plan: 139,819 against 120,087 hm, over and under the marketplace's 135,944)."""


def lp_preferences(
    problem: Problem, blocked: set[int], workers: list[int], *, time_limit_s: float
) -> dict[tuple[int, int], float] | None:
    """(mission, worker) → share of the mission the LP gives the worker (only shares > 0).

    ``workers`` are those who can reach the threshold. None when there is nobody to share
    missions among, or when the LP is not solved within ``time_limit_s``.
    """
    if not workers or time_limit_s <= 0:
        return None
    pairs = open_pairs(problem, workers, set(open_missions(problem, blocked)))
    pairs_budget = PAIRS_PER_SECOND * PAIRS_TIME_SHARE * time_limit_s
    nearest = min(NEAREST_MISSIONS, math.floor(pairs_budget / len(workers)))
    if nearest <= 0:
        return None
    km_of: dict[int, dict[int, float]] = {}
    for w in workers:
        km_of[w] = dict(
            zip(problem.eligible_missions[w], problem.km_of_eligible_missions(w), strict=True)
        )
        pairs[w] = sorted(pairs[w], key=lambda m: (km_of[w][m], m))[:nearest]
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:
        return None
    infinity = solver.infinity()
    share: dict[tuple[int, int], pywraplp.Variable] = {}
    by_mission: dict[int, list[pywraplp.Variable]] = {}
    objective = solver.Objective()
    for w, missions in pairs.items():
        reaches = solver.NumVar(0.0, 1.0, "")
        objective.SetCoefficient(reaches, 1.0)
        threshold_row = solver.RowConstraint(0.0, infinity)
        threshold_row.SetCoefficient(reaches, -1.0)
        for m in missions:
            var = share[(m, w)] = solver.NumVar(0.0, 1.0, "")
            by_mission.setdefault(m, []).append(var)
            fraction = problem.counted_minutes[m] / problem.target
            threshold_row.SetCoefficient(var, fraction)
            objective.SetCoefficient(var, -KM_PRICE * km_of[w][m] * fraction)
        for terms, rhs in worker_rows(problem, w, missions):
            row = solver.RowConstraint(-infinity, rhs)
            for m, coefficient in terms:
                row.SetCoefficient(share[(m, w)], coefficient)
    for holders in by_mission.values():
        if len(holders) > 1:
            once = solver.RowConstraint(-infinity, 1.0)
            for var in holders:
                once.SetCoefficient(var, 1.0)
    objective.SetMaximization()
    solver.SetTimeLimit(max(1, int(1000 * time_limit_s)))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    return {key: var.solution_value() for key, var in share.items() if var.solution_value() > 1e-6}
