"""Volumes in the relaxation keep clear of the worker's fixed blocks and the trips to them,
and every plan is still a solution of the relaxation (decision 0055)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.consolidation.engine import EngineInput, EngineResult, lns, solve, validate
from maillage.consolidation.engine import solver as solver_module
from maillage.consolidation.engine.baseline import baseline_plan
from maillage.consolidation.engine.model import SubModel
from maillage.consolidation.engine.schedule import Plan
from maillage.consolidation.engine.schema import Assignment, Block
from maillage.consolidation.engine.variables import Problem

from .conftest import instance, mission, place, worker

WEEKDAYS_9_TO_5 = [{"day": d, "start": 540, "end": 1020} for d in range(5)]


def volume(mission_id: str, minutes: int, min_block: int = 60) -> dict:
    """A remote volume, done at home, Monday–Friday 09:00–17:00."""
    flexible = {"minutes": minutes, "min_block": min_block, "windows": WEEKDAYS_9_TO_5}
    return mission(mission_id, place_id=None, flexible=flexible)


def relaxation(problem: Problem, plan: Plan) -> SubModel:
    """The whole model's relaxation (volumes placed nowhere), hinted with ``plan``."""
    workers = list(range(len(problem.workers)))
    missions = [m for m in range(len(problem.missions)) if problem.eligible_workers[m]]
    options = lns.sub_options(problem, plan, workers, missions, {}, relax_flexible=True)
    sub = SubModel(problem, workers, missions, options)
    solver_module._fit_unplaced_volumes(sub)
    return sub


def admits(problem: Problem, plan: Plan) -> bool:
    """Whether ``plan``'s missions, held as they are, are a solution of the relaxation."""
    sub = relaxation(problem, plan)
    for c in sub.choices:
        held = plan.assigned.get(c.mission)
        sub.model.add(c.var == int(held is not None and held[0] == c.worker))
    status = sub.solve(time_limit_s=10.0, seed=1)[0]
    return status in ("OPTIMAL", "FEASIBLE")


def _workshop_away_at_noon(minutes: int = 420, km: float = 20.0) -> dict:
    """Mondays only, w0 has a workshop ``km`` away at noon (20 km unless told: 24 min by car
    each way) and a volume (7 h unless told) to do at home: 9:00–11:36 and 13:24–17:00 hold
    6 h 12 min of it, 6 h in quarter hours."""
    monday = [{"day": 0, "start": 480, "end": 1080}]
    windows = [{"day": 0, "start": 540, "end": 1020}]
    return instance(
        [place(0), place(1, km_north=km)],
        [worker("w0", availability=monday, wished_minutes=480)],
        [
            mission("noon", place_id="p1", slots=[{"day": 0, "start": 720, "end": 780}]),
            mission(
                "volume",
                place_id=None,
                flexible={"minutes": minutes, "min_block": 60, "windows": windows},
            ),
        ],
        rules={"threshold_minutes": 480},
    )


def test_a_volume_does_not_fit_around_a_workshop_and_its_trips():
    problem = Problem(EngineInput.from_dict(_workshop_away_at_noon()))
    both = Plan(problem)
    sub = relaxation(problem, both)
    for c in sub.choices:
        sub.model.add(c.var == 1)

    # The free-hour row alone (8 h less the 1-h workshop: 7 h) lets both in; the trips do not.
    assert sub.solve(time_limit_s=5.0, seed=1)[0] == "INFEASIBLE"


def test_a_volume_that_fills_the_time_around_the_trips_is_admitted():
    data = _workshop_away_at_noon(minutes=360)
    problem = Problem(EngineInput.from_dict(data))
    # 9:00–11:30 and 13:30–17:00: both, to the minute the trips leave.
    blocks = {"noon": (Block(0, 720, 780),), "volume": (Block(0, 540, 690), Block(0, 810, 1020))}
    assignments = [Assignment(m, "w0", b) for m, b in blocks.items()]
    result = EngineResult("feasible", 0, 0, assignments, [], {})
    assert validate(EngineInput.from_dict(data), result).ok

    assert admits(problem, Plan.from_result(problem, result))


def test_volume_blocks_keep_to_the_quarter_hours():
    # 13 km: 16 min each way; 9:00–11:44 and 13:16–17:00 hold 6 h 28 min to the minute, but
    # blocks start and end on the quarter hour: 9:00–11:30 and 13:30–17:00, 6 h.
    problem = Problem(EngineInput.from_dict(_workshop_away_at_noon(minutes=375, km=13.0)))
    sub = relaxation(problem, Plan(problem))
    for c in sub.choices:
        sub.model.add(c.var == 1)

    assert sub.solve(time_limit_s=5.0, seed=1)[0] == "INFEASIBLE"


def test_the_bound_of_a_plan_sees_the_quarter_hours():
    data = _workshop_away_at_noon(minutes=375, km=13.0)
    data["rules"]["threshold_minutes"] = 420
    problem = Problem(EngineInput.from_dict(data))
    plan = Plan(problem)
    volume = problem.mission_index["volume"]
    blocks = plan.fit(volume, 0)[0]
    assert blocks is not None
    plan.add(volume, 0, blocks)

    bound = solver_module.threshold_bound_of_plan(
        problem, plan, set(), km_cap=None, time_limit_s=5.0, seed=1, num_workers=2
    )

    # 6 h 15 of volume and the 1-h workshop would reach 7 h, in minutes the grid does not have.
    assert bound == 0


def test_the_bound_at_coverage_sees_the_trips():
    problem = Problem(EngineInput.from_dict(_workshop_away_at_noon()))

    whole = solver_module._whole_model_by_levels(
        problem, Plan(problem), set(), time_limit_s=3.0, seed=1, num_workers=2
    )

    # The best plan covers the 7-hour volume alone; nobody can reach 8 h.
    assert (whole.proven, whole.covered, whole.threshold_bound) == (True, 420, 0)


@st.composite
def around_workshops(draw):
    """1–2 workers at home in p0 or p2, workshops at 0–25 km, volumes of 1–4 h."""
    places = [place(0), place(1, km_north=draw(st.integers(3, 25))), place(2, km_north=8.0)]
    workers = []
    for i in range(draw(st.integers(1, 2))):
        start = draw(st.sampled_from([480, 600, 720]))
        days = draw(st.lists(st.integers(0, 4), min_size=1, max_size=3, unique=True))
        availability = [{"day": d, "start": start, "end": 1140} for d in sorted(days)]
        home = draw(st.sampled_from(["p0", "p2"]))
        workers.append(worker(f"w{i}", home=home, availability=availability, wished_minutes=240))
    missions = []
    for i in range(draw(st.integers(1, 4))):
        start = draw(st.integers(36, 64)) * 15
        missions.append(
            mission(
                f"s{i}",
                place_id=draw(st.sampled_from(["p0", "p1", "p2"])),
                slots=[{"day": draw(st.integers(0, 4)), "start": start, "end": start + 90}],
            )
        )
    for i in range(draw(st.integers(1, 4))):
        missions.append(volume(f"v{i}", draw(st.sampled_from([60, 120, 180, 240]))))
    return instance(places, workers, missions, rules={"threshold_minutes": 240})


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(around_workshops())
def test_every_plan_is_a_solution_of_the_relaxation(data):
    problem = Problem(EngineInput.from_dict(data))
    market, _ = baseline_plan(problem)
    engine = Plan.from_result(problem, solve(EngineInput.from_dict(data), time_limit_s=1.0, seed=1))

    assert admits(problem, market)
    assert admits(problem, engine)


def test_a_relaxed_week_is_placed_fixed_blocks_first_then_volumes_where_they_fit():
    problem = Problem(EngineInput.from_dict(_workshop_away_at_noon(minutes=180)))
    noon, volume = problem.mission_index["noon"], problem.mission_index["volume"]
    relaxed = {noon: (0, problem.missions[noon].slots), volume: (0, ())}

    placed = solver_module._placed(problem, Plan(problem), [noon, volume], relaxed)

    assert placed.assigned[noon] == (0, problem.missions[noon].slots)
    worker, blocks = placed.assigned[volume]
    assert worker == 0
    # One block a day (placements.py): 13:30–16:30, after the trip home.
    assert blocks == (Block(0, 810, 990),)
