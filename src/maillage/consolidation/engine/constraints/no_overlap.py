"""Hard rule: a worker's blocks never overlap, and two blocks of a day leave the travel time.

Between two consecutive blocks of a day the gap is at least the travel minutes between their
places with the worker's travel mode (0 between two remote blocks, both done from home).
Unit: none. In CP-SAT: clique at-most-one constraints from a sweep per day (blocks that cover
a common instant) plus pairwise exclusions for pairs that only clash through travel time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import SubModel

Entry = tuple[int, int, int]
"""A scheduled block: (start, end, place)."""


def fits_day(entries: list[Entry], new: Entry, travel: Callable[[int, int], int]) -> bool:
    """True when ``new`` fits among the day's sorted ``entries`` with travel gaps."""
    start, end, place = new
    for other_start, other_end, other_place in entries:
        if other_end <= start:
            if other_end + travel(other_place, place) > start:
                return False
        elif other_start >= end:
            if end + travel(place, other_place) > other_start:
                return False
        else:
            return False
    return True


def post(sub: SubModel) -> None:
    """Add no-overlap and travel-gap exclusions for every worker and date of ``sub``.

    Blocks clash only on a date they share: the sweep runs per day number (once per
    weekday in the typical week), and identical cliques or pairs are posted once.
    """
    problem = sub.problem
    for w, choices in sub.by_worker.items():
        per_day: dict[int, list[tuple[int, int, int, int]]] = {}
        for index, choice in enumerate(choices):
            for block in choice.blocks:
                for n in problem.occ[choice.mission][block.day]:
                    per_day.setdefault(n, []).append(
                        (block.start, block.end, choice.location, index)
                    )
        cliques: set[frozenset[int]] = set()
        pairs: set[tuple[int, int]] = set()
        for entries in per_day.values():
            entries.sort()
            for start, _, _, _ in entries:
                active = frozenset(i for s, e, _, i in entries if s <= start < e)
                if len(active) > 1:
                    cliques.add(active)
            for a, (_, end_a, place_a, i) in enumerate(entries):
                for start_b, _, place_b, j in entries[a + 1 :]:
                    if start_b >= end_a + sub.max_travel[w]:
                        break
                    if i == j or start_b < end_a:
                        continue
                    if choices[i].mission == choices[j].mission:
                        continue
                    if end_a + problem.travel(w, place_a, place_b) > start_b:
                        pairs.add((i, j))
        for clique in cliques:
            if not any(clique < other for other in cliques):
                sub.model.add_at_most_one(choices[i].var for i in clique)
        for i, j in pairs:
            sub.model.add_bool_or([choices[i].var.Not(), choices[j].var.Not()])
