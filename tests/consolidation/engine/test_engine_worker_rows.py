"""Travel between needs as positions rather than pairs (:func:`worker_rows.travel_conflicts`)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.consolidation.engine import EngineInput
from maillage.consolidation.engine.variables import Problem
from maillage.consolidation.engine.worker_rows import travel_conflicts, travel_pairs

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
