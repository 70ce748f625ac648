"""Placements of a flexible mission: its weekly minutes cut into blocks on the step grid.

A placement puts at most one block of a given flexible mission on each day (documented
choice: it keeps the candidate lists short and matches how such volumes are worked).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from .schema import DAYS_PER_WEEK, Block, Flexible

if TYPE_CHECKING:
    from .variables import Problem

Spans = list[list[tuple[int, int]]]


def free_spans(problem: Problem, m: int, w: int, busy: Iterable[tuple[Block, int]]) -> Spans:
    """Per day, grid-aligned spans where worker ``w`` could do flexible mission ``m``.

    The spans are the worker's availability intersected with the mission's windows, minus
    the ``busy`` blocks (each with its place) widened by the travel to and from them.
    """
    mission = problem.missions[m]
    assert mission.flexible is not None
    step = problem.rules.step_minutes
    location = problem.location(m, w)
    widened: list[list[tuple[int, int]]] = [[] for _ in range(DAYS_PER_WEEK)]
    for block, place in busy:
        before = problem.travel(w, location, place)
        after = problem.travel(w, place, location)
        widened[block.day].append((block.start - before, block.end + after))
    spans: Spans = [[] for _ in range(DAYS_PER_WEEK)]
    for window in mission.flexible.windows:
        for start, end in problem.availability[w][window.day]:
            lo, hi = max(start, window.start), min(end, window.end)
            pieces = [(lo, hi)]
            for busy_lo, busy_hi in widened[window.day]:
                pieces = [
                    part for a, b in pieces for part in ((a, min(b, busy_lo)), (max(a, busy_hi), b))
                ]
            for a, b in pieces:
                a, b = -(-a // step) * step, b // step * step
                if b - a >= mission.flexible.min_block:
                    spans[window.day].append((a, b))
    return spans


def _fill(
    order: list[int], spans: Spans, flex: Flexible, at_end: bool, block_cap: int | None
) -> tuple[Block, ...] | None:
    """Cut ``flex.minutes`` into one block per day along ``order``; None if it cannot."""
    remaining, blocks = flex.minutes, []
    for day in order:
        if remaining == 0:
            break
        if not spans[day]:
            continue
        lo, hi = max(spans[day], key=lambda span: span[1] - span[0])
        size = min(remaining, hi - lo, block_cap or remaining)
        if 0 < remaining - size < flex.min_block:
            size = remaining - flex.min_block
        if size < flex.min_block:
            continue
        start = hi - size if at_end else lo
        blocks.append(Block(day, start, start + size))
        remaining -= size
    return tuple(sorted(blocks)) if remaining == 0 else None


def iter_placements(spans: Spans, flex: Flexible, step: int) -> Iterator[tuple[Block, ...]]:
    """Distinct placements of ``flex`` inside ``spans``, best-shaped first, one at a time.

    Lazy because the marketplace baseline and the construction take the first placement
    that fits: on a département most of the list was built for nothing (measured on L: the
    placements were half the baseline's time).
    """
    days = [d for d in range(DAYS_PER_WEEK) if spans[d]]
    by_length = sorted(days, key=lambda d: -max(b - a for a, b in spans[d]))
    orders = [by_length] + [days[i:] + days[:i] for i in range(len(days))]
    caps: list[int | None] = [None]
    for parts in range(2, DAYS_PER_WEEK + 1):
        size = flex.minutes // parts
        if size < flex.min_block:
            break
        caps.append(-(-size // step) * step)
    found: set[tuple[Block, ...]] = set()
    for cap in caps:
        for order in orders:
            for at_end in (False, True):
                placement = _fill(order, spans, flex, at_end, cap)
                if placement is not None and placement not in found:
                    found.add(placement)
                    yield placement


def candidate_placements(
    spans: Spans, flex: Flexible, step: int, limit: int
) -> list[tuple[Block, ...]]:
    """Up to ``limit`` distinct placements of ``flex`` inside ``spans``, best-shaped first."""
    return list(islice(iter_placements(spans, flex, step), limit))
