"""The command line: solve and validate through main() and through a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from maillage.consolidation.engine.__main__ import main
from maillage.consolidation.engine.json_schema import errors, load_schema

SRC = Path(__file__).resolve().parents[3] / "src"


def _write(tmp_path: Path, build) -> Path:
    data = build.instance(
        [build.place(0), build.place(1, km_north=3)],
        [build.worker("w1"), build.worker("w2", "p1")],
        [build.mission("m1"), build.mission("m2", "p1"), build.mission("m3", skills={"rare": 1})],
    )
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data))
    return path


def test_solve_then_validate_through_main(tmp_path, build, capsys):
    instance = _write(tmp_path, build)
    for method in ("engine", "baseline"):
        assert (
            main(["solve", str(instance), "--method", method, "--time-limit", "2", "--seed", "4"])
            == 0
        )
        out = json.loads(capsys.readouterr().out)
        assert errors(out, load_schema("output")) == []
        assert out["method"] == method
        assert out["unassigned"][0]["reason"] == "no_qualified_worker"
        result = tmp_path / f"{method}.json"
        result.write_text(json.dumps(out))
        assert main(["validate", str(instance), str(result)]) == 0
        report = json.loads(capsys.readouterr().out)
        assert report["ok"] is True
        assert report["metrics"]["covered_minutes"] == 180


def test_validate_exits_non_zero_on_a_broken_plan(tmp_path, build, capsys):
    instance = _write(tmp_path, build)
    assert main(["solve", str(instance), "--time-limit", "2"]) == 0
    out = json.loads(capsys.readouterr().out)
    out["assignments"][0]["worker"] = "w2" if out["assignments"][0]["worker"] == "w1" else "w1"
    out["assignments"].append(dict(out["assignments"][0]))
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(out))
    assert main(["validate", str(instance), str(broken)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert "assigned_twice" in {v["code"] for v in report["violations"]}


def test_malformed_input_exits_2_with_a_message(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "format": "maillage-consolidation/1",
                "rules": {},
                "places": [],
                "workers": [{"id": "w1"}],
                "missions": [],
            }
        )
    )
    assert main(["solve", str(path)]) == 2
    assert "missing 'home'" in capsys.readouterr().err


def test_subprocess_round_trip(tmp_path, build):
    instance = _write(tmp_path, build)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    solved = subprocess.run(
        [
            sys.executable,
            "-m",
            "maillage.consolidation.engine",
            "solve",
            str(instance),
            "--method",
            "engine",
            "--time-limit",
            "2",
            "--seed",
            "1",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result = tmp_path / "out.json"
    result.write_text(solved.stdout)
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "maillage.consolidation.engine",
            "validate",
            str(instance),
            str(result),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert json.loads(checked.stdout)["metrics"]["active_workers"] == 2
