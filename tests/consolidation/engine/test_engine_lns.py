"""LNS destroy sets built around a worker just below the threshold."""

from __future__ import annotations

import random
import time

from maillage.consolidation.engine import EngineInput
from maillage.consolidation.engine.lns import threshold_neighbourhood
from maillage.consolidation.engine.schedule import Plan
from maillage.consolidation.engine.variables import Problem

from .conftest import instance, mission, place, worker


def test_ring_holds_the_worker_below_and_the_holders_of_its_missions():
    days = [{"day": d, "start": 900, "end": 990} for d in range(3)]
    missions = [mission(f"m{d}", slots=[slot]) for d, slot in enumerate(days)]
    missions.append(mission("far", place_id="p1", slots=[{"day": 4, "start": 900, "end": 990}]))
    workers = [
        worker("below", wished_minutes=1440),
        worker("donor", wished_minutes=600),
        worker("stranger", home="p1", max_km=5, wished_minutes=600),
    ]
    data = instance([place(0), place(1, km_north=40)], workers, missions)
    problem = Problem(EngineInput.from_dict(data))
    plan = Plan(problem)
    index = problem.mission_index
    plan.add(index["m0"], 0, problem.missions[index["m0"]].slots)
    for name in ("m1", "m2"):
        plan.add(index[name], 1, problem.missions[index[name]].slots)
    plan.add(index["far"], 2, problem.missions[index["far"]].slots)
    ring = threshold_neighbourhood(problem, plan, [0], size=2, rng=random.Random(1))
    assert ring == [0, 1]


def test_the_lns_stays_within_its_km_budget_and_keeps_its_people_at_24_hours():
    from maillage.consolidation.engine.construction import construct
    from maillage.consolidation.engine.levels import plan_levels
    from maillage.consolidation.engine.lns import improve, total_hectometres

    from .test_engine_km import small_instance

    problem = Problem(small_instance())
    everyone, missions = list(range(len(problem.workers))), list(range(len(problem.missions)))
    plan = Plan(problem)
    construct(problem, plan, set())
    before = plan_levels(problem, plan, everyone, missions)
    # No room at all: every improvement must be found at no more km than now.
    budget = total_hectometres(problem, plan)
    stats = improve(
        problem,
        plan,
        set(),
        deadline=time.monotonic() + 30,
        seed=1,
        progress=lambda *_: None,
        num_workers=1,
        max_iterations=24,
        km_budget=budget,
        threshold_floor=before["workers_at_threshold"],
        push_every=4,
    )
    after = plan_levels(problem, plan, everyone, missions)

    assert stats["iterations"] == 24
    assert stats["improvements"] >= 1
    assert after["km_hectometres"] == total_hectometres(problem, plan) <= budget
    assert after["workers_at_threshold"] >= before["workers_at_threshold"]
    assert after["covered_minutes"] >= before["covered_minutes"]
