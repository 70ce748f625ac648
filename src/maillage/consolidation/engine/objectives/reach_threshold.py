"""Soft objectives for consolidation (maximised with their signs).

Level 2, unit workers (+): workers who wish at least the threshold (``wished_minutes >=
threshold_minutes``) and work at least the threshold minutes per working week on average
(``threshold × working weeks`` in working weeks) and, in every working week, at least the
rules' ``week_floor_minutes`` (decision 0043). Minutes below count in working weeks.
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


def fill(rules: Rules, worker: Worker, worked: int, weeks: int = 1) -> int:
    """Level-6 contribution of one worker who works ``worked`` minutes in ``weeks`` weeks."""
    if not wishes_threshold(rules, worker):
        return 0
    return min(worked, rules.threshold_minutes * weeks)


def overtime(worker: Worker, worked: int, weeks: int = 1) -> int:
    """Level-3 contribution (minutes above the wish over ``weeks`` weeks) of one worker."""
    return max(0, worked - worker.wished_minutes * weeks)


def post(
    sub: SubModel,
) -> tuple[cp_model.LinearExprT, cp_model.LinearExprT, cp_model.LinearExprT]:
    """Levels 2, 3 and 6 of ``sub`` as linear expressions, with their auxiliary variables."""
    problem = sub.problem
    rules = problem.rules
    weeks = problem.calendar.working_weeks
    threshold = problem.target
    floor = rules.week_floor_minutes
    working = [k for k, on in enumerate(problem.calendar.working) if on]
    reached_terms: list[cp_model.IntVar] = []
    fill_terms: list[cp_model.IntVar] = []
    overtime_terms: list[cp_model.IntVar] = []
    for w in sub.by_worker:
        worker = problem.workers[w]
        cap = week_cap(rules, worker) * weeks
        worked = sub.worked[w]
        if wishes_threshold(rules, worker) and cap >= threshold:
            reached = sub.model.new_bool_var(f"reached_{w}")
            sub.model.add(worked >= threshold).only_enforce_if(reached)
            if floor > 0:
                for k in working:
                    week = sum(
                        problem.mission_weeks[c.mission].get(k, 0) * c.var for c in sub.by_worker[w]
                    )
                    sub.model.add(week >= floor).only_enforce_if(reached)
            reached_terms.append(reached)
            sub.aux[f"reached_{w}"] = reached
        if wishes_threshold(rules, worker):
            filled = sub.model.new_int_var(0, threshold, f"fill_{w}")
            sub.model.add(filled <= worked)
            fill_terms.append(filled)
            sub.aux[f"fill_{w}"] = filled
        wish = worker.wished_minutes * weeks
        if cap > wish:
            extra = sub.model.new_int_var(0, cap - wish, f"overtime_{w}")
            sub.model.add(extra >= worked - wish)
            overtime_terms.append(extra)
            sub.aux[f"overtime_{w}"] = extra
    return sum(reached_terms), sum(overtime_terms), sum(fill_terms)
