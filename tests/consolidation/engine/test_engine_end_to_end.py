"""End-to-end solves of generated Gironde instances with fixed seeds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from maillage.consolidation.engine import EngineInput, solve, validate
from maillage.consolidation.engine import solver as solver_module

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks" / "consolidation"))
from generator import generate


@pytest.fixture(scope="module")
def gironde_xs():
    return EngineInput.from_dict(generate("XS", 7))


def test_generator_is_reproducible():
    assert generate("XS", 3) == generate("XS", 3)
    assert generate("XS", 3) != generate("XS", 4)
    data = generate("XS", 3)
    assert len(data["workers"]) == 15
    slots = sum(len(m.get("slots", [])) or 1 for m in data["missions"])
    assert slots >= 80


def test_engine_with_lns_is_valid_and_not_worse_than_baseline(gironde_xs, monkeypatch):
    monkeypatch.setattr(solver_module, "SMALL_MODEL_CHOICES", 0)  # force the LNS path
    baseline = solve(gironde_xs, method="baseline", seed=1)
    progress: list[tuple[float, str]] = []
    engine = solve(
        gironde_xs,
        method="engine",
        time_limit_s=4,
        seed=1,
        num_workers=1,
        lns_size=6,
        progress=lambda f, msg: progress.append((f, msg)),
    )
    for result in (baseline, engine):
        report = validate(gironde_xs, result)
        assert report.ok, report.violations
        assert result.bound >= result.objective
    assert engine.metrics["lns_iterations"] >= 1
    assert engine.objective >= baseline.objective
    assert engine.metrics["covered_minutes"] >= baseline.metrics["covered_minutes"]
    fractions = [f for f, _ in progress]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions)


def test_whole_model_path_is_valid(gironde_xs):
    # The run ends as soon as every stage is proven (0.3 s alone, 0.8 s with six busy loops
    # on two cores), and each stage gets a share of the time limit (the relaxation a tenth).
    # With 6 s, a CI run of the whole suite once returned the plan unproven: the time is
    # ample rather than tight, so that the test is about the proof, not the machine.
    result = solve(gironde_xs, method="engine", time_limit_s=30, seed=2, num_workers=1)
    assert validate(gironde_xs, result).ok
    # Flexible missions are present: the plan is proven optimal through the relaxation that
    # leaves them unplaced but within each worker's free hours (0.15–0.25 s of it).
    assert result.status == "optimal"


def test_optimality_with_flexible_work_is_proven_through_the_relaxation(build):
    # A flexible volume and a workshop for one worker: the relaxation (flexible minutes
    # placed nowhere) and the full model agree, so the plan is proven optimal.
    data = build.instance(
        [build.place(0)],
        [build.worker("w1", wished_minutes=600, max_minutes=600)],
        [
            build.mission("workshop"),
            build.mission(
                "web",
                None,
                skills={"community-management": 1},
                flexible={
                    "minutes": 120,
                    "min_block": 60,
                    "windows": [{"day": d, "start": 540, "end": 1020} for d in range(5)],
                },
            ),
        ],
    )
    instance = EngineInput.from_dict(data)
    result = solve(instance, time_limit_s=5, seed=1, num_workers=1)
    assert validate(instance, result).ok
    assert result.status == "optimal"
    assert result.bound == result.objective
    assert result.metrics["covered_minutes"] == 210


def test_the_progress_never_goes_back_and_keeps_each_stage_message():
    seen: list[tuple[float, str]] = []
    report = solver_module._never_back(lambda f, msg: seen.append((f, msg)))

    report(0.2, "large-neighbourhood search")
    report(0.9, "LNS iteration 40, 3 improvements")
    report(0.85, "km polish with the higher levels fixed")

    assert seen == [
        (0.2, "large-neighbourhood search"),
        (0.9, "LNS iteration 40, 3 improvements"),
        (0.9, "km polish with the higher levels fixed"),
    ]


@pytest.mark.parametrize(
    ("time_limit_s", "missions", "kept"),
    [
        (60.0, 6913, 2.7652),  # L: its explanations and validation take about 1 s
        (60.0, 2095, 0.838),  # M
        (60.0, 100, 0.2),  # at least 0.2 s
        (5.0, 6913, 0.4),  # at most 8 % of the time limit
        (1.0, 6913, 0.2),  # and never under 0.2 s
    ],
)
def test_the_time_kept_after_the_search_grows_with_the_missions(time_limit_s, missions, kept):
    assert solver_module._finishing_time(time_limit_s, missions) == pytest.approx(kept)
