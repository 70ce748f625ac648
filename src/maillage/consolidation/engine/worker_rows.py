"""Linear rows over one worker's missions that every plan of the engine satisfies.

Relaxations (the bounds of :mod:`.threshold_bound` and :mod:`.column_bound`, the whole
model's relaxation in :mod:`.solver`) drop where blocks go and keep these rows, so each of
them must hold for the set of missions any worker holds in any valid plan.
"""

from __future__ import annotations

import numpy as np

from .bound import flexible_room, room_minutes
from .constraints.work_limits import week_cap
from .schema import DAYS_PER_WEEK, Block
from .variables import Problem

Row = tuple[list[tuple[int, int]], int]
"""A linear row over one worker's missions: [(mission, coefficient)], right-hand side."""


def worker_rows(problem: Problem, w: int, missions: list[int]) -> list[Row]:
    """Clique rows (blocks covering a common instant on a shared date), cap rows and the
    rows that fit flexible volumes in the worker's free hours."""
    rules = problem.rules
    per_day: dict[int, list[tuple[int, int, int]]] = {}
    per_week: dict[int, list[tuple[int, int]]] = {}
    for m in missions:
        mission = problem.missions[m]
        for slot in mission.slots:
            for n in problem.occ[m][slot.day]:
                per_day.setdefault(n, []).append((slot.start, slot.end, m))
        for k, minutes in problem.mission_weeks[m].items():
            per_week.setdefault(k, []).append((m, minutes))
    rows: set[tuple[tuple[tuple[int, int], ...], int]] = set()
    for entries in per_day.values():
        for start in {s for s, _, _ in entries}:
            active = tuple(sorted({m for s, e, m in entries if s <= start < e}))
            if len(active) > 1:
                rows.add((tuple((m, 1) for m in active), 1))
        day: dict[int, int] = {}
        for s, e, m in entries:
            day[m] = day.get(m, 0) + e - s
        if sum(day.values()) > rules.max_day_minutes:
            rows.add((tuple(sorted(day.items())), rules.max_day_minutes))
    cap = week_cap(rules, problem.workers[w])
    for terms in per_week.values():
        if sum(minutes for _, minutes in terms) > cap:
            rows.add((tuple(sorted(terms)), cap))
    rows.update((tuple(terms), rhs) for terms, rhs in flexible_time_rows(problem, w, missions))
    return [(list(terms), rhs) for terms, rhs in sorted(rows)]


def flexible_time_rows(problem: Problem, w: int, missions: list[int]) -> list[Row]:
    """Per week, the time worker ``w``'s flexible volumes can take: a relaxation that leaves
    them unplaced must still fit them in the worker's free hours.

    A flexible volume goes inside its windows and the worker's availability, so inside
    ``room``, the union of these over the worker's eligible volumes, per weekday. On each
    date the blocks a worker holds do not overlap and add up to at most the daily limit:
    in any week, the volumes due plus the part of fixed blocks lying in ``room`` are at most
    the sum over weekdays of ``min(room, daily limit)``. Without it, a worker available
    13:00–19:00 counted 21 h of volumes that must be placed 9:00–17:00, that is in 20 h
    (the S benchmark, seed 2: the relaxation had 4 people at 24 h, the plans at most 3).
    A fixed slot also takes from the room the trips that keep volumes away from it
    (:func:`_trips_in_room`).
    """
    flexible = [m for m in missions if problem.missions[m].flexible is not None]
    if not flexible:
        return []
    room = flexible_room(problem, w, flexible)
    rhs = room_minutes(problem, room)
    per_week: dict[int, dict[int, int]] = {}
    for m in flexible:
        for k, minutes in problem.mission_weeks[m].items():
            per_week.setdefault(k, {})[m] = minutes
    fixed = [m for m in missions if problem.missions[m].flexible is None]
    trips = _trips_in_room(problem, w, fixed, room, {problem.location(v, w) for v in flexible})
    for m in fixed:
        for slot in problem.missions[m].slots:
            inside = sum(
                max(0, min(end, slot.end) - max(start, slot.start)) for start, end in room[slot.day]
            )
            inside += trips.get((m, slot), 0)
            for n in problem.occ[m][slot.day] if inside else ():
                terms = per_week.get(n // DAYS_PER_WEEK)
                if terms is not None:
                    terms[m] = terms.get(m, 0) + inside
    return [
        (sorted(terms.items()), rhs) for terms in per_week.values() if sum(terms.values()) > rhs
    ]


TightSlot = tuple[int, Block, int, int, int]
"""A fixed slot on a weekday whose room is tight: (mission, slot, place, minutes of the
shortest trip to it from a volume's place, minutes of the shortest trip back)."""


def tight_slots_by_day(
    problem: Problem,
    w: int,
    fixed: list[int],
    room: list[list[tuple[int, int]]],
    volume_places: set[int],
) -> dict[int, list[TightSlot]]:
    """Weekday → the slots of ``fixed`` on it, for the weekdays whose ``room`` is at most the
    daily limit (where :func:`_trips_in_room` counts trips)."""
    limit = problem.rules.max_day_minutes
    tight = [bool(spans) and sum(e - s for s, e in spans) <= limit for spans in room]
    per_day: dict[int, list[TightSlot]] = {}
    for m in fixed:
        place = problem.location(m, w)
        before = min(problem.travel(w, q, place) for q in volume_places)
        after = min(problem.travel(w, place, q) for q in volume_places)
        for slot in problem.missions[m].slots:
            if tight[slot.day]:
                per_day.setdefault(slot.day, []).append((m, slot, place, before, after))
    return per_day


def _trips_in_room(
    problem: Problem,
    w: int,
    fixed: list[int],
    room: list[list[tuple[int, int]]],
    volume_places: set[int],
) -> dict[tuple[int, Block], int]:
    """Minutes of ``room`` a fixed slot keeps from every volume on its dates, beyond its
    own block (decision 0050, twenty-second-session amendment).

    No volume block ends within the trip before the slot nor starts within the trip after
    it (the travel gaps of :func:`.constraints.no_overlap.fits_day`; the shortest trip from
    any place the worker does volumes). Those minutes count only on a weekday whose room is
    at most the daily limit (travel is not worked time: where the limit binds, the trip
    takes nothing from it), and less the parts that another slot the worker could hold on
    the same date counts too (its block and its own trips), so that no minute is counted
    twice whatever the worker holds. Two slots that can never both be held (overlapping,
    or too close for the road between them) keep their trips whole.
    """
    trips: dict[tuple[int, Block], int] = {}
    for day, slots in tight_slots_by_day(problem, w, fixed, room, volume_places).items():
        spans = room[day]
        # One array per field: a département's worker has up to 1,300 fixed missions and
        # hundreds of slots a day, each compared with all the others (the rows of the first
        # 100 workers who can reach 24 h on L seed 1, under cProfile: 22.6 s pair by pair,
        # 5.4 s so).
        held = np.array([m for m, _, _, _, _ in slots])
        starts = np.array([slot.start for _, slot, _, _, _ in slots])
        ends = np.array([slot.end for _, slot, _, _, _ in slots])
        places = np.array([place for _, _, place, _, _ in slots])
        los = starts - np.array([before for _, _, _, before, _ in slots])
        his = ends + np.array([after for _, _, _, _, after in slots])
        for m, slot, place, before, after in slots:
            windows = [(slot.start - before, slot.start), (slot.end, slot.end + after)]
            lost = [(lo, hi) for lo, hi in windows if _overlap(spans, lo, hi)]
            if not lost:
                continue
            reach_lo, reach_hi = slot.start - before, slot.end + after
            itself = (held == m) & (starts == slot.start) & (ends == slot.end)
            near = (los < reach_hi) & (his > reach_lo) & ~itself
            # A slot counts its trips against this one only if the worker could hold both:
            # it ends before this one starts (or starts after it ends) with time for the road.
            chained = np.zeros(len(slots), dtype=bool)
            earlier = np.flatnonzero(near & (ends <= slot.start))
            if earlier.size:
                road = problem.travels(w, places[earlier], place)
                chained[earlier] = slot.start - ends[earlier] >= road
            later = np.flatnonzero(near & (starts >= slot.end))
            if later.size:
                road = problem.travels(w, place, places[later])
                chained[later] = starts[later] - slot.end >= road
            taken = list(zip(los[chained].tolist(), his[chained].tolist(), strict=True))
            minutes = sum(_overlap(_less(spans, taken), lo, hi) for lo, hi in lost)
            if minutes:
                trips[(m, slot)] = minutes
    return trips


def _overlap(spans: list[tuple[int, int]], start: int, end: int) -> int:
    """Minutes of ``spans`` between ``start`` and ``end``."""
    return sum(max(0, min(e, end) - max(s, start)) for s, e in spans)


def _less(spans: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` without the intervals of ``taken``."""
    left = list(spans)
    for cut_lo, cut_hi in taken:
        pieces = []
        for s, e in left:
            if cut_hi <= s or cut_lo >= e:
                pieces.append((s, e))
                continue
            if s < cut_lo:
                pieces.append((s, cut_lo))
            if cut_hi < e:
                pieces.append((cut_hi, e))
        left = pieces
    return left


def travel_pairs(problem: Problem, w: int, missions: list[int]) -> list[tuple[int, int]]:
    """Pairs of fixed missions worker ``w`` cannot both hold: on a shared date, the gap
    between one's end and the other's start is shorter than the travel between them.

    Overlapping blocks are left to the clique rows of :func:`worker_rows`.
    """
    per_day, longest = fixed_blocks_by_date(problem, w, missions)
    pairs: set[tuple[int, int]] = set()
    for entries in per_day.values():
        entries.sort()
        for a, (_, end_a, place_a, first) in enumerate(entries):
            for start_b, _, place_b, second in entries[a + 1 :]:
                if start_b >= end_a + longest:
                    break
                if first == second or start_b < end_a:
                    continue
                if end_a + problem.travel(w, place_a, place_b) > start_b:
                    pairs.add((min(first, second), max(first, second)))
    return sorted(pairs)


Position = list[tuple[int, list[int]]]
"""Where a worker can be at one moment of one date: [(place, missions there)]; at most one
place's missions may be held (:func:`travel_conflicts`)."""


def travel_conflicts(
    problem: Problem, w: int, missions: list[int]
) -> tuple[list[Position], list[tuple[int, int]]]:
    """The pairs of :func:`travel_pairs`, mostly as positions rather than pairs.

    On one date, the missions ending at ``e`` and those starting at ``s`` (``s >= e``) are
    grouped by place; when the road between any two of these places takes longer than
    ``s - e`` (the after-school workshops of 15:00–16:30 and 16:30–18:00 in different
    communes), the worker is at one place at that moment: one position, with as many terms
    as missions, instead of a pair for each two missions. Missions ending (or starting) at
    the same instant overlap, so the position forbids nothing the clique rows of
    :func:`worker_rows` allow. The other conflicting pairs stay pairs. On the M instance the
    re-deal's group has 407,450 pairs; as positions, 192 positions of 14,080 terms and
    35,127 pairs.
    """
    per_day, longest = fixed_blocks_by_date(problem, w, missions)
    positions: set[tuple[tuple[int, tuple[int, ...]], ...]] = set()
    pairs: set[tuple[int, int]] = set()
    seen: set[tuple[int, int, frozenset[tuple[int, int]], frozenset[tuple[int, int]]]] = set()
    for entries in per_day.values():
        ending: dict[int, set[tuple[int, int]]] = {}
        starting: dict[int, set[tuple[int, int]]] = {}
        for start, end, place, m in entries:
            ending.setdefault(end, set()).add((place, m))
            starting.setdefault(start, set()).add((place, m))
        for end, before in ending.items():
            for start, after in starting.items():
                if not end <= start < end + longest:
                    continue
                key = (end, start, frozenset(before), frozenset(after))
                if key in seen:
                    continue
                seen.add(key)
                gap = start - end
                here = {place for place, _ in before | after}
                if len(here) > 1 and all(
                    problem.travel(w, a, b) > gap for a in here for b in here if a != b
                ):
                    by_place: dict[int, set[int]] = {}
                    for place, m in before | after:
                        by_place.setdefault(place, set()).add(m)
                    positions.add(
                        tuple(sorted((p, tuple(sorted(ms))) for p, ms in by_place.items()))
                    )
                    continue
                for place_a, first in before:
                    for place_b, second in after:
                        if first != second and end + problem.travel(w, place_a, place_b) > start:
                            pairs.add((min(first, second), max(first, second)))
    return [[(p, list(ms)) for p, ms in position] for position in sorted(positions)], sorted(pairs)


def fixed_blocks_by_date(
    problem: Problem, w: int, missions: list[int]
) -> tuple[dict[int, list[tuple[int, int, int, int]]], int]:
    """Date → (start, end, place, mission) of the fixed missions among ``missions``, where
    worker ``w`` does them, and the longest drive between two of these places."""
    per_day: dict[int, list[tuple[int, int, int, int]]] = {}
    for m in missions:
        mission = problem.missions[m]
        if mission.flexible is not None:
            continue
        place = problem.location(m, w)
        for slot in mission.slots:
            for n in problem.occ[m][slot.day]:
                per_day.setdefault(n, []).append((slot.start, slot.end, place, m))
    places = {place for entries in per_day.values() for _, _, place, _ in entries}
    longest = max((problem.travel(w, a, b) for a in places for b in places), default=0)
    return per_day, longest
