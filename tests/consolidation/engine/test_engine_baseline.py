"""The marketplace baseline's shortcuts (nearest-first in one array lookup, placements built
one at a time, workers without weekly room skipped) leave its plan exactly as the plain rule
builds it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from maillage.consolidation.engine import EngineInput
from maillage.consolidation.engine.baseline import baseline_plan, baseline_start, nearest_first
from maillage.consolidation.engine.schedule import Plan
from maillage.consolidation.engine.variables import Problem

from .conftest import instance, mission, place, worker
from .test_engine_properties import instances


def plain_rule_plan(problem: Problem) -> Plan:
    """The baseline as its docstring states it, without any shortcut."""
    plan, _, order = baseline_start(problem)
    for m in order:
        for w in sorted(problem.eligible_workers[m], key=lambda w: (problem.home_km(m, w), w)):
            fitting = [b for b in plan.placements(m, w) if plan.check(m, w, b) is None]
            if fitting:
                plan.add(m, w, fitting[0])
                break
    return plan


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_baseline_plan_is_the_plain_rules_plan(data):
    problem = Problem(EngineInput.from_dict(data))
    plan, _ = baseline_plan(problem)
    assert plan.assigned == plain_rule_plan(problem).assigned
    for m in range(len(problem.missions)):
        assert nearest_first(problem, m) == sorted(
            problem.eligible_workers[m], key=lambda w: (problem.home_km(m, w), w)
        )
    assert_km_lists_are_home_km(problem)


def assert_km_lists_are_home_km(problem: Problem) -> None:
    for m, workers in enumerate(problem.eligible_workers):
        assert problem.km_of_eligible_workers(m) == [problem.home_km(m, w) for w in workers]
    for w, missions in enumerate(problem.eligible_missions):
        assert problem.km_of_eligible_missions(w) == [problem.home_km(m, w) for m in missions]


def test_km_lists_count_the_trip_to_a_remote_base():
    data = instance(
        [place(0), place(1, km_north=4.0), place(2, km_north=9.0)],
        [worker("based", remote_base="p2"), worker("home", home="p1")],
        [
            mission("remote", place_id=None),
            mission("onsite", place_id="p1", slots=[{"day": 2, "start": 540, "end": 600}]),
        ],
    )
    problem = Problem(EngineInput.from_dict(data))
    remote, based = problem.mission_index["remote"], problem.worker_index["based"]
    assert problem.km_of_eligible_workers(remote)[
        problem.eligible_workers[remote].index(based)
    ] == pytest.approx(9.0, abs=0.01)
    assert_km_lists_are_home_km(problem)


def test_a_worker_without_weekly_room_is_skipped_for_the_next_nearest():
    data = instance(
        [place(0), place(1, km_north=5.0)],
        [
            worker("near", max_minutes=120, wished_minutes=120),
            worker("far", home="p1"),
        ],
        [
            mission("m1", slots=[{"day": 0, "start": 540, "end": 630}]),
            mission("m2", slots=[{"day": 1, "start": 540, "end": 630}]),
        ],
    )
    problem = Problem(EngineInput.from_dict(data))
    plan, _ = baseline_plan(problem)
    near, far = problem.worker_index["near"], problem.worker_index["far"]
    m1, m2 = problem.mission_index["m1"], problem.mission_index["m2"]
    assert nearest_first(problem, m2) == [near, far]
    assert plan.assigned[m1][0] == near
    assert plan.week_room(m2, near) is False
    assert plan.fit(m2, near) == (None, "max_week_minutes")
    assert plan.assigned[m2][0] == far
