"""Hard rule: at least ``min_daily_rest_minutes`` between the end of a day's last block and
the start of the next day's first block, Sunday → Monday included (the plan repeats weekly).

Unit: minutes. A day without any block imposes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..schema import MINUTES_PER_DAY

if TYPE_CHECKING:
    from ..model import SubModel


def rest_between(end_of_day: int, start_next_day: int) -> int:
    """Minutes of rest between a block ending at ``end_of_day`` and one starting next day."""
    return MINUTES_PER_DAY - end_of_day + start_next_day


def fits(
    first_start: list[int | None],
    last_end: list[int | None],
    new_blocks: list[tuple[int, int, int]],
    min_rest: int,
    next_day: Callable[[int], int | None],
) -> bool:
    """True when a worker's day bounds stay rested after adding ``(day number, start, end)``.

    ``first_start``/``last_end`` are indexed by day number; ``next_day`` gives the following
    day number (wrapping Sunday → Monday in the typical week), None past the period.
    """
    first, last = list(first_start), list(last_end)
    touched: set[int] = set()
    for n, start, end in new_blocks:
        day_first, day_last = first[n], last[n]
        first[n] = start if day_first is None else min(day_first, start)
        last[n] = end if day_last is None else max(day_last, end)
        touched.add(n)
    days = len(first)
    for n in touched | {(n - 1) % days for n in touched}:
        following = next_day(n)
        if following is None:
            continue
        end_n, start_n = last[n], first[following]
        if end_n is not None and start_n is not None and rest_between(end_n, start_n) < min_rest:
            return False
    return True


def post(sub: SubModel) -> None:
    """Exclude pairs of choices whose blocks on consecutive dates leave too little rest."""
    problem = sub.problem
    min_rest = problem.rules.min_daily_rest_minutes
    calendar = problem.calendar
    for choices in sub.by_worker.values():
        late: dict[int, list[tuple[int, int]]] = {}
        early: dict[int, list[tuple[int, int]]] = {}
        for index, choice in enumerate(choices):
            for block in choice.blocks:
                for n in problem.occ[choice.mission][block.day]:
                    late.setdefault(n, []).append((block.end, index))
                    early.setdefault(n, []).append((block.start, index))
        done: set[tuple[int, int]] = set()
        for n, ends in late.items():
            following = calendar.next_day(n)
            if following is None:
                continue
            starts = early.get(following, [])
            for end, i in ends:
                for start, j in starts:
                    if rest_between(end, start) >= min_rest or (i, j) in done:
                        continue
                    done.add((i, j))
                    if i == j:
                        sub.model.add(choices[i].var == 0)
                    elif choices[i].mission != choices[j].mission:
                        sub.model.add_bool_or([choices[i].var.Not(), choices[j].var.Not()])
