"""Hard rule: the worker holds every skill the mission requires, at or above its level.

Unit: none (an eligibility filter: no variable is created for a pair that breaks it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..variables import Problem


def skill_mask(problem: Problem) -> np.ndarray:
    """Boolean matrix missions × workers: True where the worker has all required skills."""
    skill_names = sorted(
        {s for w in problem.workers for s in w.skills}
        | {s for m in problem.missions for s in m.skills}
    )
    column = {name: i for i, name in enumerate(skill_names)}
    levels = np.zeros((len(problem.workers), len(skill_names)), dtype=np.int16)
    for w, worker in enumerate(problem.workers):
        for name, level in worker.skills.items():
            levels[w, column[name]] = level
    mask = np.ones((len(problem.missions), len(problem.workers)), dtype=bool)
    for m, mission in enumerate(problem.missions):
        for name, level in mission.skills.items():
            mask[m] &= levels[:, column[name]] >= level
    return mask


def has_skills(worker_skills: dict[str, int], required: dict[str, int]) -> bool:
    """True when ``worker_skills`` meets every level in ``required``."""
    return all(worker_skills.get(name, 0) >= level for name, level in required.items())
