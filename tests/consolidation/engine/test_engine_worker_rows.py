"""Travel between needs as positions rather than pairs (:func:`worker_rows.travel_conflicts`);
the trips a workshop keeps from the volumes' free hours (:func:`worker_rows.flexible_time_rows`)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.consolidation.engine import EngineInput
from maillage.consolidation.engine.schedule import Plan
from maillage.consolidation.engine.variables import Problem
from maillage.consolidation.engine.worker_rows import (
    flexible_time_rows,
    travel_conflicts,
    travel_pairs,
    worker_rows,
)

from .conftest import instance, mission, place, worker

# p1 is 20 km north of p0 (24 minutes by car at 50 km/h), p2 1 km north (1.2 minutes).
PLACES = [place(0), place(1, km_north=20.0), place(2, km_north=1.0)]
EARLY = [{"day": 0, "start": 900, "end": 990}]
LATE = [{"day": 0, "start": 990, "end": 1080}]


def problem_of(missions: list[dict]) -> Problem:
    return Problem(EngineInput.from_dict(instance(PLACES, [worker("w0")], missions)))


def test_back_to_back_workshops_in_two_communes_are_one_position():
    problem = problem_of(
        [
            mission("early-here", slots=EARLY),
            mission("early-there", place_id="p1", slots=EARLY),
            mission("late-here", slots=LATE),
            mission("late-there", place_id="p1", slots=LATE),
        ]
    )

    positions, pairs = travel_conflicts(problem, 0, [0, 1, 2, 3])

    # At 16:30 the worker is here (early-here, late-here) or there, never both.
    assert positions == [[(0, [0, 2]), (1, [1, 3])]]
    assert pairs == []
    assert travel_pairs(problem, 0, [0, 1, 2, 3]) == [(0, 3), (1, 2)]


def test_places_close_enough_for_the_gap_stay_pairs():
    # A 10-minute gap: p0 → p2 takes 1.2 minutes, p0 → p1 24; "at one place" would forbid
    # early-here then late-near, which the road allows.
    gap_late = [{"day": 0, "start": 1000, "end": 1080}]
    problem = problem_of(
        [
            mission("early-here", slots=EARLY),
            mission("late-near", place_id="p2", slots=gap_late),
            mission("late-there", place_id="p1", slots=gap_late),
        ]
    )

    positions, pairs = travel_conflicts(problem, 0, [0, 1, 2])

    assert positions == []
    assert pairs == [(0, 2)] == travel_pairs(problem, 0, [0, 1, 2])


def overlap(problem: Problem, first: int, second: int) -> bool:
    """True when the two missions cover a common instant on a shared date."""
    for a in problem.missions[first].slots:
        for b in problem.missions[second].slots:
            shared = set(problem.occ[first][a.day]) & set(problem.occ[second][b.day])
            if shared and a.start < b.end and b.start < a.end:
                return True
    return False


@st.composite
def needs_at_three_places(draw):
    """2–7 needs of 60–90 minutes at three places, on two days, often back to back."""
    missions = []
    for i in range(draw(st.integers(2, 7))):
        start = draw(st.sampled_from([540, 600, 610, 630, 660, 690, 720]))
        length = draw(st.sampled_from([60, 90]))
        missions.append(
            mission(
                f"m{i}",
                place_id=draw(st.sampled_from(["p0", "p1", "p2"])),
                slots=[{"day": draw(st.integers(0, 1)), "start": start, "end": start + length}],
            )
        )
    return instance(PLACES, [worker("w0")], missions)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(needs_at_three_places())
def test_positions_and_pairs_forbid_exactly_the_pairs_and_overlaps(data):
    problem = Problem(EngineInput.from_dict(data))
    missions = list(range(len(problem.missions)))

    positions, pairs = travel_conflicts(problem, 0, missions)

    forbidden = set(pairs)
    for position in positions:
        for i, (_, here) in enumerate(position):
            for _, there in position[i + 1 :]:
                forbidden |= {(min(a, b), max(a, b)) for a in here for b in there}
    reference = set(travel_pairs(problem, 0, missions))
    # Every pair the road forbids is forbidden, and the rest overlap (the clique rows').
    assert reference <= forbidden
    assert all(overlap(problem, a, b) for a, b in forbidden - reference)


AFTERNOON = [{"day": 0, "start": 780, "end": 1140}]
MORNING_TO_FIVE = [{"day": 0, "start": 540, "end": 1020}]


def afternoon_problem(volume_minutes: int, workshops: list[dict]) -> Problem:
    """A worker free on Monday 13:00–19:00, a volume at home due 9:00–17:00, workshops."""
    volume = mission(
        "volume",
        place_id=None,
        flexible={"minutes": volume_minutes, "min_block": 60, "windows": MORNING_TO_FIVE},
    )
    data = instance(PLACES, [worker("w0", availability=AFTERNOON)], [volume, *workshops])
    return Problem(EngineInput.from_dict(data))


def test_a_workshop_keeps_the_trip_to_it_from_the_volumes_free_hours():
    # 13:00–17:00 is 240 minutes of room; the 16:30 workshop 20 km away takes its own
    # 30 minutes of it and the 25 before it (20 km by car): 210 minutes of volume no longer fit.
    problem = afternoon_problem(210, [mission("late-there", place_id="p1", slots=LATE)])

    assert flexible_time_rows(problem, 0, [0, 1]) == [([(0, 210), (1, 55)], 240)]
    plan = Plan(problem)
    plan.add(1, 0, problem.missions[1].slots)
    assert plan.fit(0, 0) == (None, "no_free_window")


def test_a_volume_that_fits_beside_the_workshop_gets_no_row():
    problem = afternoon_problem(180, [mission("late-there", place_id="p1", slots=LATE)])

    assert flexible_time_rows(problem, 0, [0, 1]) == []
    plan = Plan(problem)
    plan.add(1, 0, problem.missions[1].slots)
    assert plan.fit(0, 0)[0] is not None


def test_back_to_back_workshops_at_one_school_count_the_trip_between_them_once():
    problem = afternoon_problem(
        210,
        [
            mission("early-there", place_id="p1", slots=EARLY),
            mission("late-there", place_id="p1", slots=LATE),
        ],
    )

    # 15:00–16:30: its 90 minutes and the 25 before; 16:30: its 30 minutes only (the trip
    # before it lies in the earlier workshop's block and trips).
    assert flexible_time_rows(problem, 0, [0, 1, 2]) == [([(0, 210), (1, 115), (2, 30)], 240)]


def test_workshops_too_far_apart_to_be_held_together_keep_their_trips():
    # 15:00 near home (2 minutes each way), 16:30 in the commune 19 km further: never both,
    # so each keeps its trips.
    problem = afternoon_problem(
        210,
        [
            mission("early-near", place_id="p2", slots=EARLY),
            mission("late-there", place_id="p1", slots=LATE),
        ],
    )

    assert flexible_time_rows(problem, 0, [0, 1, 2]) == [([(0, 210), (1, 94), (2, 55)], 240)]


@st.composite
def afternoons_with_volumes(draw):
    """A worker free on some afternoons, 1–2 volumes at home, 1–5 workshops at 3 places."""
    days = draw(st.lists(st.integers(0, 2), min_size=1, max_size=3, unique=True))
    availability = [
        {"day": d, "start": draw(st.sampled_from([720, 780, 840])), "end": 1140} for d in days
    ]
    windows = [{"day": d, "start": 540, "end": draw(st.sampled_from([960, 1020]))} for d in days]
    missions = [
        mission(
            f"v{i}",
            place_id=None,
            flexible={
                "minutes": draw(st.sampled_from([60, 90, 120, 150, 180, 240])),
                "min_block": 60,
                "windows": windows,
            },
        )
        for i in range(draw(st.integers(1, 2)))
    ]
    for i in range(draw(st.integers(1, 5))):
        start = draw(st.sampled_from([840, 900, 930, 990]))
        missions.append(
            mission(
                f"m{i}",
                place_id=draw(st.sampled_from(["p0", "p1", "p2"])),
                slots=[{"day": draw(st.sampled_from(days)), "start": start, "end": start + 90}],
            )
        )
    order = draw(st.permutations(range(len(missions))))
    return instance(PLACES, [worker("w0", availability=availability)], missions), order


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(afternoons_with_volumes())
def test_every_row_holds_for_the_missions_a_valid_week_holds(drawn):
    # The rows are a relaxation: whatever a valid week holds satisfies each of them.
    data, order = drawn
    problem = Problem(EngineInput.from_dict(data))
    plan = Plan(problem)
    for m in order:
        blocks, _ = plan.fit(m, 0)
        if blocks is not None:
            plan.add(m, 0, blocks)
    held = plan.missions_of[0]
    for terms, rhs in worker_rows(problem, 0, list(range(len(problem.missions)))):
        assert sum(c for m, c in terms if m in held) <= rhs, (terms, rhs, sorted(held))
