"""Hard rules: worked minutes per day ≤ ``max_day_minutes``; per week ≤ ``max_week_minutes``
and ≤ the worker's own ``max_minutes``.

Only worked minutes count toward these limits; travel time does not (documented choice).
Unit: minutes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from ..model import SubModel
    from ..schema import Rules, Worker


def week_cap(rules: Rules, worker: Worker) -> int:
    """The most minutes ``worker`` may work in a week."""
    return min(rules.max_week_minutes, worker.max_minutes)


def fits(
    rules: Rules,
    worker: Worker,
    worked_day: list[int],
    worked_week: int,
    added_per_day: dict[int, int],
) -> str | None:
    """None if adding ``added_per_day`` keeps the limits, else the broken rule's code."""
    for day, minutes in added_per_day.items():
        if worked_day[day] + minutes > rules.max_day_minutes:
            return "max_day_minutes"
    if worked_week + sum(added_per_day.values()) > week_cap(rules, worker):
        return "max_week_minutes"
    return None


def post(sub: SubModel) -> None:
    """Add the daily and weekly caps for every worker of ``sub``."""
    rules = sub.problem.rules
    for w, choices in sub.by_worker.items():
        per_day: dict[int, list[cp_model.LinearExprT]] = {}
        for choice in choices:
            for block in choice.blocks:
                per_day.setdefault(block.day, []).append(block.minutes * choice.var)
        for terms in per_day.values():
            sub.model.add(sum(terms) <= rules.max_day_minutes)
        sub.model.add(sub.worked[w] <= week_cap(rules, sub.problem.workers[w]))
