"""Soft objective, level 1 (maximised): weekly minutes of missions given to a worker.

Unit: minutes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from ..model import SubModel


def post(sub: SubModel) -> cp_model.LinearExprT:
    """The covered minutes of ``sub`` as a linear expression."""
    return sum(sub.problem.mission_minutes[c.mission] * c.var for c in sub.choices)
