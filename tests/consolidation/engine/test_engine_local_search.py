"""Local moves for the threshold level: the flexible-for-fixed trade and the trade of a
mission for longer ones."""

from __future__ import annotations

import dataclasses
import time

import pytest

from maillage.consolidation.engine import EngineInput
from maillage.consolidation.engine.local_search import (
    push_to_threshold,
    trade_flexible_for_fixed,
    trade_up,
)
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


MORNING = [{"day": 0, "start": 480, "end": 720}]


def hour(start: int, **overrides: object) -> dict:
    return mission(f"h{start}", slots=[{"day": 0, "start": start, "end": start + 60}], **overrides)


def full_morning(
    *, long_holder: str | None = "other", last_hour_only_for_short: bool = False
) -> tuple[Problem, Plan]:
    """A threshold of 4 h. ``short`` is free only on Monday 08:00–12:00 and holds three
    workshops of one hour from 08:00: it needs one hour more and no mission fits its week.
    ``long`` (10:00–12:00) is held by ``long_holder``: ``other``, who does not wish the
    threshold, ``full``, who is at it with ``long`` and an afternoon workshop, or nobody."""
    skills = {"workshop-children": 5}
    workers = [
        worker("short", availability=MORNING, wished_minutes=240),
        worker("other", availability=MONDAY, wished_minutes=120, skills=skills),
    ]
    last = {"skills": {"help-desk": 1}} if last_hour_only_for_short else {}
    missions = [
        hour(480),
        hour(540),
        hour(600, **last),
        mission("long", slots=[{"day": 0, "start": 600, "end": 720}]),
    ]
    if long_holder == "full":
        workers.append(worker("full", availability=MONDAY, wished_minutes=240, skills=skills))
        missions.append(mission("afternoon", slots=[{"day": 0, "start": 780, "end": 900}]))
    data = instance([place(0)], workers, missions, rules={"threshold_minutes": 240})
    problem = Problem(EngineInput.from_dict(data))
    plan = Plan(problem)
    index = problem.mission_index
    for name in ("h480", "h540", "h600"):
        plan.add(index[name], 0, problem.missions[index[name]].slots)
    if long_holder is not None:
        holder = {"other": 1, "full": 2}[long_holder]
        plan.add(index["long"], holder, problem.missions[index["long"]].slots)
    if long_holder == "full":
        plan.add(index["afternoon"], 2, problem.missions[index["afternoon"]].slots)
    return problem, plan


def test_a_push_cannot_help_someone_whose_week_is_full():
    problem, plan = full_morning()

    assert push_to_threshold(problem, plan, set(), deadline=time.monotonic() + 10) == 0
    assert ids_at_threshold(problem, plan) == []


def test_a_short_workshop_is_given_up_for_a_longer_one_and_goes_to_someone_else():
    problem, plan = full_morning()

    gained = trade_up(problem, plan, set(), deadline=time.monotonic() + 10)

    assert gained == 1
    assert ids_at_threshold(problem, plan) == ["short"]
    assert holders(problem, plan) == {
        "h480": "short",
        "h540": "short",
        "long": "short",
        "h600": "other",
    }
    assert plan.covered_minutes() == 300
    assert plan_is_valid(plan)


def test_no_trade_when_what_is_given_up_would_go_uncovered():
    problem, plan = full_morning(last_hour_only_for_short=True)
    before = dict(plan.assigned)

    assert trade_up(problem, plan, set(), deadline=time.monotonic() + 10) == 0
    assert plan.assigned == before


def test_an_uncovered_longer_mission_may_replace_a_shorter_one_nobody_else_can_do():
    problem, plan = full_morning(long_holder=None, last_hour_only_for_short=True)

    gained = trade_up(problem, plan, set(), deadline=time.monotonic() + 10)

    assert gained == 1
    assert holders(problem, plan) == {"h480": "short", "h540": "short", "long": "short"}
    # One hour left uncovered for two hours covered.
    assert plan.covered_minutes() == 240
    assert plan_is_valid(plan)


def test_nobody_at_the_threshold_loses_it_to_the_trade():
    problem, plan = full_morning(long_holder="full")
    before = dict(plan.assigned)

    assert trade_up(problem, plan, set(), deadline=time.monotonic() + 10) == 0
    assert plan.assigned == before
    assert ids_at_threshold(problem, plan) == ["full"]


def test_blocked_missions_are_neither_given_up_nor_taken():
    for blocked in ("long", "h600"):
        problem, plan = full_morning()
        before = dict(plan.assigned)

        gained = trade_up(
            problem, plan, {problem.mission_index[blocked]}, deadline=time.monotonic() + 10
        )

        assert (blocked, gained, plan.assigned) == (blocked, 0, before)


def test_a_volume_placed_again_makes_room_for_a_workshop():
    """``short`` holds an 08:00 workshop and a 2-h volume at 09:30–11:30: the 11:00 workshop
    fits once the volume is placed again, at 09:00–11:00."""
    workers = [
        worker("short", availability=MORNING, wished_minutes=240),
        worker("other", availability=MONDAY, wished_minutes=120),
    ]
    data = instance(
        [place(0)],
        workers,
        [hour(480), hour(660), flexible("f1")],
        rules={"threshold_minutes": 240},
    )
    problem = Problem(EngineInput.from_dict(data))
    plan = Plan(problem)
    index = problem.mission_index
    plan.add(index["h480"], 0, problem.missions[index["h480"]].slots)
    plan.add(index["f1"], 0, (Block(0, 570, 690),))
    plan.add(index["h660"], 1, problem.missions[index["h660"]].slots)
    assert push_to_threshold(problem, plan.copy(), set(), deadline=time.monotonic() + 10) == 0

    gained = trade_up(problem, plan, set(), deadline=time.monotonic() + 10)

    assert gained == 1
    assert holders(problem, plan) == {"h480": "short", "h660": "short", "f1": "short"}
    assert plan.assigned[index["f1"]][1] == (Block(0, 540, 660),)
    assert plan_is_valid(plan)


def test_nothing_is_traded_once_the_deadline_has_passed():
    problem, plan = full_morning()
    before = dict(plan.assigned)

    assert trade_up(problem, plan, set(), deadline=time.monotonic() - 1) == 0
    assert plan.assigned == before


@pytest.mark.parametrize(("size", "seed"), [("S", 1), ("M", 1), ("M", 3)])
def test_on_generated_territories_the_trade_is_never_worse_and_every_week_stays_valid(size, seed):
    problem, plan = constructed(size, seed)
    push_to_threshold(problem, plan, set(), deadline=time.monotonic() + 60)
    before = (plan.covered_minutes(), plan.people_at_threshold())

    gained = trade_up(problem, plan, set(), deadline=time.monotonic() + 60)

    after = (plan.covered_minutes(), plan.people_at_threshold())
    assert after[0] >= before[0]
    assert after[1] == before[1] + gained
    assert plan_is_valid(plan)


def test_on_m_seed_3_the_trade_brings_one_more_person_than_the_pushes():
    problem, plan = constructed("M", 3)
    pushed = push_to_threshold(problem, plan, set(), deadline=time.monotonic() + 60)

    gained = trade_up(problem, plan, set(), deadline=time.monotonic() + 60)

    assert (pushed, gained, plan.people_at_threshold()) == (4, 1, 56)


def test_a_holder_keeps_the_week_floor_as_well_as_the_average():
    """Threshold 3 h a week on average over two weeks, never under 2 h in a week. ``holder``
    has 5 h in week 1 and 2 h in week 2: at the threshold; without its 1-h ``extra`` of week 2
    its average is still 3 h, but week 2 falls under the floor. ``taker`` needs ``extra``."""

    def once(name: str, day: int, date: str, start: int, end: int) -> dict:
        slots = [{"day": day, "start": start, "end": end}]
        return mission(name, slots=slots, first_date=date, last_date=date)

    missions = [
        once("big", 0, "2026-09-07", 540, 840),
        once("small", 1, "2026-09-15", 540, 600),
        once("extra", 2, "2026-09-16", 540, 600),
        once("t1", 1, "2026-09-08", 540, 720),
        once("t2", 3, "2026-09-17", 540, 660),
    ]
    people = [worker(name, wished_minutes=180, max_minutes=600) for name in ("holder", "taker")]
    rules = {"threshold_minutes": 180, "week_floor_minutes": 120}
    data = instance([place(0)], people, missions, rules=rules)
    data["period"] = {"first_date": "2026-09-07", "last_date": "2026-09-20"}
    problem = Problem(EngineInput.from_dict(data))
    plan = Plan(problem)
    for name, holder in (("big", 0), ("small", 0), ("extra", 0), ("t1", 1), ("t2", 1)):
        m = problem.mission_index[name]
        plan.add(m, holder, problem.missions[m].slots)
    assert ids_at_threshold(problem, plan) == ["holder"]
    before = dict(plan.assigned)

    assert push_to_threshold(problem, plan, set(), deadline=time.monotonic() + 10) == 0
    assert trade_up(problem, plan, set(), deadline=time.monotonic() + 10) == 0
    assert plan.assigned == before
    # Without the floor, ``extra`` changes hands.
    problem.rules = dataclasses.replace(problem.rules, week_floor_minutes=0)
    assert push_to_threshold(problem, plan, set(), deadline=time.monotonic() + 10) == 1
    assert ids_at_threshold(problem, plan) == ["holder", "taker"]
