"""The flexible volume dealt again, to those who need the least of it (decision 0059)."""

from __future__ import annotations

import dataclasses
import time

import pytest

from maillage.consolidation.engine import EngineInput
from maillage.consolidation.engine.local_search import push_to_threshold
from maillage.consolidation.engine.redistribution import redistribute_volumes
from maillage.consolidation.engine.schedule import Plan
from maillage.consolidation.engine.schema import Block
from maillage.consolidation.engine.variables import Problem

from .conftest import (
    constructed,
    holders,
    ids_at_threshold,
    instance,
    mission,
    place,
    plan_is_valid,
    worker,
)

MONDAY = [{"day": 0, "start": 480, "end": 1200}]
WORKSHOP = [{"day": 0, "start": 900, "end": 1020}]


def volume(mission_id: str) -> dict:
    return mission(
        mission_id,
        place_id=None,
        skills={"community-management": 2},
        flexible={"minutes": 120, "min_block": 60, "windows": MONDAY},
    )


def four_hours(*, second_workshop_held_by_donor: bool = False) -> tuple[Problem, Plan]:
    """A threshold of 4 h. ``remote`` can only do the two 2-h volumes and holds both: it is
    at the threshold. ``near1`` and ``near2`` hold a 2-h workshop each (``near2``'s is held by
    ``donor``, who does not wish the threshold, when told so) and need 2 h more."""
    workers = [
        worker(
            "remote",
            availability=MONDAY,
            wished_minutes=240,
            skills={"community-management": 5},
        ),
        worker("near1", availability=MONDAY, wished_minutes=240),
        worker("near2", availability=MONDAY, wished_minutes=240),
        worker("donor", availability=MONDAY, wished_minutes=120),
    ]
    missions = [
        volume("v1"),
        volume("v2"),
        mission("w1", slots=WORKSHOP),
        mission("w2", slots=WORKSHOP),
    ]
    data = instance([place(0)], workers, missions, rules={"threshold_minutes": 240})
    problem = Problem(EngineInput.from_dict(data))
    plan = Plan(problem)
    index = problem.mission_index
    plan.add(index["v1"], 0, (Block(0, 480, 600),))
    plan.add(index["v2"], 0, (Block(0, 600, 720),))
    plan.add(index["w1"], 1, problem.missions[index["w1"]].slots)
    plan.add(
        index["w2"], 3 if second_workshop_held_by_donor else 2, problem.missions[index["w2"]].slots
    )
    return problem, plan


def covered(problem: Problem, plan: Plan) -> int:
    return sum(problem.mission_minutes[m] for m in plan.assigned)


def test_a_push_alone_cannot_bring_anyone_else_to_the_threshold():
    problem, plan = four_hours()
    assert push_to_threshold(problem, plan, set(), deadline=time.monotonic() + 10) == 0
    assert ids_at_threshold(problem, plan) == ["remote"]


def test_the_volume_goes_to_the_two_who_need_half_of_it():
    problem, plan = four_hours()

    gained = redistribute_volumes(problem, plan, set(), deadline=time.monotonic() + 10)

    assert gained == 1
    assert ids_at_threshold(problem, plan) == ["near1", "near2"]
    assert holders(problem, plan) == {"v1": "near1", "v2": "near2", "w1": "near1", "w2": "near2"}
    assert covered(problem, plan) == 480
    assert plan_is_valid(plan)


def test_fixed_work_is_taken_first_from_someone_who_cannot_count():
    problem, plan = four_hours(second_workshop_held_by_donor=True)

    gained = redistribute_volumes(problem, plan, set(), deadline=time.monotonic() + 10)

    assert gained == 1
    assert holders(problem, plan)["w2"] == "near2"
    assert ids_at_threshold(problem, plan) == ["near1", "near2"]
    assert covered(problem, plan) == 480
    assert plan_is_valid(plan)


def test_a_deal_that_brings_nobody_more_leaves_the_plan_as_it_was():
    problem, plan = four_hours()
    # ``near2`` no longer wishes the threshold: a volume for ``near1`` would cost ``remote``
    # its 24 h, one person for one person.
    problem.workers[2] = dataclasses.replace(problem.workers[2], wished_minutes=120)
    before = dict(plan.assigned)

    gained = redistribute_volumes(problem, plan, set(), deadline=time.monotonic() + 10)

    assert gained == 0
    assert plan.assigned == before


def test_blocked_volumes_never_change_hands():
    problem, plan = four_hours()
    index = problem.mission_index
    before = dict(plan.assigned)

    gained = redistribute_volumes(
        problem, plan, {index["v1"], index["v2"]}, deadline=time.monotonic() + 10
    )

    assert gained == 0
    assert plan.assigned == before


def test_nothing_changes_once_the_deadline_has_passed():
    problem, plan = four_hours()
    before = dict(plan.assigned)

    assert redistribute_volumes(problem, plan, set(), deadline=time.monotonic() - 1) == 0
    assert plan.assigned == before


@pytest.mark.parametrize(("size", "seed"), [("S", 1), ("S", 2), ("M", 3)])
def test_on_generated_territories_the_deal_is_never_worse_and_every_week_stays_valid(size, seed):
    problem, plan = constructed(size, seed)
    before = (covered(problem, plan), plan.people_at_threshold())

    gained = redistribute_volumes(problem, plan, set(), deadline=time.monotonic() + 60)

    after = (covered(problem, plan), plan.people_at_threshold())
    assert after >= before
    assert gained == max(0, after[1] - before[1])
    assert plan_is_valid(plan)


def test_on_m_seed_3_the_deal_brings_seven_people_the_construction_left_below():
    problem, plan = constructed("M", 3)
    covered_before, people_before = covered(problem, plan), plan.people_at_threshold()

    gained = redistribute_volumes(problem, plan, set(), deadline=time.monotonic() + 60)

    assert (people_before, gained, plan.people_at_threshold()) == (51, 7, 58)
    assert covered(problem, plan) >= covered_before


def test_refit_keeps_a_volume_where_its_holder_had_it_and_places_it_anew_for_someone_else():
    problem, plan = four_hours()
    v2 = problem.mission_index["v2"]
    plan.remove(v2)
    # ``remote`` held it at 15:00-17:00, not where a first fit would put it (10:00-12:00).
    held = (0, (Block(0, 900, 1020),))

    assert plan.fit(v2, 0)[0] == (Block(0, 600, 720),)
    assert plan.refit(v2, 0, held) == (Block(0, 900, 1020),)
    # ``near1`` has its workshop at 15:00-17:00: the first placement that fits, from 08:00.
    assert plan.refit(v2, 1, held) == plan.fit(v2, 1)[0] == (Block(0, 480, 600),)
