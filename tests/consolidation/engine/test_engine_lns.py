"""LNS destroy sets built around a worker just below the threshold."""

from __future__ import annotations

import random

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
