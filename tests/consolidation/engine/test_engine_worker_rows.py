"""Travel between needs as positions rather than pairs (:func:`worker_rows.travel_conflicts`);
the trips a workshop keeps from the volumes' free hours (:func:`worker_rows.flexible_time_rows`)."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.consolidation.engine import EngineInput
from maillage.consolidation.engine.bound import flexible_room
from maillage.consolidation.engine.geometry import travel_minutes, travel_minutes_array
from maillage.consolidation.engine.schedule import Plan
from maillage.consolidation.engine.variables import Problem
from maillage.consolidation.engine.worker_rows import (
    _less,
    _overlap,
    _trips_in_room,
    flexible_time_rows,
    tight_slots_by_day,
    travel_conflicts,
    travel_pairs,
    worker_rows,
)

from .conftest import generated, instance, mission, place, worker

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


@given(
    st.lists(
        st.one_of(
            st.floats(min_value=-1.0, max_value=200.0, allow_nan=False),
            # Distances whose minutes land on a whole number, where the tolerance decides.
            st.integers(0, 240).map(lambda minutes: minutes * 50 / 60),
        ),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from([4.5, 15.0, 20.0, 50.0]),
)
def test_travel_minutes_of_an_array_are_those_of_each_distance(road_km, speed_kmh):
    minutes = travel_minutes_array(np.array(road_km), speed_kmh)

    assert minutes.tolist() == [travel_minutes(km, speed_kmh) for km in road_km]


def _trips_one_pair_at_a_time(problem, w, fixed, room, volume_places):
    """The trips of :func:`worker_rows._trips_in_room` as first written: every pair of a
    date's slots (:func:`worker_rows.tight_slots_by_day`) compared in a plain loop, the
    reference the array version must match."""
    per_day = tight_slots_by_day(problem, w, fixed, room, volume_places)
    trips = {}
    for day, slots in per_day.items():
        spans = room[day]
        for m, slot, place_m, before, after in slots:
            lost = [
                (lo, hi)
                for lo, hi in [(slot.start - before, slot.start), (slot.end, slot.end + after)]
                if _overlap(spans, lo, hi)
            ]
            if not lost:
                continue
            taken = []
            for other, other_slot, other_place, other_before, other_after in slots:
                lo, hi = other_slot.start - other_before, other_slot.end + other_after
                if (other, other_slot) == (m, slot) or not (
                    lo < slot.end + after and hi > slot.start - before
                ):
                    continue
                if other_slot.end <= slot.start:
                    chained = slot.start - other_slot.end >= problem.travel(w, other_place, place_m)
                elif other_slot.start >= slot.end:
                    chained = other_slot.start - slot.end >= problem.travel(w, place_m, other_place)
                else:
                    chained = False
                if chained:
                    taken.append((lo, hi))
            minutes = sum(_overlap(_less(spans, taken), lo, hi) for lo, hi in lost)
            if minutes:
                trips[(m, slot)] = minutes
    return trips


def test_the_trips_of_a_generated_territory_match_the_pair_by_pair_reference():
    problem = Problem(generated("M", 3))
    checked = 0
    for w in range(0, len(problem.workers), 7):
        missions = problem.eligible_missions[w]
        flexible = [m for m in missions if problem.missions[m].flexible is not None]
        fixed = [m for m in missions if problem.missions[m].flexible is None]
        if not flexible or len(fixed) < 20:
            continue
        room = flexible_room(problem, w, flexible)
        places = {problem.location(v, w) for v in flexible}
        expected = _trips_one_pair_at_a_time(problem, w, fixed, room, places)

        assert _trips_in_room(problem, w, fixed, room, places) == expected
        checked += bool(expected)
    # Enough workers with trips to compare for the check to mean something.
    assert checked >= 5
