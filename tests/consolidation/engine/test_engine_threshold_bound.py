"""The bound on workers at the threshold: never below a plan's value, exact on tiny
instances solved by enumeration (decision 0044)."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.consolidation.engine import EngineInput, EngineResult, solve, validate
from maillage.consolidation.engine import solver as solver_module
from maillage.consolidation.engine import threshold_bound as bound_module
from maillage.consolidation.engine.bound import level_bounds, worker_capacity
from maillage.consolidation.engine.schedule import Plan
from maillage.consolidation.engine.schema import Assignment, Unassigned
from maillage.consolidation.engine.threshold_bound import lp_fits, threshold_bound
from maillage.consolidation.engine.variables import Problem

from .conftest import instance, mission, place, worker

THRESHOLD = 180


@st.composite
def tiny(draw):
    """1–2 workers and 1–5 missions at one place: travel and rest never bind."""
    workers = [
        worker(
            f"w{i}",
            wished_minutes=THRESHOLD,
            max_minutes=draw(st.sampled_from([180, 240, 300])),
            skills={"workshop-children": draw(st.integers(1, 3))},
        )
        for i in range(draw(st.integers(1, 2)))
    ]
    missions = []
    for i in range(draw(st.integers(1, 5))):
        day = draw(st.integers(0, 2))
        start = draw(st.integers(36, 66)) * 15
        length = draw(st.sampled_from([60, 90, 120]))
        slots = [{"day": day, "start": start, "end": start + length}]
        if draw(st.booleans()):
            slots.append({"day": day + 2, "start": start, "end": start + length})
        missions.append(
            mission(f"m{i}", slots=slots, skills={"workshop-children": draw(st.integers(1, 3))})
        )
    rules = {"threshold_minutes": THRESHOLD, "max_day_minutes": 240}
    return instance([place(0)], workers, missions, rules=rules)


def best_by_enumeration(data) -> tuple[int, dict[int, int]]:
    """The most workers at the threshold over every valid plan, and per coverage the best."""
    problem = EngineInput.from_dict(data)
    ids = [w.id for w in problem.workers]
    best, by_coverage = 0, {}
    for owners in itertools.product([None, *ids], repeat=len(problem.missions)):
        assignments = [
            Assignment(m.id, owner, m.slots)
            for m, owner in zip(problem.missions, owners, strict=True)
            if owner is not None
        ]
        given_ids = {a.mission for a in assignments}
        unassigned = [
            Unassigned(m.id, "conflicts") for m in problem.missions if m.id not in given_ids
        ]
        result = EngineResult("feasible", 0, 0, assignments, unassigned, {})
        report = validate(problem, result)
        if not report.ok:
            continue
        value = report.levels["workers_at_threshold"]
        covered = report.levels["covered_minutes"]
        best = max(best, value)
        by_coverage[covered] = max(by_coverage.get(covered, 0), value)
    return best, by_coverage


def bound_of(data):
    """The instance's problem, its counting bound and the level-2 bound with 5 s."""
    problem = Problem(EngineInput.from_dict(data))
    counting = level_bounds(problem, set())["workers_at_threshold"]
    return problem, counting, threshold_bound(problem, set(), counting, time_limit_s=5.0)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(tiny())
def test_bound_is_exact_on_tiny_instances(data):
    best, by_coverage = best_by_enumeration(data)
    problem, counting, bound = bound_of(data)
    assert bound.value == best, bound.to_dict()
    # With a coverage imposed, never below the best plan covering at least that much.
    for covered in sorted(by_coverage):
        best_there = max(v for c, v in by_coverage.items() if c >= covered)
        imposed = threshold_bound(problem, set(), counting, covered=covered, time_limit_s=5.0)
        assert imposed.at_coverage >= best_there
        assert imposed.at_coverage <= bound.value


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(tiny())
def test_bound_never_below_the_plan(data):
    problem = EngineInput.from_dict(data)
    result = solve(problem, time_limit_s=1.5, seed=1)
    value = result.levels["value"]["workers_at_threshold"]
    assert result.levels["bound"]["workers_at_threshold"] >= value
    assert result.levels["bound_at_plan_coverage"]["workers_at_threshold"] >= value
    within_km = result.levels["bound_at_plan_coverage_within_km"]["workers_at_threshold"]
    assert result.levels["bound_at_plan_coverage"]["workers_at_threshold"] >= within_km >= value
    method = result.levels["bound_method"]["workers_at_threshold"]
    assert method["counting"] >= method["value"] >= value


def test_bound_counts_competition_for_the_same_missions():
    # Two workers wish 3 h and each could reach it alone; the 4 h of missions let only one
    # of them: the LP sees them compete for the same missions.
    missions = [
        mission("a", slots=[{"day": 0, "start": 540, "end": 660}]),
        mission("b", slots=[{"day": 1, "start": 540, "end": 660}]),
    ]
    workers = [worker(f"w{i}", wished_minutes=180, max_minutes=300) for i in range(2)]
    data = instance([place(0)], workers, missions, rules={"threshold_minutes": 180})
    problem = Problem(EngineInput.from_dict(data))
    bound = threshold_bound(problem, set(), 2, time_limit_s=5.0)
    assert bound.reachable == 2
    assert bound.value == 1
    assert bound.lp is not None and bound.lp < 2


def _competition() -> dict:
    missions = [
        mission("a", slots=[{"day": 0, "start": 540, "end": 660}]),
        mission("b", slots=[{"day": 1, "start": 540, "end": 660}]),
    ]
    workers = [worker(f"w{i}", wished_minutes=180, max_minutes=300) for i in range(2)]
    return instance([place(0)], workers, missions, rules={"threshold_minutes": 180})


def test_an_lp_that_cannot_fit_in_the_time_is_not_tried(monkeypatch):
    # As on L: more pairs than the LP solves in its share; the flow bound stands.
    monkeypatch.setattr(bound_module, "CPSAT_MAX_PAIRS", 0)
    monkeypatch.setattr(bound_module, "LP_PAIRS_PER_SECOND", 1)
    problem = Problem(EngineInput.from_dict(_competition()))
    bound = threshold_bound(problem, set(), 2, time_limit_s=2.0)
    assert bound.lp is None
    assert bound.flow == bound.value == 1
    assert bound.notes[-1] == "LP relaxation not tried: its 4 pairs take about 4 s, 2.0 s were left"


def test_an_lp_that_fits_is_tried(monkeypatch):
    monkeypatch.setattr(bound_module, "CPSAT_MAX_PAIRS", 0)
    monkeypatch.setattr(bound_module, "LP_PAIRS_PER_SECOND", 3)
    problem = Problem(EngineInput.from_dict(_competition()))
    bound = threshold_bound(problem, set(), 2, time_limit_s=2.0)
    assert bound.lp is not None and bound.lp < 2


def test_a_small_lp_is_always_tried():
    assert lp_fits(bound_module.CPSAT_MAX_PAIRS, 0.0)
    assert not lp_fits(bound_module.CPSAT_MAX_PAIRS + 1, 0.0)
    assert lp_fits(25_000, 1.0)
    assert not lp_fits(25_001, 1.0)


def test_the_bound_keeps_only_the_flow_time_when_its_lp_cannot_fit():
    assert solver_module._bound_time(60.0) == 9.0
    assert solver_module._bound_time(60.0, lp_pairs=5.4 * 25_000) == 9.0
    assert solver_module._bound_time(60.0, lp_pairs=5.4 * 25_000 + 1) == 1.0
    assert solver_module._bound_time(2.0, lp_pairs=10**6) == 0.6  # at most 30 % still


def test_a_run_whose_bound_lp_cannot_fit_says_so(monkeypatch):
    monkeypatch.setattr(bound_module, "CPSAT_MAX_PAIRS", 0)
    monkeypatch.setattr(bound_module, "LP_PAIRS_PER_SECOND", 1)
    result = solve(EngineInput.from_dict(_competition()), time_limit_s=2.0, seed=1)
    method = result.levels["bound_method"]["workers_at_threshold"]
    assert method["lp"] is None
    assert any(note.startswith("LP relaxation not tried: its 4 pairs") for note in method["notes"])
    assert validate(EngineInput.from_dict(_competition()), result).ok


def volumes(count: int, minutes: int) -> list[dict]:
    """Remote volumes to place Monday–Friday 09:00–17:00, in blocks of an hour or more."""
    windows = [{"day": d, "start": 540, "end": 1020} for d in range(5)]
    flexible = {"minutes": minutes, "min_block": 60, "windows": windows}
    return [mission(f"v{i}", place_id=None, flexible=flexible) for i in range(count)]


def test_volumes_count_only_the_hours_they_can_be_placed_in():
    # Available 13:00–19:00 on weekdays, the worker has 20 h inside the volumes' windows:
    # 22 h of volumes and a 2 h workshop at 13:00 reach 24 h only if the volumes go nowhere.
    afternoons = [{"day": d, "start": 780, "end": 1140} for d in range(5)]
    workshop = mission("w", slots=[{"day": 0, "start": 780, "end": 900}])
    data = instance(
        [place(0)],
        [worker("w0", availability=afternoons)],
        [workshop, *volumes(11, 120)],
    )
    problem = Problem(EngineInput.from_dict(data))

    bound = threshold_bound(problem, set(), 1, time_limit_s=5.0)

    assert bound.reachable == 0
    assert bound.value == 0
    # The interval capacity takes 20 h of the 22 h of volumes, and the 2 h workshop.
    assert worker_capacity(problem) == [22 * 60]
    assert bound.flow == 0
    result = solve(EngineInput.from_dict(data), time_limit_s=2.0, seed=1)
    assert result.levels["value"]["covered_minutes"] == 20 * 60
    # The whole model's relaxation fits the volumes in the same hours: the plan is proven.
    assert result.status == "optimal"


@st.composite
def with_volumes(draw):
    """1–2 workers with a few short afternoons, 2–6 volumes and 0–2 workshops: the volumes
    often exceed the hours their windows share with the afternoons (the free-hour rows bind)."""
    workers = []
    for i in range(draw(st.integers(1, 2))):
        start = draw(st.sampled_from([720, 840, 900, 960]))
        days = draw(st.lists(st.integers(0, 4), min_size=1, max_size=3, unique=True))
        availability = [{"day": d, "start": start, "end": 1140} for d in sorted(days)]
        workers.append(worker(f"w{i}", availability=availability, wished_minutes=THRESHOLD))
    missions = [
        mission(f"s{i}", slots=[{"day": draw(st.integers(0, 4)), "start": 900, "end": 990}])
        for i in range(draw(st.integers(0, 2)))
    ]
    for i in range(draw(st.integers(2, 6))):
        missions.extend(volumes(1, draw(st.sampled_from([60, 120]))))
        missions[-1]["id"] = f"v{i}"
    return instance([place(0)], workers, missions, rules={"threshold_minutes": THRESHOLD})


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(with_volumes())
def test_bound_with_volumes_never_below_the_plan(data):
    result = solve(EngineInput.from_dict(data), time_limit_s=1.0, seed=1)
    value = result.levels["value"]["workers_at_threshold"]
    assert result.levels["bound"]["workers_at_threshold"] >= value
    assert result.levels["bound_at_plan_coverage"]["workers_at_threshold"] >= value
    within_km = result.levels["bound_at_plan_coverage_within_km"]["workers_at_threshold"]
    assert result.levels["bound_at_plan_coverage"]["workers_at_threshold"] >= within_km >= value


def _drive_or_stay(far_mission: dict) -> dict:
    """w0 wishes 3 h and has 2 h at home; the third hour is 20 km away, where w1 lives: the
    marketplace gives it to w1 and drives nothing, so w0 reaches 3 h only beyond its km."""
    rules = {"threshold_minutes": 180}
    return instance(
        [place(0), place(1, km_north=20.0)],
        [worker("w0", wished_minutes=180), worker("w1", home="p1", wished_minutes=60)],
        [far_mission, mission("far", place_id="p1", slots=[{"day": 1, "start": 540, "end": 600}])],
        rules=rules,
    )


def test_the_bound_within_the_km_budget_sees_what_km_forbid():
    near = mission("near", slots=[{"day": 0, "start": 540, "end": 660}])
    problem = Problem(EngineInput.from_dict(_drive_or_stay(near)))

    def whole(km_cap):
        return solver_module._whole_model_by_levels(
            problem, Plan(problem), set(), time_limit_s=2.0, seed=1, num_workers=2, km_cap=km_cap
        )

    # Both missions covered either way; w0 at 3 h drives 2 × 20 km on Tuesday.
    assert (whole(0).threshold_bound, whole(0).covered) == (0, 180)
    assert (whole(399).threshold_bound, whole(400).threshold_bound) == (0, 1)
    assert (whole(None).threshold_bound, whole(None).covered) == (1, 180)


def test_a_run_reports_its_bound_within_its_km_budget():
    near = mission("near", slots=[{"day": 0, "start": 540, "end": 660}])
    result = solve(EngineInput.from_dict(_drive_or_stay(near)), time_limit_s=2.0, seed=1)

    # The marketplace drives nothing; the run keeps that budget, or raises it to w0's 400 hm
    # when its first plan has w0 at 3 h (decision 0048).
    budget = result.metrics["lns_km_budget_hectometres"]
    assert budget in (0, 400)
    method = result.levels["bound_method"]["workers_at_threshold"]
    assert method["whole_model_km_budget_hectometres"] == budget
    assert method["whole_model_at_plan_coverage"] == (1 if budget else 0)
    assert result.levels["bound_at_plan_coverage"]["workers_at_threshold"] == 1
    within_km = result.levels["bound_at_plan_coverage_within_km"]["workers_at_threshold"]
    assert within_km == method["whole_model_at_plan_coverage"]
    assert result.levels["value"]["workers_at_threshold"] == within_km


def test_the_bound_within_km_holds_with_volumes_placed_nowhere():
    # The run raises its budget for w0's job here (decision 0048): the whole model is given
    # the marketplace's 0 km directly.
    windows = [{"day": d, "start": 540, "end": 1020} for d in range(5)]
    volume = mission(
        "near", place_id=None, flexible={"minutes": 120, "min_block": 60, "windows": windows}
    )
    problem = Problem(EngineInput.from_dict(_drive_or_stay(volume)))

    def whole(km_cap):
        return solver_module._whole_model_by_levels(
            problem, Plan(problem), set(), time_limit_s=2.0, seed=1, num_workers=2, km_cap=km_cap
        )

    within_km, free = whole(0), whole(None)

    assert (within_km.threshold_bound, within_km.covered) == (0, 180)
    assert (free.threshold_bound, free.covered) == (1, 180)


def test_a_route_grows_by_at_most_a_hectometre_for_each_stop_taken_out():
    windows = [{"day": d, "start": 540, "end": 1020} for d in range(5)]
    data = instance(
        [place(0)],
        [worker("w0")],
        [
            mission(
                "v", place_id=None, flexible={"minutes": 200, "min_block": 60, "windows": windows}
            ),
            mission("s"),
        ],
    )
    problem = Problem(EngineInput.from_dict(data))

    # 200 minutes in blocks of 60 or more: at most 3 blocks, each taken out of one route.
    assert solver_module.relaxed_km_slack(problem, [0, 1]) == 3
    assert solver_module.relaxed_km_slack(problem, [1]) == 0


def test_a_large_instance_gets_the_integer_relaxation_only_with_time_of_its_own(monkeypatch):
    # As on M: too many pairs for CP-SAT within a run's bound; the benchmark's offline bound
    # gives it seconds of its own, hinted by a plan.
    monkeypatch.setattr(bound_module, "CPSAT_MAX_PAIRS", 0)
    problem = Problem(EngineInput.from_dict(_competition()))
    in_run = threshold_bound(problem, set(), 2, time_limit_s=2.0)
    assert in_run.integer is None

    offline = threshold_bound(
        problem, set(), 2, time_limit_s=2.0, integer_seconds=2.0, hint={0: 0, 1: 0}
    )

    assert offline.integer == offline.value == 1
    assert offline.notes[-1].startswith("integer relaxation: CP-SAT's bound after ")


def test_an_integer_relaxation_too_large_even_offline_is_not_tried(monkeypatch):
    monkeypatch.setattr(bound_module, "CPSAT_MAX_PAIRS", 0)
    monkeypatch.setattr(bound_module, "INTEGER_MAX_PAIRS", 3)
    problem = Problem(EngineInput.from_dict(_competition()))

    offline = threshold_bound(problem, set(), 2, time_limit_s=2.0, integer_seconds=2.0)

    assert offline.integer is None
    assert offline.notes[-1] == "integer relaxation not tried: its 4 pairs are above 3"


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(tiny())
def test_the_integer_relaxation_with_its_own_time_is_exact_on_tiny_instances(monkeypatch, data):
    # Taken as large, hinted by the engine's plan, on instances where the integer relaxation
    # is exact.
    monkeypatch.setattr(bound_module, "CPSAT_MAX_PAIRS", 0)
    best, _ = best_by_enumeration(data)
    problem = Problem(EngineInput.from_dict(data))
    plan = Plan.from_result(problem, solve(EngineInput.from_dict(data), time_limit_s=1.0, seed=1))
    counting = level_bounds(problem, set())["workers_at_threshold"]
    found = threshold_bound(
        problem,
        set(),
        counting,
        time_limit_s=1.0,
        integer_seconds=2.0,
        hint={m: w for m, (w, _) in plan.assigned.items()},
    )
    assert found.value == best
    # Nobody who can reach the threshold: the bound is 0 before any relaxation.
    assert found.integer == best if found.reachable else found.integer is None


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(tiny())
def test_the_relaxed_week_at_a_coverage_finds_the_best_plan_covering_that_much(data):
    # On tiny instances the relaxation is exact: at each coverage, the most people CP-SAT
    # finds in relaxed weeks and its proven bound are those of the best valid plan covering
    # at least that much.
    _, by_coverage = best_by_enumeration(data)
    problem = Problem(EngineInput.from_dict(data))
    for covered in sorted(by_coverage):
        best_there = max(v for c, v in by_coverage.items() if c >= covered)
        week = bound_module.relaxed_week_at_coverage(problem, set(), covered=covered, seconds=2.0)
        assert (week.found, week.bound) == (best_there, best_there)


def test_the_relaxed_week_at_a_coverage_no_plan_reaches_finds_nothing():
    problem = Problem(EngineInput.from_dict(_competition()))

    week = bound_module.relaxed_week_at_coverage(problem, set(), covered=241, seconds=2.0)

    assert (week.pairs, week.found, week.bound) == (4, None, None)


def test_a_relaxed_week_with_too_many_pairs_is_not_tried(monkeypatch):
    monkeypatch.setattr(bound_module, "INTEGER_MAX_PAIRS", 3)
    problem = Problem(EngineInput.from_dict(_competition()))

    week = bound_module.relaxed_week_at_coverage(problem, set(), covered=0, seconds=2.0)

    assert (week.pairs, week.found, week.bound) == (4, None, None)
