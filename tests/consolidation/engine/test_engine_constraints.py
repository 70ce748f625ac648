"""One test per hard rule, on tiny instances whose answer is known."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("method", ["engine", "baseline"])
def test_skill_level_below_requirement_is_not_qualified(build, solve_checked, method):
    data = build.instance(
        [build.place(0)],
        [
            build.worker("w1", skills={"workshop-children": 1}),
            build.worker("w2", skills={"workshop-children": 2}),
        ],
        [
            build.mission("m1", skills={"workshop-children": 2}),
            build.mission(
                "m2", skills={"help-desk": 1}, slots=[{"day": 1, "start": 540, "end": 600}]
            ),
        ],
    )
    _, plan, reasons = solve_checked(data, method)
    assert plan == {"m1": "w2"}
    assert reasons == {"m2": "no_qualified_worker"}


@pytest.mark.parametrize("method", ["engine", "baseline"])
def test_place_beyond_max_km_is_out_of_range(build, solve_checked, method):
    data = build.instance(
        [build.place(0), build.place(1, km_north=31), build.place(2, km_north=29)],
        [build.worker("w1", max_km=30)],
        [
            build.mission("far", "p1"),
            build.mission("near", "p2", slots=[{"day": 1, "start": 900, "end": 990}]),
        ],
    )
    _, plan, reasons = solve_checked(data, method)
    assert plan == {"near": "w1"}
    assert reasons == {"far": "no_qualified_worker_in_range"}


@pytest.mark.parametrize("method", ["engine", "baseline"])
def test_slot_outside_availability_is_refused(build, solve_checked, method):
    data = build.instance(
        [build.place(0)],
        [
            build.worker(
                "w1",
                availability=[
                    {"day": 0, "start": 480, "end": 960},
                    {"day": 0, "start": 960, "end": 1000},
                ],
            )
        ],
        [
            build.mission("inside"),  # 15:00-16:30 inside the merged 08:00-16:40
            build.mission("outside", slots=[{"day": 2, "start": 900, "end": 990}]),
        ],
    )
    _, plan, reasons = solve_checked(data, method)
    assert plan == {"inside": "w1"}
    assert reasons == {"outside": "no_available_worker"}


@pytest.mark.parametrize("method", ["engine", "baseline"])
def test_flexible_volume_is_cut_into_blocks_inside_windows(build, solve_checked, method):
    flexible = {
        "minutes": 120,
        "min_block": 60,
        "windows": [{"day": 0, "start": 540, "end": 720}, {"day": 1, "start": 540, "end": 720}],
    }
    data = build.instance(
        [build.place(0)],
        [
            build.worker(
                "w1",
                availability=[
                    {"day": 0, "start": 600, "end": 660},
                    {"day": 1, "start": 570, "end": 640},
                ],
            )
        ],
        [build.mission("web", None, skills={"community-management": 1}, flexible=flexible)],
    )
    result, plan, _ = solve_checked(data, method)
    assert plan == {"web": "w1"}
    blocks = [b.to_dict() for b in result.assignments[0].blocks]
    assert blocks == [{"day": 0, "start": 600, "end": 660}, {"day": 1, "start": 570, "end": 630}]


@pytest.mark.parametrize("method", ["engine", "baseline"])
def test_overlapping_missions_go_to_different_workers(build, solve_checked, method):
    data = build.instance(
        [build.place(0)],
        [build.worker("w1")],
        [build.mission("m1"), build.mission("m2", slots=[{"day": 0, "start": 960, "end": 1050}])],
    )
    _, plan, reasons = solve_checked(data, method)
    assert len(plan) == 1
    assert list(reasons.values()) == ["conflicts"]


@pytest.mark.parametrize(("gap_minutes", "expected"), [(15, 1), (45, 2)])
def test_travel_time_between_blocks(build, solve_checked, gap_minutes, expected):
    # 25 km by car at 50 km/h: 30 minutes of travel between the two places.
    data = build.instance(
        [build.place(0), build.place(1, km_north=25)],
        [build.worker("w1", max_km=40)],
        [
            build.mission("m1", "p0"),
            build.mission(
                "m2",
                "p1",
                slots=[{"day": 0, "start": 990 + gap_minutes, "end": 1080 + gap_minutes}],
            ),
        ],
    )
    _, plan, _ = solve_checked(data)
    assert len(plan) == expected


def test_daily_limit(build, solve_checked):
    slots = [[{"day": 2, "start": s, "end": s + 240}] for s in (480, 720, 960)]
    data = build.instance(
        [build.place(0)],
        [build.worker("w1", max_minutes=2880)],
        [build.mission(f"m{i}", slots=s) for i, s in enumerate(slots)],
    )
    result, plan, _ = solve_checked(data)
    assert len(plan) == 2  # 3 × 240 = 720 > 600 minutes a day
    assert result.metrics["covered_minutes"] == 480


def test_weekly_limit_and_own_max_minutes(build, solve_checked):
    missions = [
        build.mission(f"m{d}", slots=[{"day": d, "start": 540, "end": 840}]) for d in range(5)
    ]
    data = build.instance(
        [build.place(0)],
        [build.worker("w1", max_minutes=1000, wished_minutes=900)],
        missions,
        rules={"max_week_minutes": 2880},
    )
    result, _, _ = solve_checked(data)
    assert result.metrics["covered_minutes"] == 900  # 3 × 300; a 4th would pass 1000
    data["workers"][0]["max_minutes"] = 2880
    data["rules"]["max_week_minutes"] = 1200
    result, _plan, _ = solve_checked(data)
    assert result.metrics["covered_minutes"] == 1200


@pytest.mark.parametrize(("late_day", "early_day"), [(0, 1), (6, 0)])
def test_daily_rest_including_sunday_to_monday(build, solve_checked, late_day, early_day):
    data = build.instance(
        [build.place(0)],
        [
            build.worker(
                "w1", availability=[{"day": d, "start": 360, "end": 1380} for d in range(7)]
            )
        ],
        [
            build.mission("late", slots=[{"day": late_day, "start": 1200, "end": 1320}]),
            build.mission(
                "early",
                slots=[{"day": early_day, "start": 420, "end": 540}],
            ),
        ],
    )
    _, plan, reasons = solve_checked(data)
    assert len(plan) == 1  # 22:00 → 07:00 is 9 h of rest, 11 h required
    assert list(reasons.values()) == ["conflicts"]


@pytest.mark.parametrize("method", ["engine", "baseline"])
def test_pin_beats_nearest_and_forbidden_is_never_used(build, solve_checked, method):
    data = build.instance(
        [build.place(0), build.place(1, km_north=10)],
        [build.worker("near", "p0"), build.worker("far", "p1")],
        [
            build.mission("m1", "p0"),
            build.mission("m2", "p0", slots=[{"day": 1, "start": 900, "end": 990}]),
        ],
        pinned=[{"mission": "m1", "worker": "far"}],
        forbidden=[{"mission": "m2", "worker": "near"}],
    )
    _, plan, _ = solve_checked(data, method)
    assert plan == {"m1": "far", "m2": "far"}


def test_only_worker_forbidden_gives_reason_forbidden(build, solve_checked):
    data = build.instance(
        [build.place(0)],
        [build.worker("w1")],
        [build.mission("m1")],
        forbidden=[{"mission": "m1", "worker": "w1"}],
    )
    _, plan, reasons = solve_checked(data)
    assert plan == {}
    assert reasons == {"m1": "forbidden"}


@pytest.mark.parametrize("method", ["engine", "baseline"])
def test_infeasible_pin_is_reported_not_dropped(build, solve_checked, method):
    data = build.instance(
        [build.place(0)],
        [build.worker("w1", skills={"workshop-children": 1}), build.worker("w2")],
        [
            build.mission("m1", skills={"workshop-children": 3}),
            build.mission("m2"),
            build.mission("m3"),
        ],
        pinned=[
            {"mission": "m1", "worker": "w1"},
            {"mission": "m2", "worker": "w2"},
            {"mission": "m3", "worker": "w2"},
        ],
    )
    result, plan, reasons = solve_checked(data, method)
    assert plan == {"m2": "w2"}
    assert reasons == {"m1": "pin_rejected", "m3": "pin_rejected"}
    rejected = {(p.mission, p.reason) for p in result.rejected_pins}
    assert rejected == {("m1", "pin_missing_skill"), ("m3", "pin_conflict")}


def test_travel_time_depends_on_the_travel_mode(build, solve_checked):
    # 5 km: 6 minutes by car, 20 minutes by bike; the gap between the blocks is 15 minutes.
    places = [build.place(0), build.place(1, km_north=5)]
    missions = [
        build.mission("m1", "p0"),
        build.mission("m2", "p1", slots=[{"day": 0, "start": 1005, "end": 1095}]),
    ]
    by_car = build.instance(places, [build.worker("w1")], missions)
    by_bike = build.instance(places, [build.worker("w1", travel_mode="bike")], missions)
    assert len(solve_checked(by_car)[1]) == 2
    assert len(solve_checked(by_bike)[1]) == 1


def test_conflicts_reason_counts_the_causes(build, solve_checked):
    data = build.instance(
        [build.place(0)],
        [build.worker("w1"), build.worker("w2")],
        [build.mission(f"m{i}") for i in range(3)],
    )
    result, plan, _ = solve_checked(data)
    assert len(plan) == 2
    (unassigned,) = result.unassigned
    assert unassigned.reason == "conflicts"
    assert unassigned.params["eligible"] == 2
    assert unassigned.params["causes"] == "2 overlap_or_travel"
    assert unassigned.detail == (
        "2 eligible worker(s), all already busy or at a limit (2 overlap_or_travel)."
    )
