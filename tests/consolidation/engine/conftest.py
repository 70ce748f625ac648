"""Builders of tiny engine instances whose answers are known."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from maillage.consolidation.engine import EngineInput
from maillage.consolidation.engine.construction import construct
from maillage.consolidation.engine.schedule import Plan
from maillage.consolidation.engine.variables import Problem

BENCHMARKS = Path(__file__).resolve().parents[3] / "benchmarks" / "consolidation"

KM_PER_DEGREE_LAT = 111.19508  # great-circle km per degree of latitude (R = 6371.0088 km)


def place(index: int, km_north: float = 0.0) -> dict[str, Any]:
    """A place ``km_north`` great-circle km north of Bordeaux city centre."""
    return {"id": f"p{index}", "lat": 44.84 + km_north / KM_PER_DEGREE_LAT, "lon": -0.58}


def worker(worker_id: str, home: str = "p0", **overrides: Any) -> dict[str, Any]:
    """A worker available Monday–Sunday 08:00–20:00 with every test skill at level 5."""
    data = {
        "id": worker_id,
        "home": home,
        "travel_mode": "car",
        "max_km": 30,
        "skills": {"workshop-children": 5, "help-desk": 5, "community-management": 5},
        "availability": [{"day": d, "start": 480, "end": 1200} for d in range(7)],
        "wished_minutes": 1440,
        "max_minutes": 2100,
        "previous": [],
    }
    data.update(overrides)
    return data


def mission(
    mission_id: str, place_id: str | None = "p0", slots: list | None = None, **overrides: Any
) -> dict[str, Any]:
    """An on-site workshop on Monday 15:00–16:30 unless told otherwise."""
    data = {
        "id": mission_id,
        "buyer": "b1",
        "skills": {"workshop-children": 2},
        "place": place_id,
        "slots": slots or [{"day": 0, "start": 900, "end": 990}],
    }
    data.update(overrides)
    if "flexible" in overrides:
        del data["slots"]
    return data


def instance(places: list, workers: list, missions: list, **extra: Any) -> dict[str, Any]:
    """A full input document with road factor 1 (road km = great-circle km)."""
    rules = {
        "step_minutes": 15,
        "max_day_minutes": 600,
        "max_week_minutes": 2880,
        "min_daily_rest_minutes": 660,
        "threshold_minutes": 1440,
        "road_factor": 1.0,
        "speed_kmh": {"car": 50, "transit": 25, "bike": 15, "walk": 4.5},
    }
    rules.update(extra.pop("rules", {}))
    return {
        "format": "maillage-consolidation/1",
        "rules": rules,
        "places": places,
        "workers": workers,
        "missions": missions,
        "pinned": extra.pop("pinned", []),
        "forbidden": extra.pop("forbidden", []),
    }


@pytest.fixture
def build():
    """The builders as one namespace: ``build.place``, ``build.worker``..."""

    class Builders:
        pass

    for function in (place, worker, mission, instance):
        setattr(Builders, function.__name__, staticmethod(function))
    return Builders


@pytest.fixture
def solve_checked():
    """Solve a document with a method, check the plan with validation, return both."""
    from maillage.consolidation.engine import EngineInput, solve, validate

    def run(data: dict[str, Any], method: str = "engine", time_limit_s: float = 5.0):
        problem = EngineInput.from_dict(data)
        result = solve(problem, method=method, time_limit_s=time_limit_s, seed=1)
        report = validate(problem, result)
        assert report.ok, report.violations
        assert result.bound >= result.objective
        plan = {a.mission: a.worker for a in result.assignments}
        reasons = {u.mission: u.reason for u in result.unassigned}
        return result, plan, reasons

    return run


def plan_is_valid(plan: Any) -> bool:
    """Every assignment of ``plan`` passes the plan's own check against the others."""
    for m, (w, blocks) in list(plan.assigned.items()):
        plan.remove(m)
        reason = plan.check(m, w, blocks)
        plan.add(m, w, blocks)
        if reason is not None:
            return False
    return True


def constructed(size: str, seed: int) -> tuple[Problem, Plan]:
    """The problem of the generated instance of ``size`` and ``seed`` and the construction's
    plan of it."""
    problem = Problem(generated(size, seed))
    plan = Plan(problem)
    construct(problem, plan, set())
    return problem, plan


def holders(problem: Any, plan: Any) -> dict[str, str]:
    """Mission id → the id of the worker who holds it in ``plan``."""
    return {problem.missions[m].id: problem.workers[w].id for m, (w, _) in plan.assigned.items()}


def ids_at_threshold(problem: Any, plan: Any) -> list[str]:
    """The ids of the workers at the threshold in ``plan``, in the input's order."""
    return [problem.workers[w].id for w in range(len(problem.workers)) if plan.at_threshold(w)]


def generated(size: str, seed: int) -> EngineInput:
    """The benchmark's generated instance of ``size`` and ``seed`` (benchmarks/consolidation)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from generator import generate
    finally:
        sys.path.remove(str(BENCHMARKS))
    return EngineInput.from_dict(generate(size, seed))
