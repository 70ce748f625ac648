"""validation.py catches every broken rule in a hand-broken solution."""

from __future__ import annotations

import copy

import pytest

from maillage.consolidation.engine import EngineInput, EngineResult, validate


def _base(build):
    """Two workers, three missions, and a valid hand-written plan for them."""
    data = build.instance(
        [build.place(0), build.place(1, km_north=25), build.place(2, km_north=40)],
        [
            build.worker("w1", "p0", max_minutes=600, wished_minutes=600, previous=["m1"]),
            build.worker("w2", "p0", skills={"workshop-children": 1}),
        ],
        [
            build.mission("m1", "p0"),
            build.mission("m2", "p1", slots=[{"day": 0, "start": 1080, "end": 1140}]),
            build.mission(
                "flex",
                None,
                skills={"community-management": 1},
                flexible={
                    "minutes": 120,
                    "min_block": 60,
                    "windows": [{"day": 2, "start": 540, "end": 720}],
                },
            ),
            build.mission("m4", "p0", slots=[{"day": 3, "start": 900, "end": 990}]),
        ],
        pinned=[{"mission": "m4", "worker": "w1"}],
        forbidden=[{"mission": "m1", "worker": "w2"}],
    )
    result = {
        "format": "maillage-consolidation-result/1",
        "status": "feasible",
        "objective": 0,
        "bound": 0,
        "assignments": [
            {"mission": "m1", "worker": "w1", "blocks": [{"day": 0, "start": 900, "end": 990}]},
            {"mission": "m2", "worker": "w1", "blocks": [{"day": 0, "start": 1080, "end": 1140}]},
            {"mission": "flex", "worker": "w1", "blocks": [{"day": 2, "start": 540, "end": 660}]},
            {"mission": "m4", "worker": "w1", "blocks": [{"day": 3, "start": 900, "end": 990}]},
        ],
        "unassigned": [],
        "metrics": {"wall_seconds": 0.5},
    }
    return data, result


def _check(data, result):
    return validate(EngineInput.from_dict(data), EngineResult.from_dict(result))


def test_hand_written_plan_is_valid_with_exact_metrics(build):
    data, result = _base(build)
    report = _check(data, result)
    assert report.ok, report.violations
    assert report.metrics["covered_minutes"] == 90 + 60 + 120 + 90
    assert report.metrics["active_workers"] == 1
    assert report.metrics["stability"] == 1.0
    assert report.metrics["previous_missions"] == 1
    assert report.metrics["wall_seconds"] == 0.5
    # day 0: home → p0 (0 km) → p1 (25 km) → home (25 km); the other days stay at p0.
    assert report.metrics["km_week"] == 50.0


def test_a_plan_with_nothing_held_before_says_so_beside_its_stability(build):
    data, result = _base(build)
    for worker in data["workers"]:
        worker.pop("previous", None)

    report = _check(data, result)

    assert (report.metrics["stability"], report.metrics["previous_missions"]) == (1.0, 0)


def _assignment(result, mission_id):
    return next(a for a in result["assignments"] if a["mission"] == mission_id)


def _breaks(name, data, result):
    """Apply the named breakage to copies of ``data`` and ``result``."""
    data, result = copy.deepcopy(data), copy.deepcopy(result)
    if name == "skill":
        _assignment(result, "m1")["worker"] = "w2"
        data["forbidden"] = []
    elif name == "forbidden":
        data["workers"][1]["skills"]["workshop-children"] = 5
        _assignment(result, "m1")["worker"] = "w2"
    elif name == "range":
        data["missions"][1]["place"] = "p2"
        _assignment(result, "m2")["blocks"][0].update(start=1140, end=1200)
        data["missions"][1]["slots"][0].update(start=1140, end=1200)
    elif name == "availability":
        data["workers"][0]["availability"] = [
            a for a in data["workers"][0]["availability"] if a["day"] != 3
        ]
    elif name == "overlap":
        _assignment(result, "m2")["blocks"][0].update(start=960, end=1020)
        data["missions"][1]["slots"][0].update(start=960, end=1020)
        data["missions"][1]["place"] = "p0"
    elif name == "travel":
        _assignment(result, "m2")["blocks"][0].update(start=1000, end=1060)
        data["missions"][1]["slots"][0].update(start=1000, end=1060)
    elif name == "blocks":
        _assignment(result, "m1")["blocks"][0]["start"] = 915
    elif name == "min_block":
        _assignment(result, "flex")["blocks"] = [
            {"day": 2, "start": 540, "end": 585},
            {"day": 2, "start": 600, "end": 675},
        ]
    elif name == "step":
        _assignment(result, "flex")["blocks"] = [{"day": 2, "start": 545, "end": 665}]
    elif name == "window":
        _assignment(result, "flex")["blocks"] = [{"day": 2, "start": 660, "end": 780}]
    elif name == "max_day_minutes":
        data["rules"]["max_day_minutes"] = 120
    elif name == "max_week_minutes":
        data["rules"]["max_week_minutes"] = 300
    elif name == "max_minutes":
        data["workers"][0]["max_minutes"] = 300
    elif name == "daily_rest":
        _assignment(result, "m4")["blocks"] = [{"day": 1, "start": 480, "end": 570}]
        data["missions"][3]["slots"] = [{"day": 1, "start": 480, "end": 570}]
        data["rules"]["min_daily_rest_minutes"] = 840
    elif name == "pin":
        result["assignments"] = [a for a in result["assignments"] if a["mission"] != "m4"]
        result["unassigned"] = [{"mission": "m4", "reason": "conflicts", "detail": ""}]
    elif name == "missing":
        result["assignments"] = [a for a in result["assignments"] if a["mission"] != "m2"]
    elif name == "assigned_twice":
        result["assignments"].append(copy.deepcopy(_assignment(result, "m2")))
    elif name == "assigned_and_unassigned":
        result["unassigned"] = [{"mission": "m2", "reason": "conflicts", "detail": ""}]
    elif name == "unknown_id":
        _assignment(result, "m2")["worker"] = "nobody"
    return data, result


@pytest.mark.parametrize(
    "rule",
    [
        "skill",
        "forbidden",
        "range",
        "availability",
        "overlap",
        "travel",
        "blocks",
        "min_block",
        "step",
        "window",
        "max_day_minutes",
        "max_week_minutes",
        "max_minutes",
        "daily_rest",
        "pin",
        "missing",
        "assigned_twice",
        "assigned_and_unassigned",
        "unknown_id",
    ],
)
def test_each_broken_rule_is_caught(build, rule):
    data, result = _breaks(rule, *_base(build))
    report = _check(data, result)
    assert not report.ok
    assert rule in {v.code for v in report.violations}


def test_reported_rejected_pin_is_not_a_violation(build):
    data, result = _breaks("pin", *_base(build))
    result["rejected_pins"] = [
        {"mission": "m4", "worker": "w1", "reason": "pin_conflict", "detail": "hand-made"}
    ]
    assert _check(data, result).ok
