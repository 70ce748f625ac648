"""One test per objective level, on tiny instances whose answer is known, plus the weights."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from maillage.consolidation.engine.geometry import great_circle_km
from maillage.consolidation.engine.objectives import LEVELS
from maillage.consolidation.engine.objectives.weights import (
    combine,
    lexicographic_weights,
    respects_order,
)


def _fragmented(build):
    """Eight 3-hour missions (1440 min in all) between two equally qualified wishers.

    The missions alternate between the two workers' homes, so "nearest" splits them 4/4
    and nobody reaches 24 h; consolidating them on one worker reaches the threshold.
    """
    places = [build.place(0), build.place(1, km_north=4)]
    workers = [build.worker("a", "p0"), build.worker("b", "p1")]
    missions = [
        build.mission(
            f"m{i}",
            f"p{i % 2}",
            slots=[{"day": i // 2, "start": 540 + 240 * (i % 2), "end": 720 + 240 * (i % 2)}],
        )
        for i in range(8)
    ]
    return build.instance(places, workers, missions)


def test_coverage_counts_every_assigned_minute(build, solve_checked):
    data = build.instance(
        [build.place(0)],
        [build.worker("w1")],
        [
            build.mission("m1"),
            build.mission(
                "m2",
                slots=[{"day": 3, "start": 900, "end": 990}, {"day": 4, "start": 990, "end": 1080}],
            ),
        ],
    )
    result, _, _ = solve_checked(data)
    assert result.metrics["covered_minutes"] == 270
    assert result.levels["value"]["covered_minutes"] == 270


def test_engine_consolidates_where_the_baseline_fragments(build, solve_checked):
    data = _fragmented(build)
    engine, engine_plan, _ = solve_checked(data, "engine")
    baseline, baseline_plan, _ = solve_checked(data, "baseline")
    assert baseline.metrics["workers_at_threshold"] == 0
    assert sorted(baseline_plan.values()) == ["a"] * 4 + ["b"] * 4
    assert engine.metrics["workers_at_threshold"] == 1
    assert len(set(engine_plan.values())) == 1
    assert engine.metrics["covered_minutes"] == baseline.metrics["covered_minutes"] == 1440
    assert engine.status == "optimal"


def test_overtime_above_wish_costs(build, solve_checked):
    # Both can take the mission; "full" is already at its wish, "room" is not.
    data = build.instance(
        [build.place(0)],
        [
            build.worker("full", wished_minutes=600, max_minutes=1200),
            build.worker("room", wished_minutes=600, max_minutes=1200),
        ],
        [
            build.mission("big", slots=[{"day": 0, "start": 480, "end": 1080}]),
            build.mission("extra", slots=[{"day": 1, "start": 900, "end": 990}]),
        ],
        pinned=[{"mission": "big", "worker": "full"}],
    )
    result, plan, _ = solve_checked(data)
    assert plan == {"big": "full", "extra": "room"}
    assert result.levels["value"]["overtime_minutes"] == 0


def test_km_prefers_the_nearest_worker_and_counts_the_route(build, solve_checked):
    places = [build.place(0), build.place(1, km_north=3), build.place(2, km_north=10)]
    data = build.instance(
        places,
        [build.worker("near", "p1", wished_minutes=0), build.worker("far", "p2", wished_minutes=0)],
        [build.mission("m1", "p0")],
    )
    result, plan, _ = solve_checked(data)
    assert plan == {"m1": "near"}
    one_way = great_circle_km(places[1]["lat"], -0.58, places[0]["lat"], -0.58)
    assert result.metrics["km_week"] == round(2 * one_way, 1)
    assert result.levels["value"]["km_hectometres"] == 2 * round(one_way * 10)


def test_km_route_chains_places_in_time_order(build, solve_checked):
    places = [build.place(0), build.place(1, km_north=5), build.place(2, km_north=10)]
    data = build.instance(
        places,
        [build.worker("w", "p0")],
        [
            build.mission("first", "p1", slots=[{"day": 0, "start": 540, "end": 600}]),
            build.mission("second", "p2", slots=[{"day": 0, "start": 660, "end": 720}]),
        ],
    )
    result, _, _ = solve_checked(data)
    # home → 5 km → 10 km → home: 5 + 5 + 10 km, not 2 × 5 + 2 × 10.
    assert result.levels["value"]["km_hectometres"] == 200
    assert result.metrics["km_week"] == 20.0


def test_stability_keeps_the_previous_worker(build, solve_checked):
    data = build.instance(
        [build.place(0)],
        [build.worker("w1"), build.worker("w2", previous=["m1"])],
        [build.mission("m1")],
    )
    result, plan, _ = solve_checked(data)
    assert plan == {"m1": "w2"}
    assert result.metrics["stability"] == 1.0


def test_threshold_outranks_km(build, solve_checked):
    # One worker lives far (but in range) and already has 22.5 h: giving it the last
    # mission reaches 24 h, which must win over the nearer worker's shorter trip.
    places = [build.place(0), build.place(1, km_north=20)]
    base = [
        build.mission(f"b{d}", "p1", slots=[{"day": d, "start": 480, "end": 750}]) for d in range(5)
    ]
    data = build.instance(
        places,
        [build.worker("far", "p1"), build.worker("near", "p0", wished_minutes=600)],
        [*base, build.mission("last", "p0", slots=[{"day": 5, "start": 900, "end": 990}])],
        pinned=[{"mission": m["id"], "worker": "far"} for m in base],
    )
    result, plan, _ = solve_checked(data)
    assert plan["last"] == "far"
    assert result.metrics["workers_at_threshold"] == 1


@given(
    st.lists(st.integers(min_value=0, max_value=10**6), min_size=len(LEVELS), max_size=len(LEVELS))
)
def test_weights_respect_the_order_of_levels(span_values):
    spans = {name: value for (name, _), value in zip(LEVELS, span_values, strict=True)}
    weights = lexicographic_weights(spans)
    assert respects_order(weights, spans)
    # One unit of a higher level beats the worst case of all lower levels together.
    for k, (name, level_sign) in enumerate(LEVELS):
        better = {n: 0 for n, _ in LEVELS}
        worse = {n: 0 for n, _ in LEVELS}
        (better if level_sign > 0 else worse)[name] = 1
        for lower, sign in LEVELS[k + 1 :]:
            worse[lower] = spans[lower] if sign > 0 else 0
            better[lower] = 0 if sign > 0 else spans[lower]
        assert combine(better, weights) > combine(worse, weights)


def test_respects_order_detects_bad_weights():
    spans = {name: 10 for name, _ in LEVELS}
    weights = {name: 1 for name, _ in LEVELS}
    assert not respects_order(weights, spans)
