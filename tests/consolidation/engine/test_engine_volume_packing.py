"""A worker's volumes packed together where one at a time the last finds no window."""

from __future__ import annotations

from maillage.consolidation.engine import EngineInput, EngineResult, validate
from maillage.consolidation.engine import solver as solver_module
from maillage.consolidation.engine.schedule import Plan
from maillage.consolidation.engine.schema import Assignment, Block
from maillage.consolidation.engine.variables import Problem
from maillage.consolidation.engine.volume_packing import pack_volumes

from .conftest import instance, mission, place, worker

MONDAY_9_TO_12 = {"day": 0, "start": 540, "end": 720}
TUESDAY_9_TO_11 = {"day": 1, "start": 540, "end": 660}


def _two_volumes(tuesday_hours: int = 2) -> dict:
    """w0 works Monday 9:00–12:00 and Tuesday from 9:00 for ``tuesday_hours``; "spread" (2 h,
    Monday or Tuesday) and "monday" (3 h in one block, Monday only) are done at home."""
    tuesday = {"day": 1, "start": 540, "end": 540 + 60 * tuesday_hours}
    return instance(
        [place(0)],
        [worker("w0", availability=[MONDAY_9_TO_12, tuesday], wished_minutes=300)],
        [
            mission(
                "spread",
                place_id=None,
                flexible={
                    "minutes": 120,
                    "min_block": 60,
                    "windows": [MONDAY_9_TO_12, TUESDAY_9_TO_11],
                },
            ),
            mission(
                "monday",
                place_id=None,
                flexible={"minutes": 180, "min_block": 180, "windows": [MONDAY_9_TO_12]},
            ),
        ],
        rules={"threshold_minutes": 300},
    )


def _valid(data: dict, plan: Plan) -> bool:
    problem = plan.problem
    assignments = [
        Assignment(problem.missions[m].id, problem.workers[w].id, blocks)
        for m, (w, blocks) in plan.assigned.items()
    ]
    return validate(
        EngineInput.from_dict(data), EngineResult("feasible", 0, 0, assignments, [], {})
    ).ok


def test_one_at_a_time_the_second_volume_finds_no_window():
    problem = Problem(EngineInput.from_dict(_two_volumes()))
    plan = Plan(problem)
    spread, monday = problem.mission_index["spread"], problem.mission_index["monday"]

    first = plan.fit(spread, 0)[0]
    assert first is not None
    plan.add(spread, 0, first)

    # The first placement takes Monday, the longest day: 3 h in one block no longer fit.
    assert (first, plan.fit(monday, 0)[0]) == ((Block(0, 540, 660),), None)


def test_packed_together_both_volumes_fit():
    data = _two_volumes()
    problem = Problem(EngineInput.from_dict(data))
    plan = Plan(problem)
    spread, monday = problem.mission_index["spread"], problem.mission_index["monday"]

    assert pack_volumes(plan, 0, [spread, monday], seed=1)

    assert plan.assigned == {spread: (0, (Block(1, 540, 660),)), monday: (0, (Block(0, 540, 720),))}
    assert _valid(data, plan)


def test_when_they_cannot_fit_together_nothing_is_added():
    problem = Problem(EngineInput.from_dict(_two_volumes(tuesday_hours=1)))
    plan = Plan(problem)
    volumes = [problem.mission_index["spread"], problem.mission_index["monday"]]

    assert not pack_volumes(plan, 0, volumes, seed=1)

    assert plan.assigned == {}


def test_the_relaxations_week_is_placed_with_both_volumes():
    data = _two_volumes()
    problem = Problem(EngineInput.from_dict(data))
    missions = [problem.mission_index["spread"], problem.mission_index["monday"]]
    relaxed = dict.fromkeys(missions, (0, ()))

    placed = solver_module._placed(problem, Plan(problem), missions, relaxed, seed=1)

    assert (sorted(placed.assigned), placed.people_at_threshold()) == (sorted(missions), 1)
    assert _valid(data, placed)
