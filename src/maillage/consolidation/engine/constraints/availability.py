"""Hard rule: every block lies inside one of the worker's availability windows.

Overlapping or touching availability windows of a day are merged first (documented in
``docs/engine-format.md``). For a flexible mission each block must also lie inside one of the
mission's windows, on the step grid, and be at least ``min_block`` long.
Unit: none (an eligibility filter; flexible placements are generated inside the windows).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..schema import DAYS_PER_WEEK, Block

if TYPE_CHECKING:
    from ..variables import Problem


def merge_windows(blocks: tuple[Block, ...]) -> list[list[tuple[int, int]]]:
    """Per day, the sorted union of the windows, touching windows joined."""
    by_day: list[list[tuple[int, int]]] = [[] for _ in range(DAYS_PER_WEEK)]
    for block in sorted(blocks):
        spans = by_day[block.day]
        if spans and block.start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], block.end))
        else:
            spans.append((block.start, block.end))
    return by_day


def inside(block: Block, spans_by_day: list[list[tuple[int, int]]]) -> bool:
    """True when ``block`` fits inside one span of its day."""
    return any(s <= block.start and block.end <= e for s, e in spans_by_day[block.day])


def availability_mask(problem: Problem) -> np.ndarray:
    """Boolean matrix missions × workers: True where the worker's availability allows it."""
    n_workers = len(problem.workers)
    rows = [
        (w, d, s, e)
        for w, days in enumerate(problem.availability)
        for d, spans in enumerate(days)
        for s, e in spans
    ]
    table = np.array(rows, dtype=np.int32).reshape(-1, 4)
    owner, day, start, end = table[:, 0], table[:, 1], table[:, 2], table[:, 3]
    step = problem.rules.step_minutes
    slot_cache: dict[Block, np.ndarray] = {}

    def slot_fits(slot: Block) -> np.ndarray:
        if slot not in slot_cache:
            ok = (day == slot.day) & (start <= slot.start) & (end >= slot.end)
            fits = np.zeros(n_workers, dtype=bool)
            fits[owner[ok]] = True
            slot_cache[slot] = fits
        return slot_cache[slot]

    mask = np.ones((len(problem.missions), n_workers), dtype=bool)
    for m, mission in enumerate(problem.missions):
        if mission.flexible is None:
            for slot in mission.slots:
                mask[m] &= slot_fits(slot)
            continue
        flex = mission.flexible
        best_per_day = np.zeros((DAYS_PER_WEEK, n_workers), dtype=np.int32)
        for window in flex.windows:
            same_day = day == window.day
            lo = np.maximum(start[same_day], window.start)
            lo = -(-lo // step) * step
            hi = np.minimum(end[same_day], window.end) // step * step
            length = np.minimum(hi - lo, problem.rules.max_day_minutes)
            np.maximum.at(best_per_day[window.day], owner[same_day], length)
        usable = np.where(best_per_day >= flex.min_block, best_per_day, 0)
        mask[m] = usable.sum(axis=0) >= flex.minutes
    return mask
