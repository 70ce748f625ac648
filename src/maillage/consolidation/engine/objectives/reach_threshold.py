"""Soft objectives for consolidation, levels 2 and 3 (maximised).

Level 2, unit workers: workers who wish at least the threshold (``wished_minutes >=
threshold_minutes``) and work at least the threshold minutes in the week.
Level 3, unit minutes: for those workers, worked minutes counted up to the threshold (a
gradient toward the step of level 2), minus, for every worker, the minutes worked above
``wished_minutes`` (allowed up to ``max_minutes`` but they cost).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..constraints.work_limits import week_cap

if TYPE_CHECKING:
    from ..model import SubModel
    from ..schema import Rules, Worker


def wishes_threshold(rules: Rules, worker: Worker) -> bool:
    """True when the worker wishes at least the threshold."""
    return worker.wished_minutes >= rules.threshold_minutes


def fill_and_overtime(rules: Rules, worker: Worker, worked: int) -> int:
    """Level-3 contribution of one worker who works ``worked`` minutes."""
    fill = min(worked, rules.threshold_minutes) if wishes_threshold(rules, worker) else 0
    return fill - max(0, worked - worker.wished_minutes)


def post(sub: SubModel):
    """Levels 2 and 3 of ``sub`` as linear expressions, with their auxiliary variables."""
    rules = sub.problem.rules
    threshold = rules.threshold_minutes
    reached_terms, fill_terms = [], []
    for w in sub.by_worker:
        worker = sub.problem.workers[w]
        cap = week_cap(rules, worker)
        worked = sub.worked[w]
        if wishes_threshold(rules, worker) and cap >= threshold:
            reached = sub.model.NewBoolVar(f"reached_{w}")
            sub.model.Add(worked >= threshold).OnlyEnforceIf(reached)
            fill = sub.model.NewIntVar(0, threshold, f"fill_{w}")
            sub.model.Add(fill <= worked)
            reached_terms.append(reached)
            fill_terms.append(fill)
            sub.aux[f"reached_{w}"] = reached
            sub.aux[f"fill_{w}"] = fill
        elif wishes_threshold(rules, worker):
            fill = sub.model.NewIntVar(0, threshold, f"fill_{w}")
            sub.model.Add(fill <= worked)
            fill_terms.append(fill)
            sub.aux[f"fill_{w}"] = fill
        if cap > worker.wished_minutes:
            overtime = sub.model.NewIntVar(0, cap - worker.wished_minutes, f"overtime_{w}")
            sub.model.Add(overtime >= worked - worker.wished_minutes)
            fill_terms.append(-overtime)
            sub.aux[f"overtime_{w}"] = overtime
    return sum(reached_terms), sum(fill_terms)
