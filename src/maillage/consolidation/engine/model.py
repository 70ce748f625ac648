"""A CP-SAT model over a subset of workers and missions (the whole instance when small).

Variables: one boolean per (mission, worker, way of doing it) among eligible pairs only.
Rules come from :mod:`.constraints`, objective levels from :mod:`.objectives`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from .constraints import daily_rest, no_overlap, work_limits
from .geometry import travel_minutes
from .levels import plan_levels
from .objectives import LEVELS, coverage, reach_threshold, stability, travel_km
from .objectives.weights import combine, lexicographic_weights
from .objectives.weights import level_spans as weight_spans
from .schedule import Plan
from .schema import Block
from .variables import Problem

MAX_OBJECTIVE_MAGNITUDE = 2**61
MINUTE_LEVELS = {"covered_minutes", "overtime_minutes", "threshold_fill"}
Solution = dict[int, tuple[int, tuple[Block, ...]]]
# A day's route nodes (start, end, place, choice index) and its arc variables by node pair.
RouteArcs = tuple[list[tuple[int, int, int, int]], dict[tuple[int, int], cp_model.IntVar]]


@dataclass
class Choice:
    """Mission ``mission`` done by ``worker`` in ``blocks`` (at ``location``), if ``var``."""

    mission: int
    worker: int
    blocks: tuple[Block, ...]
    location: int
    var: cp_model.IntVar


class ObjectiveTooLarge(ValueError):
    """The lexicographic weights of a sub-model would overflow CP-SAT's 64-bit objective."""


def level_spans(problem: Problem, workers: list[int], missions: list[int]) -> dict[str, int]:
    """Largest possible swing of each objective level over ``workers`` and ``missions``.

    The km span is tightened with the eligible pairs: a day's route is never longer than
    going home between its on-site blocks, and each of its non-zero legs (at most two per
    on-site block) is rounded by at most half a hectometre.
    """
    worker_set = set(workers)
    stable = sum(1 for m in missions if problem.previous_worker.get(m) in worker_set)
    spans = weight_spans(
        problem.rules,
        [problem.workers[w] for w in workers],
        [problem.missions[m] for m in missions],
        stable,
        problem.calendar,
    )
    km = 1
    for m in missions:
        travellers = [
            w for w in problem.eligible_workers[m] if w in worker_set and problem.travels_for(m, w)
        ]
        if not travellers:
            continue
        farthest = max(problem.home_km(m, w) for w in travellers)
        mission = problem.missions[m]
        occurrences = (
            7 * len(problem.occ[m][0])
            if mission.flexible is not None
            else sum(len(problem.occ[m][slot.day]) for slot in mission.slots)
        )
        km += (math.ceil(20 * farthest) + 1) * occurrences
    spans["km_hectometres"] = min(spans["km_hectometres"], km)
    return spans


def minute_unit(problem: Problem, workers: list[int], missions: list[int]) -> int:
    """Greatest common divisor of every minute count the minute levels can take."""
    values = [problem.mission_minutes[m] for m in missions]
    values += [problem.counted_minutes[m] for m in missions]
    values += [problem.target]
    values += [problem.wish(w) for w in workers]
    return math.gcd(*values) or 1


class SubModel:
    """CP-SAT model of assigning ``missions`` to ``workers`` (both lists of indices)."""

    def __init__(
        self,
        problem: Problem,
        workers: list[int],
        missions: list[int],
        options: dict[tuple[int, int], list[tuple[Block, ...]]],
        weights: dict[str, int] | None = None,
    ) -> None:
        self.problem = problem
        self.model = cp_model.CpModel()
        self.workers, self.missions = workers, missions
        self.choices: list[Choice] = []
        self.by_worker: dict[int, list[Choice]] = {w: [] for w in workers}
        self.by_mission: dict[int, list[Choice]] = {m: [] for m in missions}
        self.aux: dict[str, cp_model.IntVar] = {}
        # (worker, day) → its route; node -1 is home.
        self.route_arcs: dict[tuple[int, int], RouteArcs] = {}
        self.max_travel = {
            w: travel_minutes(2 * problem.workers[w].max_km, problem.speed[w]) + 1 for w in workers
        }
        for (m, w), ways in options.items():
            for blocks in ways:
                choice = Choice(
                    m,
                    w,
                    blocks,
                    problem.location(m, w),
                    self.model.new_bool_var(f"x_{m}_{w}_{len(self.choices)}"),
                )
                self.choices.append(choice)
                self.by_worker[w].append(choice)
                self.by_mission[m].append(choice)
        for m, choices in self.by_mission.items():
            if m in problem.pinned:
                self.model.add_exactly_one(c.var for c in choices)
            elif len(choices) > 1:
                self.model.add_at_most_one(c.var for c in choices)
        # Mission minutes in working weeks, not block minutes: a relaxed flexible choice has
        # no blocks.
        self.worked = {
            w: sum(problem.counted_minutes[c.mission] * c.var for c in cs)
            for w, cs in self.by_worker.items()
        }
        for rule in (no_overlap, work_limits, daily_rest):
            rule.post(self)
        reached, overtime, fill = reach_threshold.post(self)
        self.level_exprs = {
            "covered_minutes": coverage.post(self),
            "workers_at_threshold": reached,
            "overtime_minutes": overtime,
            "threshold_fill": fill,
            "km_hectometres": travel_km.post(self),
            "stable_missions": stability.post(self),
        }
        unit = 1 if weights else minute_unit(problem, workers, missions)
        self.units = {name: unit if name in MINUTE_LEVELS else 1 for name in self.level_exprs}
        spans = {
            name: -(-span // self.units[name])
            for name, span in level_spans(problem, workers, missions).items()
        }
        self.weights = weights or self._fitting_weights(spans)
        magnitude = sum(self.weights[k] * (spans[k] + 1) for k in spans)
        if magnitude > MAX_OBJECTIVE_MAGNITUDE:
            raise ObjectiveTooLarge(f"objective magnitude {magnitude} too large")
        # One bounded variable per level keeps CP-SAT's overflow check on weight × span.
        self.level_vars = {}
        for name, expr in self.level_exprs.items():
            level = self.model.new_int_var(-spans[name], spans[name], f"level_{name}")
            self.model.add(level * self.units[name] == expr)
            self.level_vars[name] = level
        self.objective = combine(self.level_vars, self.weights)
        self.model.maximize(self.objective)

    def cap_objective(self, bound: int) -> None:
        """Add ``objective ≤ bound``, a bound proven elsewhere (e.g. by a relaxation)."""
        self.model.add(self.objective <= bound)

    @staticmethod
    def _fitting_weights(spans: dict[str, int]) -> dict[str, int]:
        """Lexicographic weights; the last levels are dropped (weight 0) if they overflow."""
        kept = dict(spans)
        for name, _ in reversed(LEVELS):
            weights = lexicographic_weights(kept)
            if sum(weights[k] * (kept[k] + 1) for k in kept) <= MAX_OBJECTIVE_MAGNITUDE:
                break
            kept[name] = 0
        return {k: (weights[k] if kept[k] or spans[k] == 0 else 0) for k in spans}

    def scaled(self, levels: dict[str, int]) -> int:
        """The sub-model's objective value of level values given in natural units."""
        return combine({k: levels[k] // self.units[k] for k in levels}, self.weights)

    def hint(self, plan: Plan) -> None:
        """Give CP-SAT the current plan as a complete hint (it becomes the first incumbent)."""
        problem = self.problem
        chosen = set()
        for c in self.choices:
            held = plan.assigned.get(c.mission)
            if held is not None and held[0] == c.worker and c.blocks in (held[1], ()):
                chosen.add(id(c))
        for c in self.choices:
            self.model.add_hint(c.var, id(c) in chosen)
        for w in self.workers:
            worked = sum(
                problem.counted_minutes[c.mission] for c in self.by_worker[w] if id(c) in chosen
            )
            if f"reached_{w}" in self.aux:
                self.model.add_hint(self.aux[f"reached_{w}"], plan.at_threshold(w))
            if f"fill_{w}" in self.aux:
                self.model.add_hint(self.aux[f"fill_{w}"], min(worked, problem.target))
            if f"overtime_{w}" in self.aux:
                overtime = max(0, worked - problem.wish(w))
                self.model.add_hint(self.aux[f"overtime_{w}"], overtime)
        for name, value in plan_levels(problem, plan, self.workers, self.missions).items():
            self.model.add_hint(self.level_vars[name], value // self.units[name])
        for (w, _), (nodes, arcs) in self.route_arcs.items():
            on = [a for a, node in enumerate(nodes) if id(self.by_worker[w][node[3]]) in chosen]
            used = set(zip([-1, *on], [*on, -1], strict=True)) if on else set()
            for key, var in arcs.items():
                self.model.add_hint(var, key in used)

    def solve(
        self,
        *,
        time_limit_s: float,
        seed: int,
        num_workers: int = 2,
        deterministic: bool = False,
        log: bool = False,
        extra: dict[str, Any] | None = None,
    ) -> tuple[str, Solution, float, float]:
        """Solve; return (status, mission → (worker, blocks), objective, best bound)."""
        solver = cp_model.CpSolver()
        params = solver.parameters
        if deterministic:
            params.max_deterministic_time = max(0.05, time_limit_s)
        params.max_time_in_seconds = max(0.05, time_limit_s)
        params.log_search_progress = log
        for name, value in (extra or {}).items():
            setattr(params, name, value)
        params.random_seed = seed
        params.num_workers = num_workers
        status = solver.Solve(self.model)
        name = solver.StatusName(status)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return name, {}, 0.0, 0.0
        solution = {c.mission: (c.worker, c.blocks) for c in self.choices if solver.Value(c.var)}
        return name, solution, solver.ObjectiveValue(), solver.BestObjectiveBound()
