"""The km polish: routes get shorter while covered minutes and workers at the threshold
hold; on the benchmark's S instance (seed 1) the engine drives no more than the baseline."""

from __future__ import annotations

import time

from maillage.consolidation.engine import EngineInput
from maillage.consolidation.engine.baseline import baseline_plan
from maillage.consolidation.engine.construction import apply_pins, construct
from maillage.consolidation.engine.levels import plan_levels, worker_hectometres, worker_km
from maillage.consolidation.engine.lns import polish_km
from maillage.consolidation.engine.schedule import Plan
from maillage.consolidation.engine.solver import _within_marketplace_km
from maillage.consolidation.engine.variables import Problem

from .conftest import generated, instance, mission, place, worker


def small_instance(seed: int = 1) -> EngineInput:
    return generated("S", seed)


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
    assert after["covered_minutes"] >= before["covered_minutes"]
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


def _skill_clash(build):
    """The marketplace gives the help desk's slot to the workshop: one mission uncovered.

    Both missions are at Anna's home on Monday 09:00–10:00. Anna can do both, Basile (20 km
    away) only the workshop. The marketplace takes the workshop first (same start, id order)
    and gives it to Anna, the nearest, and then nobody can take the help desk. Covering both
    means sending Basile 40 km: more coverage, more km, nobody near 24 h either way.
    """
    places = [build.place(0), build.place(1, km_north=20)]
    monday = [{"day": 0, "start": 540, "end": 600}]
    return build.instance(
        places,
        [
            build.worker("anna", "p0"),
            build.worker("basile", "p1", skills={"workshop-children": 5}),
        ],
        [
            build.mission("m1-workshop", "p0", slots=monday),
            build.mission("m2-help", "p0", slots=monday, skills={"help-desk": 1}),
        ],
    )


def test_the_engine_gives_back_coverage_rather_than_drive_more_than_the_marketplace(
    build, solve_checked
):
    data = _skill_clash(build)
    baseline, baseline_plan, _ = solve_checked(data, "baseline")
    engine, engine_plan, _ = solve_checked(data, "engine")

    assert baseline_plan == {"m1-workshop": "anna"}
    assert baseline.levels["value"]["km_hectometres"] == 0
    # The plan covering both (Basile drives 40 km) is given up down to the marketplace's
    # coverage: one mission, done by Anna at home.
    assert engine.levels["value"]["km_hectometres"] == 0
    assert engine.levels["value"]["covered_minutes"] == 60
    assert set(engine_plan.values()) == {"anna"}
    assert engine.metrics["lns_km_budget_hectometres"] == 0


def test_more_km_than_the_marketplace_only_for_more_people_at_24_hours(build, solve_checked):
    # As above, but Basile has 23 h 20 of pinned workshops near home: the workshop at
    # Anna's brings him to 24 h, which is worth his 40 km.
    data = _skill_clash(build)
    pinned = [
        build.mission(f"b{d}", "p1", slots=[{"day": d, "start": 720, "end": 1000}])
        for d in range(1, 6)
    ]
    data["missions"] += pinned
    data["pinned"] = [{"mission": m["id"], "worker": "basile"} for m in pinned]
    baseline, _, _ = solve_checked(data, "baseline")
    engine, engine_plan, _ = solve_checked(data, "engine")

    assert baseline.levels["value"]["workers_at_threshold"] == 0
    assert engine_plan["m1-workshop"] == "basile"
    assert engine_plan["m2-help"] == "anna"
    assert engine.levels["value"]["workers_at_threshold"] == 1
    assert engine.levels["value"]["km_hectometres"] > baseline.levels["value"]["km_hectometres"]
    assert engine.metrics["lns_km_budget_raised_for_people_at_threshold"] == 1


def far_holder_of_one_workshop() -> tuple[Problem, Plan, Plan]:
    """One workshop 5 km north; ``near`` lives at the centre, ``far`` 20 km north. The
    marketplace gives it to ``near`` (10 km a week), the plan to ``far`` (30 km)."""
    data = instance(
        [place(0), place(1, km_north=5.0), place(2, km_north=20.0)],
        [worker("near", wished_minutes=600), worker("far", home="p2", wished_minutes=600)],
        [mission("workshop", place_id="p1")],
    )
    problem = Problem(EngineInput.from_dict(data))
    workshop = problem.mission_index["workshop"]
    market, plan = Plan(problem), Plan(problem)
    market.add(workshop, 0, problem.missions[workshop].slots)
    plan.add(workshop, 1, problem.missions[workshop].slots)
    return problem, plan, market


def test_exact_km_are_the_routes_legs_summed_as_validation_sums_them():
    problem, plan, market = far_holder_of_one_workshop()

    assert round(worker_km(problem, plan, 1), 6) == 30.0
    assert round(worker_km(problem, market, 0), 6) == 10.0
    assert worker_hectometres(problem, plan, 1) == 300


def polished_within(problem: Problem, plan: Plan, market: Plan) -> dict:
    """Run the end-of-run exact-km check on ``plan`` against ``market``; its statistics."""
    stats: dict = {}
    _within_marketplace_km(
        problem,
        plan,
        market,
        set(),
        deadline=time.monotonic() + 5,
        seed=1,
        num_workers=1,
        stats=stats,
    )
    return stats


def test_a_plan_driving_more_exact_km_than_the_marketplace_is_polished_within_them():
    problem, plan, market = far_holder_of_one_workshop()

    stats = polished_within(problem, plan, market)

    assert plan.assigned[problem.mission_index["workshop"]][0] == 0
    assert stats == {"exact_km_over_marketplace": 20.0, "exact_km_over_marketplace_after": 0.0}


def test_a_plan_within_the_marketplaces_exact_km_is_left_alone():
    problem, plan, market = far_holder_of_one_workshop()

    # The marketplace's plan checked against the far holder's: it already drives less.
    stats = polished_within(problem, market, plan)

    assert market.assigned[problem.mission_index["workshop"]][0] == 0
    assert stats == {}
