"""A worker who does remote missions at a tiers-lieu base travels there: the engine counts
the trip (km, travel time) and the independent validation recomputes it the same way."""

from __future__ import annotations

import pytest

from maillage.consolidation.engine import EngineInput, validate
from maillage.consolidation.engine.schema import OUTPUT_FORMAT, EngineResult, InputError


def _remote(build, mission_id: str = "r1", **overrides):
    return build.mission(mission_id, None, skills={"help-desk": 2}, **overrides)


def test_a_remote_mission_done_at_the_base_counts_the_round_trip(build, solve_checked):
    places = [build.place(0), build.place(1, km_north=5)]
    data = build.instance(places, [build.worker("w", "p0", remote_base="p1")], [_remote(build)])
    result, plan, _ = solve_checked(data)
    assert plan == {"r1": "w"}
    # Solver side (levels) and validation side (metrics) both see home → base → home.
    assert result.levels["value"]["km_hectometres"] == 100
    assert result.metrics["km_week"] == 10.0


def test_a_remote_mission_done_at_home_is_no_trip(build, solve_checked):
    places = [build.place(0), build.place(1, km_north=5)]
    data = build.instance(places, [build.worker("w", "p0")], [_remote(build)])
    result, plan, _ = solve_checked(data)
    assert plan == {"r1": "w"}
    assert result.levels["value"]["km_hectometres"] == 0
    assert result.metrics["km_week"] == 0.0


def test_with_equal_weeks_the_worker_at_home_gets_the_remote_mission(build, solve_checked):
    places = [build.place(0), build.place(1, km_north=5)]
    workers = [
        build.worker("based", "p0", remote_base="p1", wished_minutes=0),
        build.worker("at-home", "p0", wished_minutes=0),
    ]
    result, plan, _ = solve_checked(build.instance(places, workers, [_remote(build)]))
    assert plan == {"r1": "at-home"}
    assert result.levels["value"]["km_hectometres"] == 0


def test_the_base_is_part_of_the_day_route(build, solve_checked):
    # On-site at 5 km north at 09:00, then remote at the base 10 km north at 13:00:
    # home → 5 → 10 → home = 5 + 5 + 10 km, the base being a stop like any place.
    places = [build.place(0), build.place(1, km_north=5), build.place(2, km_north=10)]
    data = build.instance(
        places,
        [build.worker("w", "p0", remote_base="p2")],
        [
            build.mission("onsite", "p1", slots=[{"day": 0, "start": 540, "end": 600}]),
            _remote(build, slots=[{"day": 0, "start": 780, "end": 840}]),
        ],
    )
    result, plan, _ = solve_checked(data)
    assert plan == {"onsite": "w", "r1": "w"}
    assert result.levels["value"]["km_hectometres"] == 200
    assert result.metrics["km_week"] == 20.0


@pytest.mark.parametrize(("base", "expected"), [(None, 2), ("p1", 1)])
def test_travel_time_to_the_base_separates_back_to_back_missions(
    build, solve_checked, base, expected
):
    # 10 km by car at 50 km/h is 12 minutes: a remote hour starting 5 minutes after an
    # on-site one next door fits at home but not at a base 10 km away.
    places = [build.place(0), build.place(1, km_north=10)]
    overrides = {} if base is None else {"remote_base": base}
    data = build.instance(
        places,
        [build.worker("w", "p0", wished_minutes=0, **overrides)],
        [
            build.mission("onsite", "p0", slots=[{"day": 0, "start": 540, "end": 600}]),
            _remote(build, slots=[{"day": 0, "start": 605, "end": 665}]),
        ],
    )
    _, plan, _ = solve_checked(data)
    assert len(plan) == expected


def test_validation_reports_no_time_to_reach_the_base(build):
    places = [build.place(0), build.place(1, km_north=10)]
    data = build.instance(
        places,
        [build.worker("w", "p0", remote_base="p1")],
        [
            build.mission("onsite", "p0", slots=[{"day": 0, "start": 540, "end": 600}]),
            _remote(build, slots=[{"day": 0, "start": 605, "end": 665}]),
        ],
    )
    instance = EngineInput.from_dict(data)
    forced = {
        "format": OUTPUT_FORMAT,
        "status": "FEASIBLE",
        "assignments": [
            {"mission": "onsite", "worker": "w", "blocks": [{"day": 0, "start": 540, "end": 600}]},
            {"mission": "r1", "worker": "w", "blocks": [{"day": 0, "start": 605, "end": 665}]},
        ],
        "unassigned": [],
    }
    report = validate(instance, EngineResult.from_dict(forced))
    assert [v.code for v in report.violations] == ["travel"]


def test_an_unknown_remote_base_is_refused(build):
    data = build.instance(
        [build.place(0)], [build.worker("w", "p0", remote_base="nowhere")], [_remote(build)]
    )
    with pytest.raises(InputError, match="unknown remote base place 'nowhere'"):
        EngineInput.from_dict(data)


def test_the_remote_base_survives_the_json_round_trip(build):
    data = build.instance(
        [build.place(0), build.place(1, km_north=2)],
        [build.worker("w", "p0", remote_base="p1"), build.worker("v", "p0")],
        [_remote(build)],
    )
    again = EngineInput.from_dict(EngineInput.from_dict(data).to_dict())
    assert [w.remote_base for w in again.workers] == ["p1", None]
