"""Soft objective, level 5 (maximised): missions kept by the worker who had them before
(listed in that worker's ``previous``).

Unit: missions. The metric ``stability`` is this count divided by the number of missions
listed in some worker's ``previous`` (1.0 when there are none).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from ..model import SubModel


def post(sub: SubModel) -> cp_model.LinearExprT:
    """The number of missions of ``sub`` kept by their previous worker."""
    previous = sub.problem.previous_worker
    return sum(c.var for c in sub.choices if previous.get(c.mission) == c.worker)
