"""Local moves for the threshold level: the flexible-for-fixed trade."""

from __future__ import annotations

import dataclasses
import time

from maillage.consolidation.engine import EngineInput
from maillage.consolidation.engine.local_search import push_to_threshold, trade_flexible_for_fixed
from maillage.consolidation.engine.schedule import Plan
from maillage.consolidation.engine.schema import Block
from maillage.consolidation.engine.variables import Problem

from .conftest import ids_at_threshold, instance, mission, place, plan_is_valid, worker

MONDAY = [{"day": 0, "start": 480, "end": 1200}]
WINDOWS = [{"day": 0, "start": 480, "end": 1200}]


def flexible(mission_id: str) -> dict:
    return mission(
        mission_id,
        place_id=None,
        skills={"community-management": 2},
        flexible={"minutes": 120, "min_block": 60, "windows": WINDOWS},
    )


def holder_at_threshold(others: list[dict], missions: list[dict]) -> tuple[Problem, Plan]:
    """A threshold of 4 h; ``holder`` is at it with two flexible volumes of 2 h, the first on
    the hours of the help desk ``desk`` (10:00–12:00), which nobody else can do."""
    workers = [worker("holder", availability=MONDAY, wished_minutes=240), *others]
    desk = mission("desk", skills={"help-desk": 1}, slots=[{"day": 0, "start": 600, "end": 720}])
    missions = [desk, flexible("f1"), flexible("f2"), *missions]
    data = instance([place(0)], workers, missions, rules={"threshold_minutes": 240})
    problem = Problem(EngineInput.from_dict(data))
    plan = Plan(problem)
    index = problem.mission_index
    plan.add(index["f1"], 0, (Block(0, 600, 720),))
    plan.add(index["f2"], 0, (Block(0, 720, 840),))
    return problem, plan


def traded_plan() -> tuple[Problem, Plan]:
    """``desk`` is held by a non-wisher; ``below`` has 2 h and could only take the flexible
    volumes, which a push cannot take from ``holder`` without bringing it below."""
    below = worker(
        "below",
        availability=MONDAY,
        wished_minutes=240,
        skills={"workshop-children": 5, "community-management": 5},
    )
    donor = worker("donor", availability=MONDAY, wished_minutes=120)
    workshop = mission("workshop", slots=[{"day": 0, "start": 840, "end": 960}])
    problem, plan = holder_at_threshold([below, donor], [workshop])
    index = problem.mission_index
    plan.add(index["workshop"], 1, problem.missions[index["workshop"]].slots)
    plan.add(index["desk"], 2, problem.missions[index["desk"]].slots)
    return problem, plan


def test_a_push_alone_cannot_bring_anyone_to_the_threshold():
    problem, plan = traded_plan()
    pushed = push_to_threshold(problem, plan, set(), deadline=time.monotonic() + 10)
    assert pushed == 0
    assert ids_at_threshold(problem, plan) == ["holder"]


def test_the_trade_brings_one_more_person_to_the_threshold_at_equal_coverage():
    problem, plan = traded_plan()
    covered = sum(problem.mission_minutes[m] for m in plan.assigned)

    gained = trade_flexible_for_fixed(problem, plan, set(), deadline=time.monotonic() + 10)

    holder_of = {
        problem.missions[m].id: problem.workers[w].id for m, (w, _) in plan.assigned.items()
    }
    assert gained == 1
    assert ids_at_threshold(problem, plan) == ["holder", "below"]
    assert sum(problem.mission_minutes[m] for m in plan.assigned) == covered
    assert holder_of["desk"] == "holder"
    assert plan_is_valid(plan)


def test_without_anyone_to_gain_the_plan_is_left_as_it_was():
    problem, plan = traded_plan()
    # ``below`` no longer wishes the threshold: nobody can gain from the trade.
    problem.workers[1] = dataclasses.replace(problem.workers[1], wished_minutes=120)
    before = dict(plan.assigned)

    gained = trade_flexible_for_fixed(problem, plan, set(), deadline=time.monotonic() + 10)

    assert gained == 0
    assert plan.assigned == before


def test_pinned_and_blocked_missions_never_change_hands():
    problem, plan = traded_plan()
    index = problem.mission_index
    before = dict(plan.assigned)

    gained = trade_flexible_for_fixed(
        problem, plan, {index["desk"]}, deadline=time.monotonic() + 10
    )

    assert gained == 0
    assert plan.assigned == before


def test_an_uncovered_mission_is_taken_when_the_flexible_volume_can_make_room():
    problem, plan = holder_at_threshold([], [])

    gained = trade_flexible_for_fixed(problem, plan, set(), deadline=time.monotonic() + 10)

    assert gained == 0
    assert sorted(problem.missions[m].id for m in plan.assigned) == ["desk", "f1", "f2"]
    assert ids_at_threshold(problem, plan) == ["holder"]
    assert plan_is_valid(plan)
