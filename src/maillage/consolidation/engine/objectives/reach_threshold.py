"""Soft objectives for consolidation (maximised with their signs).

Level 2, unit workers (+): workers who wish at least the threshold (``wished_minutes >=
threshold_minutes``) and work at least the threshold minutes in the week.
Level 3, unit minutes (−): minutes worked above ``wished_minutes`` (allowed up to
``max_minutes``, but they cost), summed over all workers.
Level 6, unit minutes (+): for workers who wish the threshold, worked minutes counted up to
the threshold (a gradient toward the step of level 2, used only as the last tie-breaker).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..constraints.work_limits import week_cap

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from ..model import SubModel
    from ..schema import Rules, Worker


def wishes_threshold(rules: Rules, worker: Worker) -> bool:
    """True when the worker wishes at least the threshold."""
    return worker.wished_minutes >= rules.threshold_minutes


def fill(rules: Rules, worker: Worker, worked: int) -> int:
    """Level-6 contribution of one worker who works ``worked`` minutes."""
    return min(worked, rules.threshold_minutes) if wishes_threshold(rules, worker) else 0


def overtime(worker: Worker, worked: int) -> int:
    """Level-3 contribution (minutes above the wish) of one worker."""
    return max(0, worked - worker.wished_minutes)


def post(
    sub: SubModel,
) -> tuple[cp_model.LinearExprT, cp_model.LinearExprT, cp_model.LinearExprT]:
    """Levels 2, 3 and 6 of ``sub`` as linear expressions, with their auxiliary variables."""
    rules = sub.problem.rules
    threshold = rules.threshold_minutes
    reached_terms: list[cp_model.IntVar] = []
    fill_terms: list[cp_model.IntVar] = []
    overtime_terms: list[cp_model.IntVar] = []
    for w in sub.by_worker:
        worker = sub.problem.workers[w]
        cap = week_cap(rules, worker)
        worked = sub.worked[w]
        if wishes_threshold(rules, worker) and cap >= threshold:
            reached = sub.model.new_bool_var(f"reached_{w}")
            sub.model.add(worked >= threshold).only_enforce_if(reached)
            reached_terms.append(reached)
            sub.aux[f"reached_{w}"] = reached
        if wishes_threshold(rules, worker):
            filled = sub.model.new_int_var(0, threshold, f"fill_{w}")
            sub.model.add(filled <= worked)
            fill_terms.append(filled)
            sub.aux[f"fill_{w}"] = filled
        if cap > worker.wished_minutes:
            extra = sub.model.new_int_var(0, cap - worker.wished_minutes, f"overtime_{w}")
            sub.model.add(extra >= worked - worker.wished_minutes)
            overtime_terms.append(extra)
            sub.aux[f"overtime_{w}"] = extra
    return sum(reached_terms), sum(overtime_terms), sum(fill_terms)
