"""An area's part of the engine input keeps what its workers and missions refer to."""

from maillage.consolidation.engine import EngineInput
from maillage.gpec.engine_runs import sub_instance, weekly


def _data():
    places = [
        {"id": "home", "lat": 44.84, "lon": -0.58},
        {"id": "base", "lat": 44.90, "lon": -0.55},
        {"id": "school", "lat": 44.80, "lon": -0.60},
        {"id": "elsewhere", "lat": 45.0, "lon": -0.1},
    ]
    worker = {
        "id": "w1",
        "home": "home",
        "remote_base": "base",
        "travel_mode": "car",
        "max_km": 30,
        "skills": {"help-desk": 3},
        "availability": [{"day": 0, "start": 480, "end": 1080}],
        "wished_minutes": 600,
        "max_minutes": 600,
        "previous": ["m1", "m2"],
    }
    other = dict(worker, id="w2", home="elsewhere", remote_base=None, previous=[])
    mission = {
        "id": "m1",
        "skills": {"help-desk": 2},
        "place": None,
        "slots": [{"day": 0, "start": 600, "end": 660}],
    }
    return {
        "format": "maillage-consolidation/1",
        "rules": {},
        "places": places,
        "workers": [worker, other],
        "missions": [mission, dict(mission, id="m2", place="school")],
        "pinned": [],
        "forbidden": [{"mission": "m2", "worker": "w1"}],
        "previous_plan": {
            "assignments": [
                {"mission": "m1", "worker": "w1", "blocks": mission["slots"]},
                {"mission": "m2", "worker": "w2", "blocks": mission["slots"]},
            ]
        },
    }


def test_the_part_keeps_the_remote_base_and_drops_what_is_outside():
    part = sub_instance(_data(), {"m1"}, {"w1"})
    assert sorted(p["id"] for p in part["places"]) == ["base", "home"]
    assert part["workers"][0]["previous"] == ["m1"]
    assert part["forbidden"] == []
    assert [a["mission"] for a in part["previous_plan"]["assignments"]] == ["m1"]
    EngineInput.from_dict(part)  # every reference resolves


def test_weekly_figures_fall_back_to_the_typical_week():
    assert weekly({"demand_minutes": 70, "covered_minutes": 35})["covered_minutes"] == 35
    dated = {"demand_minutes": 700, "covered_minutes": 350, "covered_minutes_week": 50}
    assert weekly({**dated, "demand_minutes_week": 100}) == {
        **dated,
        "demand_minutes_week": 100,
        "demand_minutes": 100,
        "covered_minutes": 50,
    }
