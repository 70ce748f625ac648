"""The coverage / workers-at-24 h front by ε-constraint on coverage."""

from __future__ import annotations

import time

import pytest

from maillage.consolidation.engine import EngineInput, tradeoff, validate
from maillage.consolidation.engine.tradeoff import (
    best_admissible,
    choose,
    describe,
    tradeoff_front,
)

from .conftest import instance, mission, place, worker


def _dilemma(w1_home: str = "p0"):
    # w1 wishes 3 h. X (1 h) only w1 can do; Y (3 h) w1 or w2. Covering both leaves w1 at
    # 1 h; giving Y to w1 brings w1 to 3 h and leaves X uncovered (a quarter of demand).
    # X is where w1 lives; Y is at p0, where w2 lives.
    workers = [
        worker("w1", w1_home, wished_minutes=180, max_minutes=240, skills={"a": 1, "b": 1}),
        worker("w2", wished_minutes=60, max_minutes=600, skills={"b": 1}),
    ]
    missions = [
        mission("X", w1_home, slots=[{"day": 0, "start": 540, "end": 600}], skills={"a": 1}),
        mission("Y", slots=[{"day": 0, "start": 540, "end": 720}], skills={"b": 1}),
    ]
    places = [place(0), place(1, km_north=10.0)]
    return instance(places, workers, missions, rules={"threshold_minutes": 180})


def test_front_trades_coverage_for_people_at_the_threshold():
    data = _dilemma()
    problem = EngineInput.from_dict(data)
    points = tradeoff_front(problem, epsilons=(0.0, 0.3), time_limit_s=6.0, seed=1)
    assert [(p.coverage, p.workers_at_threshold) for p in points] == [(1.0, 0), (0.75, 1)]
    for point in points:
        assert validate(problem, point.result).ok
    rows = describe(points)
    assert rows[1]["coverage_points_given_up"] == 25.0
    assert rows[1]["hours_given_up"] == 1.0
    assert rows[1]["more_people_at_threshold"] == 1
    # A charter allowing 30 points of coverage per job takes the second plan; 10 does not.
    assert choose(points, 30).epsilon == 0.3
    assert choose(points, 10).epsilon == 0.0


@pytest.mark.parametrize("redeal", [True, False])
def test_the_front_re_deals_when_it_has_the_time(monkeypatch, redeal):
    # Without the LNS, only the re-deal with the point's coverage floor can make the trade.
    monkeypatch.setattr(tradeoff, "improve_within", lambda *args, **kwargs: {})
    monkeypatch.setattr(tradeoff, "REDEAL_MIN_SECONDS", 1.0 if redeal else 1000.0)
    problem = EngineInput.from_dict(_dilemma())

    points = tradeoff_front(problem, epsilons=(0.0, 0.3), time_limit_s=6.0, seed=1)

    expected = [(1.0, 0), (0.75, 1)] if redeal else [(1.0, 0), (1.0, 0)]
    assert [(p.coverage, p.workers_at_threshold) for p in points] == expected
    for point in points:
        assert validate(problem, point.result).ok


def test_one_re_deal_with_half_the_front_and_its_plan_stays_a_candidate(monkeypatch):
    # The front re-deals once, in the first search that may give coverage up, with half of
    # the front's time. Whatever the search after it does (here: it loses every mission),
    # the deal's plan is one the points may take.
    calls: list[tuple[int | None, float]] = []
    real_deal = tradeoff.reassign_wishers

    def deal(problem, plan, blocked, *, deadline, coverage_floor, **kwargs):
        calls.append((coverage_floor, deadline - time.monotonic()))
        return real_deal(
            problem, plan, blocked, deadline=deadline, coverage_floor=coverage_floor, **kwargs
        )

    def losing_after_the_deal(problem, plan, *args, **kwargs):
        for m in list(plan.assigned) if calls else []:
            plan.remove(m)
        return {}

    monkeypatch.setattr(tradeoff, "reassign_wishers", deal)
    monkeypatch.setattr(tradeoff, "improve_within", losing_after_the_deal)
    monkeypatch.setattr(tradeoff, "REDEAL_MIN_SECONDS", 1.0)
    problem = EngineInput.from_dict(_dilemma())

    points = tradeoff_front(problem, epsilons=(0.0, 0.3), time_limit_s=6.0, seed=1)

    # Demand is 240 minutes: the floor of ε = 0.3 is 240 - 72.
    assert [floor for floor, _ in calls] == [168]
    assert 2.9 < calls[0][1] <= 3.0
    assert [(p.coverage, p.workers_at_threshold) for p in points] == [(1.0, 0), (0.75, 1)]


def test_no_point_drives_more_than_the_marketplace():
    # w1 lives 10 km from Y: the trade would drive 20 km where the marketplace drives none.
    problem = EngineInput.from_dict(_dilemma(w1_home="p1"))

    points = tradeoff_front(problem, epsilons=(0.0, 0.3), time_limit_s=6.0, seed=1)

    assert [(p.coverage, p.workers_at_threshold, p.km_week) for p in points] == [
        (1.0, 0, 0.0),
        (1.0, 0, 0.0),
    ]


def _levels(covered: int, reached: int, km: int) -> dict[str, int]:
    return {"covered_minutes": covered, "workers_at_threshold": reached, "km_hectometres": km}


def test_each_point_is_the_best_plan_its_allowance_admits():
    # The engine's plan, a search at equal coverage that found one more person at 24 h
    # while covering more, then searches that gave up coverage without finding anyone.
    found = [
        _levels(1000, 5, 300),
        _levels(1040, 6, 320),
        _levels(990, 6, 310),
        _levels(950, 6, 290),
    ]
    # A plan covering more with more people at 24 h beats every plan that covers less.
    assert best_admissible(found, 990) == 1
    assert best_admissible(found, 900) == 1
    # Only when the allowance admits a plan with more people does it win.
    found.append(_levels(960, 8, 400))
    assert best_admissible(found, 990) == 1
    assert best_admissible(found, 960) == 4
    # Equal people at 24 h: more coverage, then fewer km.
    assert best_admissible([_levels(1000, 5, 300), _levels(1000, 5, 280)], 1000) == 1
    assert best_admissible([_levels(1000, 5, 300), _levels(1000, 5, 300)], 1000) == 0
    # Nor does a plan that drives more than the cap.
    assert best_admissible(found, 960, km_cap=399) == 1
    assert best_admissible(found, 960, km_cap=400) == 4
