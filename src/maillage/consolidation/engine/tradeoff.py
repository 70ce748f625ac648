"""The trade-off between covering every last hour and bringing people to 24 h.

``tradeoff_front`` computes a few plans by ε-constraint on coverage: starting from the
engine's plan (coverage first), each point may give up at most ε of the demand's minutes,
and within that allowance puts workers at the threshold first, then coverage, then km
(large-neighbourhood search with those priorities, the ejection-chain rings of
:mod:`.lns` included, then the km polish with both held). When the group of those who wish
24 h fits :mod:`.threshold_master` and the front has time for it, the first search that
may give coverage up starts with a re-deal of their missions, with half of the front's
time, that may give up the minutes above the point's floor: the LNS moves ten or so
workers at a time and cannot see a trade that needs a long chain of moves (decision 0054),
and a deal's people come with its time. A first search gives up no
coverage at all, and each point is the best plan found on the way that its allowance
admits (by people at 24 h, then coverage, then km): what a point adds is what its coverage
bought, not the extra search time. No point drives more than the engine's km budget (the
marketplace's): a coordinator may publish any of them. Every plan is re-checked by
:mod:`.validation`.
``choose`` applies a policy such as the charter's "at most N points of coverage for one
more person at 24 h".
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import lns
from .levels import plan_levels
from .local_search import push_to_threshold
from .model import ObjectiveTooLarge, SubModel, level_spans
from .schedule import Plan
from .schema import EngineInput, EngineResult
from .solver import REDEAL_MIN_SECONDS, EngineError, solve
from .threshold_master import reassign_wishers, redeal_group
from .validation import validate
from .variables import Problem

EPSILONS = (0.0, 0.01, 0.02, 0.05)
"""Default allowances: share of the demand's minutes that may be left uncovered."""

FRONT_REDEAL_SHARE = 0.5
"""Share of the front's time given to its one re-deal, in the first search that may give
coverage up (its minimum is the engine's, ``REDEAL_MIN_SECONDS``); in each search the LNS
and the km polish share the rest, 3 to 1."""


@dataclass
class FrontPoint:
    """One plan of the front, with its figures (from validation)."""

    epsilon: float
    coverage: float
    covered_minutes: int
    workers_at_threshold: int
    km_week: float
    result: EngineResult

    def to_dict(self) -> dict[str, Any]:
        """The figures (without the plan) as a JSON object."""
        return {
            "epsilon": self.epsilon,
            "coverage": self.coverage,
            "covered_minutes": self.covered_minutes,
            "workers_at_threshold": self.workers_at_threshold,
            "km_week": self.km_week,
        }


def _weights(spans: dict[str, int]) -> dict[str, int]:
    """Weights for the order 24 h > coverage > km; the lower levels are left out."""
    km = 1
    covered = 1 + spans["km_hectometres"]
    threshold = 1 + covered * spans["covered_minutes"] + spans["km_hectometres"]
    return {
        "workers_at_threshold": threshold,
        "covered_minutes": covered,
        "km_hectometres": km,
        "overtime_minutes": 0,
        "stable_missions": 0,
        "threshold_fill": 0,
    }


def _key(levels: dict[str, int]) -> tuple[int, int, int]:
    return (levels["workers_at_threshold"], levels["covered_minutes"], -levels["km_hectometres"])


def improve_within(
    problem: Problem,
    plan: Plan,
    blocked: set[int],
    floor: int,
    *,
    deadline: float,
    seed: int,
    num_workers: int = 2,
    size: int = 10,
    sub_time_s: float = 0.5,
) -> dict[str, int]:
    """LNS on (24 h, coverage, km) keeping the plan's covered minutes at or above ``floor``.

    Small, quick sub-models (as in the engine's own LNS) and, every ``lns.PUSH_EVERY``
    iterations, the threshold pushes of :mod:`.local_search` (they never lose coverage).
    """
    rng = random.Random(seed + 104729)
    cache: lns.Options = {}
    stats = {"iterations": 0, "improvements": 0}
    everyone = list(range(len(problem.workers)))
    every_mission = list(range(len(problem.missions)))
    wishers = [
        w
        for w in everyone
        if problem.workers[w].wished_minutes >= problem.rules.threshold_minutes
        and problem.eligible_missions[w]
    ]
    if not wishers:
        return stats
    while time.monotonic() < deadline - 0.2:
        stats["iterations"] += 1
        if stats["iterations"] % lns.PUSH_EVERY == 0:
            stats["pushed"] = stats.get("pushed", 0) + push_to_threshold(
                problem, plan, blocked, deadline=min(deadline, time.monotonic() + 1.0)
            )
        total = plan_levels(problem, plan, [], every_mission)["covered_minutes"]
        allowance = total - floor
        below = [w for w in wishers if not plan.at_threshold(w) and plan.worked_week[w] > 0]
        below.sort(key=lambda w: (problem.target - plan.worked_week[w], w))
        if below and rng.random() < 0.7:
            workers = lns.threshold_neighbourhood(problem, plan, below, size, rng)
        else:
            workers = lns.neighbourhood(problem, plan, rng.choice(wishers), size, rng)
        missions = lns.free_missions(problem, plan, workers, blocked, rng, max_open=size)
        options = lns.sub_options(problem, plan, workers, missions, cache)
        try:
            spans = level_spans(problem, workers, missions)
            sub = SubModel(problem, workers, missions, options, weights=_weights(spans))
        except ObjectiveTooLarge:
            size = max(5, size // 2)
            continue
        current = plan_levels(problem, plan, workers, missions)
        sub.model.add(sub.level_vars["covered_minutes"] >= current["covered_minutes"] - allowance)
        sub.hint(plan)
        budget = min(sub_time_s, deadline - time.monotonic())
        status, solution, _, _ = sub.solve(
            time_limit_s=budget, seed=rng.randrange(1 << 30), num_workers=num_workers
        )
        if status not in ("OPTIMAL", "FEASIBLE"):
            size = max(5, size - 4)
            continue
        trial = plan.copy()
        for m in missions:
            if m in trial.assigned:
                trial.remove(m)
        for m, (w, blocks) in solution.items():
            trial.add(m, w, blocks)
        after = plan_levels(problem, trial, workers, missions)
        if _key(after) > _key(current):
            for m in missions:
                if m in plan.assigned:
                    plan.remove(m)
            for m, (w, blocks) in solution.items():
                plan.add(m, w, blocks)
            stats["improvements"] += 1
    return stats


def best_admissible(
    candidates: Sequence[dict[str, int]], floor: int, km_cap: int | None = None
) -> int:
    """Index of the best levels (people at 24 h, then coverage, then km) among those covering
    at least ``floor`` minutes within ``km_cap`` hectometres; the first such on a tie. The
    first candidate must qualify."""
    admissible = [
        i
        for i, levels in enumerate(candidates)
        if levels["covered_minutes"] >= floor
        and (km_cap is None or levels["km_hectometres"] <= km_cap)
    ]
    return max(admissible, key=lambda i: (_key(candidates[i]), -i))


def tradeoff_front(
    instance: EngineInput,
    *,
    base: EngineResult | None = None,
    epsilons: Sequence[float] = EPSILONS,
    time_limit_s: float = 60.0,
    seed: int = 0,
    num_workers: int = 2,
) -> list[FrontPoint]:
    """Plans along the coverage / workers-at-24 h front (ε = share of demand given up)."""
    started = time.monotonic()
    steps = sorted(set(epsilons) | {0.0})
    if base is None:
        base = solve(
            instance,
            time_limit_s=time_limit_s / len(steps),
            seed=seed,
            num_workers=num_workers,
        )
    problem = Problem(instance)
    blocked = {problem.mission_index[p.mission] for p in base.rejected_pins}
    demand = int(base.metrics["demand_minutes"])
    base_covered = int(base.metrics["covered_minutes"])
    plan = Plan.from_result(problem, base)
    every_mission = list(range(len(problem.missions)))
    # The group is looked for only when the searches have time to re-deal it, not in the
    # platform's 20-s fronts (finding who has room takes 0.19 s on M seed 1 here).
    has_time = FRONT_REDEAL_SHARE * time_limit_s >= REDEAL_MIN_SECONDS
    pairs = redeal_group(problem, blocked) if has_time else None
    # No point drives more than the marketplace (the engine's km budget), or than the
    # engine's plan when that is more (the budget raised to keep people at 24 h) or there
    # is no budget.
    km_cap = max(
        int(base.metrics.get("lns_km_budget_hectometres", 0)), lns.total_hectometres(problem, plan)
    )
    # Every plan met on the way, with its levels: each point is the best of them that its
    # allowance admits, so the front never shows a point that another one dominates.
    found: list[tuple[dict[str, int], EngineResult | Plan]] = [
        (plan_levels(problem, plan, list(range(len(problem.workers))), every_mission), base)
    ]
    # The first search gives up nothing: without it, a point's extra people at 24 h would
    # mostly be the extra search time, not the coverage given up (measured on M: every
    # point covered more than the engine's plan).
    searches = [0.0, *(e for e in steps if e > 0)]
    # One re-deal, in the first search that may give coverage up, with half of the whole
    # front's time: the deal's people at 24 h come with time (measured on M seed 3 from the
    # engine's plan, coverage free: 60 at 18 s, 65 at 60 s) and each new deal starts again
    # from its hint; with allowance 0 it finds little (61 at 150 s), and the LNS of the
    # other searches moves ten workers at a time.
    redeal_at = 1 if len(searches) > 1 else 0
    redeal_seconds = 0.0 if pairs is None else FRONT_REDEAL_SHARE * time_limit_s
    for i, epsilon in enumerate(searches):
        left = time_limit_s - (time.monotonic() - started)
        dealing = redeal_seconds if i == redeal_at else 0.0
        pending = redeal_seconds if i <= redeal_at else 0.0
        budget = dealing + (left - pending) / (len(searches) - i)
        floor = base_covered - int(epsilon * demand)
        search_end = time.monotonic() + budget
        if dealing:
            reassign_wishers(
                problem,
                plan,
                blocked,
                deadline=time.monotonic() + dealing,
                seed=seed + i,
                num_workers=num_workers,
                km_budget=km_cap,
                pairs=pairs,
                coverage_floor=floor,
            )
            # The deal's plan is within the km cap; the LNS that follows does not see km and
            # its polish may not bring them back in time (measured on M seed 3: a deal of 64
            # people lost to a search that ended over the cap, the point showed 59).
            levels = plan_levels(problem, plan, list(range(len(problem.workers))), every_mission)
            found.append((levels, plan.copy()))
        # Each search starts from the previous one: its coverage is above the new floor.
        improve_within(
            problem,
            plan,
            blocked,
            floor,
            deadline=time.monotonic() + 0.75 * (search_end - time.monotonic()),
            seed=seed + i,
            num_workers=num_workers,
        )
        if lns.total_hectometres(problem, plan) > km_cap:
            # The LNS does not see km: shorter routes first, down to the point's floor.
            lns.polish_km(
                problem,
                plan,
                blocked,
                deadline=time.monotonic() + 0.5 * (search_end - time.monotonic()),
                seed=seed + i,
                num_workers=num_workers,
                floor=floor,
                km_target=km_cap,
            )
        lns.polish_km(
            problem,
            plan,
            blocked,
            deadline=search_end,
            seed=seed + i,
            num_workers=num_workers,
        )
        levels = plan_levels(problem, plan, list(range(len(problem.workers))), every_mission)
        found.append((levels, plan.copy()))
    points: list[FrontPoint] = []
    for epsilon in steps:
        if epsilon > 0:
            floor = base_covered - int(epsilon * demand)
            chosen = found[best_admissible([levels for levels, _ in found], floor, km_cap)][1]
            result = (
                chosen if isinstance(chosen, EngineResult) else _as_result(problem, chosen, base)
            )
        else:
            result = base
        report = validate(instance, result)
        if not report.ok:
            raise EngineError(f"trade-off plan is invalid: {report.violations[:5]}")
        points.append(
            FrontPoint(
                epsilon=epsilon,
                coverage=report.metrics["coverage"],
                covered_minutes=report.metrics["covered_minutes"],
                workers_at_threshold=report.metrics["workers_at_threshold"],
                km_week=report.metrics["km_week"],
                result=result,
            )
        )
    return points


def _as_result(problem: Problem, plan: Plan, base: EngineResult) -> EngineResult:
    from .solver import _result

    rejected = list(base.rejected_pins)
    return _result(problem, plan, rejected, "feasible", "engine", base.levels["weights"], 0.5)


def choose(points: list[FrontPoint], coverage_points_per_job: float) -> FrontPoint:
    """The point a policy picks: give up at most ``coverage_points_per_job`` points of
    coverage (percent of demand) for each more person at 24 h, compared with the first point.

    E.g. a charter saying "at most half a point of coverage for one more job" is 0.5.
    """
    figures = [(p.coverage, p.workers_at_threshold) for p in points]
    return points[choose_index(figures, coverage_points_per_job)]


def choose_index(figures: Sequence[tuple[float, int]], coverage_points_per_job: float) -> int:
    """:func:`choose` on (coverage, workers at the threshold) pairs: the index picked."""
    first_coverage, first_workers = figures[0]
    best = 0
    for index, (coverage, workers) in enumerate(figures[1:], start=1):
        jobs = workers - first_workers
        lost = 100 * (first_coverage - coverage)
        better = (workers, coverage) > (figures[best][1], figures[best][0])
        if jobs > 0 and lost <= coverage_points_per_job * jobs + 1e-9 and better:
            best = index
    return best


def describe(points: list[FrontPoint]) -> list[dict[str, Any]]:
    """Each point against the first, in people and hours (for the coordinator's page)."""
    first = points[0]
    rows = []
    for point in points:
        rows.append(
            {
                **point.to_dict(),
                "coverage_points_given_up": round(100 * (first.coverage - point.coverage), 2),
                "hours_given_up": round((first.covered_minutes - point.covered_minutes) / 60, 1),
                "more_people_at_threshold": point.workers_at_threshold - first.workers_at_threshold,
                "km_week_change": round(point.km_week - first.km_week, 1),
            }
        )
    return rows
