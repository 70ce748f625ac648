"""Hard rules: a pinned mission goes to its worker; a forbidden pair never happens.

Unit: none. Forbidden pairs are an eligibility filter. A pin that cannot be honoured is not
dropped silently: it is reported in ``rejected_pins`` with a reason (see ``solver.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..variables import Problem


def forbidden_mask(problem: Problem) -> np.ndarray:
    """Boolean matrix missions × workers: False on forbidden pairs."""
    mask = np.ones((len(problem.missions), len(problem.workers)), dtype=bool)
    for pair in problem.instance.forbidden:
        mask[problem.mission_index[pair.mission], problem.worker_index[pair.worker]] = False
    return mask


def pinned_workers(problem: Problem) -> dict[int, int]:
    """Mission index → pinned worker index."""
    return {
        problem.mission_index[p.mission]: problem.worker_index[p.worker]
        for p in problem.instance.pinned
    }
