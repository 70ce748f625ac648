"""Hard rule: an on-site mission's place lies within the worker's ``max_km`` of road from home.

Unit: none (an eligibility filter). Remote missions (``place: null``) are always in range.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..variables import Problem


def range_mask(problem: Problem) -> np.ndarray:
    """Boolean matrix missions × workers: True where the mission's place is within range."""
    mask = np.ones((len(problem.missions), len(problem.workers)), dtype=bool)
    max_km = np.array([w.max_km for w in problem.workers])
    for m, place in enumerate(problem.mission_place):
        if place >= 0:
            mask[m] = problem.place_km[problem.home_place, place] <= max_km + 1e-9
    return mask
