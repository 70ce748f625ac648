"""Hard rules: worked minutes per day ≤ ``max_day_minutes``; per week ≤ ``max_week_minutes``
and ≤ the worker's own ``max_minutes``.

Only worked minutes count toward these limits; travel time does not (documented choice).
With dates, the daily limit holds on every date and the weekly one in every calendar week.
Unit: minutes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import SubModel
    from ..schema import Rules, Worker


def week_cap(rules: Rules, worker: Worker) -> int:
    """The most minutes ``worker`` may work in a week."""
    return min(rules.max_week_minutes, worker.max_minutes)


def fits(
    rules: Rules,
    worker: Worker,
    worked_day: list[int],
    week_minutes: list[int],
    added_per_day: dict[int, int],
    added_per_week: dict[int, int],
) -> str | None:
    """None if adding minutes per day number and per week keeps the limits, else the code."""
    for day, minutes in added_per_day.items():
        if worked_day[day] + minutes > rules.max_day_minutes:
            return "max_day_minutes"
    cap = week_cap(rules, worker)
    for week, minutes in added_per_week.items():
        if week_minutes[week] + minutes > cap:
            return "max_week_minutes"
    return None


def post(sub: SubModel) -> None:
    """Add the daily cap on every date and the weekly cap in every week, per worker."""
    problem = sub.problem
    rules = problem.rules
    for w, choices in sub.by_worker.items():
        per_day: dict[int, list[tuple[int, int]]] = {}
        per_week: dict[int, list[tuple[int, int]]] = {}
        for index, choice in enumerate(choices):
            for block in choice.blocks:
                for n in problem.occ[choice.mission][block.day]:
                    per_day.setdefault(n, []).append((index, block.minutes))
            for k, minutes in problem.mission_weeks[choice.mission].items():
                per_week.setdefault(k, []).append((index, minutes))
        cap = week_cap(rules, problem.workers[w])
        for limit, groups in ((rules.max_day_minutes, per_day), (cap, per_week)):
            seen: set[tuple[tuple[int, int], ...]] = set()
            for terms in groups.values():
                key = tuple(sorted(terms))
                if key in seen or sum(minutes for _, minutes in key) <= limit:
                    continue
                seen.add(key)
                sub.model.add(sum(minutes * choices[i].var for i, minutes in key) <= limit)
