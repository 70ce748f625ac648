"""JSON in and out: round trips, the JSON Schemas, the documented example, explanations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from maillage.consolidation.engine import EngineInput, EngineResult, explain_assignment, solve
from maillage.consolidation.engine.json_schema import errors, load_schema
from maillage.consolidation.engine.schema import InputError

DOC = Path(__file__).resolve().parents[3] / "docs" / "engine-format.md"


def test_input_round_trip_is_lossless(build):
    data = build.instance(
        [build.place(0)],
        [build.worker("w1", previous=["m1"])],
        [
            build.mission("m1"),
            build.mission(
                "m2",
                None,
                flexible={
                    "minutes": 120,
                    "min_block": 60,
                    "windows": [{"day": 0, "start": 540, "end": 1020}],
                },
            ),
        ],
        pinned=[{"mission": "m1", "worker": "w1"}],
    )
    assert (
        EngineInput.from_dict(data).to_dict()
        == EngineInput.from_dict(EngineInput.from_dict(data).to_dict()).to_dict()
    )
    assert EngineInput.from_dict(data).to_dict()["missions"][1]["place"] is None
    assert errors(data, load_schema("input")) == []


def test_result_round_trip_is_lossless(build):
    data = build.instance([build.place(0)], [build.worker("w1")], [build.mission("m1")])
    result = solve(EngineInput.from_dict(data), time_limit_s=2, seed=1)
    as_json = json.loads(json.dumps(result.to_dict()))
    assert EngineResult.from_dict(as_json).to_dict() == as_json
    assert errors(as_json, load_schema("output")) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["workers"][0].update(home="nowhere"), "unknown home"),
        (lambda d: d["missions"].append(dict(d["missions"][0])), "duplicate mission"),
        (lambda d: d["pinned"].append({"mission": "m1", "worker": "ghost"}), "unknown ids"),
        (lambda d: d.update(format="other/9"), "unknown format"),
    ],
)
def test_inconsistent_input_is_refused(build, change, message):
    data = build.instance([build.place(0)], [build.worker("w1")], [build.mission("m1")])
    change(data)
    with pytest.raises(InputError, match=message):
        EngineInput.from_dict(data)


def test_schema_checker_reports_wrong_types():
    problems = errors(
        {
            "format": "maillage-consolidation/1",
            "rules": {},
            "places": [],
            "missions": [],
            "workers": [{"id": 3}],
        },
        load_schema("input"),
    )
    assert "$.workers[0].id: expected string" in problems
    assert "$.workers[0]: missing 'home'" in problems


def test_documented_examples_are_valid():
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", text, flags=re.S)
    documents = [json.loads(block) for block in blocks]
    inputs = [d for d in documents if d.get("format") == "maillage-consolidation/1"]
    outputs = [d for d in documents if d.get("format") == "maillage-consolidation-result/1"]
    assert inputs and outputs
    for document in inputs:
        assert errors(document, load_schema("input")) == []
        EngineInput.from_dict(document)
    for document in outputs:
        assert errors(document, load_schema("output")) == []


def test_explanations_in_english_and_french(build):
    data = build.instance(
        [build.place(0), build.place(1, km_north=2)],
        [build.worker("w1", "p1", previous=["m1"])],
        [build.mission("m1"), build.mission("m2", skills={"rare": 2})],
    )
    instance = EngineInput.from_dict(data)
    result = solve(instance, time_limit_s=2, seed=1)
    why = explain_assignment(instance, result, "m1")
    assert why["code"] == "assigned"
    assert why["params"]["worker"] == "w1"
    assert why["text"].startswith("Given to w1: qualified, 2.0 km from home, 1.5 h")
    assert "kept from the previous plan" in why["text"]
    assert "reprise du plan précédent" in explain_assignment(instance, result, "m1", "fr")["text"]
    why_not = explain_assignment(instance, result, "m2", "fr")
    assert why_not["code"] == "no_qualified_worker"
    assert why_not["text"] == "Aucune personne n'a les compétences demandées (rare ≥ 2)."


def test_explainer_indexes_once_and_answers_every_mission(build):
    from maillage.consolidation.engine import Explainer

    data = build.instance(
        [build.place(0)], [build.worker("w1")], [build.mission("m1"), build.mission("m2")]
    )
    instance = EngineInput.from_dict(data)
    result = solve(instance, time_limit_s=2, seed=1)
    explainer = Explainer(instance, result)
    answers = {m: explainer.explain(m)["code"] for m in ("m1", "m2")}
    assert sorted(answers.values()) == ["assigned", "conflicts"]  # identical missions
    assert explain_assignment(instance, result, "m2") == explainer.explain("m2")
