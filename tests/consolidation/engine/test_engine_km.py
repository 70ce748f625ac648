"""The km polish: routes get shorter while covered minutes and workers at the threshold
hold; on the benchmark's S instance (seed 1) the engine drives no more than the baseline."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from maillage.consolidation.engine import EngineInput
from maillage.consolidation.engine.baseline import baseline_plan
from maillage.consolidation.engine.construction import apply_pins, construct
from maillage.consolidation.engine.levels import plan_levels
from maillage.consolidation.engine.lns import polish_km
from maillage.consolidation.engine.schedule import Plan
from maillage.consolidation.engine.variables import Problem

BENCHMARKS = Path(__file__).resolve().parents[3] / "benchmarks" / "consolidation"


def small_instance() -> EngineInput:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from generator import generate
    finally:
        sys.path.remove(str(BENCHMARKS))
    return EngineInput.from_dict(generate("S", 1))


def test_km_polish_on_the_small_benchmark_instance():
    problem = Problem(small_instance())
    everyone = list(range(len(problem.workers)))
    missions = list(range(len(problem.missions)))
    baseline, _ = baseline_plan(problem)
    base = plan_levels(problem, baseline, everyone, missions)

    plan = Plan(problem)
    rejected = apply_pins(problem, plan)
    blocked = {problem.mission_index[p.mission] for p in rejected}
    construct(problem, plan, blocked)
    before = plan_levels(problem, plan, everyone, missions)
    stats = polish_km(
        problem, plan, blocked, deadline=time.monotonic() + 3.0, seed=1, num_workers=1
    )
    after = plan_levels(problem, plan, everyone, missions)

    assert stats["km_iterations"] >= 1
    assert after["covered_minutes"] == before["covered_minutes"]
    assert after["workers_at_threshold"] >= before["workers_at_threshold"]
    assert after["km_hectometres"] <= before["km_hectometres"]
    # At equal or better coverage, never more km than the marketplace.
    assert after["covered_minutes"] >= base["covered_minutes"]
    assert after["km_hectometres"] <= base["km_hectometres"]


def test_engine_drives_no_more_than_the_baseline_on_the_small_instance():
    from maillage.consolidation.engine import solve, validate

    instance = small_instance()
    engine = solve(instance, time_limit_s=6.0, seed=1)
    baseline = solve(instance, method="baseline", time_limit_s=6.0, seed=1)
    mine, theirs = validate(instance, engine), validate(instance, baseline)
    assert mine.ok and theirs.ok
    assert mine.metrics["covered_minutes"] >= theirs.metrics["covered_minutes"]
    assert mine.metrics["km_week"] <= theirs.metrics["km_week"]
    assert mine.metrics["workers_at_threshold"] >= 2 * theirs.metrics["workers_at_threshold"]
