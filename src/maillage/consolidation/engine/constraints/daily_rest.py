"""Hard rule: at least ``min_daily_rest_minutes`` between the end of a day's last block and
the start of the next day's first block, Sunday → Monday included (the plan repeats weekly).

Unit: minutes. A day without any block imposes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..schema import DAYS_PER_WEEK, MINUTES_PER_DAY, Block

if TYPE_CHECKING:
    from ..model import SubModel


def rest_between(end_of_day: int, start_next_day: int) -> int:
    """Minutes of rest between a block ending at ``end_of_day`` and one starting next day."""
    return MINUTES_PER_DAY - end_of_day + start_next_day


def fits(
    first_start: list[int | None],
    last_end: list[int | None],
    new_blocks: tuple[Block, ...],
    min_rest: int,
) -> bool:
    """True when a worker's day bounds stay rested after adding ``new_blocks``."""
    first, last = list(first_start), list(last_end)
    for block in new_blocks:
        day_first, day_last = first[block.day], last[block.day]
        first[block.day] = block.start if day_first is None else min(day_first, block.start)
        last[block.day] = block.end if day_last is None else max(day_last, block.end)
    for day in range(DAYS_PER_WEEK):
        following = (day + 1) % DAYS_PER_WEEK
        end, start = last[day], first[following]
        if end is not None and start is not None and rest_between(end, start) < min_rest:
            return False
    return True


def post(sub: SubModel) -> None:
    """Exclude pairs of choices whose blocks on consecutive days leave too little rest."""
    min_rest = sub.problem.rules.min_daily_rest_minutes
    for choices in sub.by_worker.values():
        late: dict[int, list[tuple[int, int]]] = {}
        early: dict[int, list[tuple[int, int]]] = {}
        for index, choice in enumerate(choices):
            for block in choice.blocks:
                late.setdefault(block.day, []).append((block.end, index))
                early.setdefault(block.day, []).append((block.start, index))
        for day, ends in late.items():
            starts = early.get((day + 1) % DAYS_PER_WEEK, [])
            for end, i in ends:
                for start, j in starts:
                    if rest_between(end, start) >= min_rest:
                        continue
                    if i == j:
                        sub.model.add(choices[i].var == 0)
                    elif choices[i].mission != choices[j].mission:
                        sub.model.add_bool_or([choices[i].var.Not(), choices[j].var.Not()])
