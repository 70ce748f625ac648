"""Relocation local search: move one mission to another worker when the plan gets better.

A move is kept only if the objective levels of the two workers involved improve
lexicographically (exact routes, overtime, threshold): no weights, no approximation.
It is cheap and mostly shortens trips left by the construction; the LNS does the rest.
"""

from __future__ import annotations

import time

from .levels import plan_levels
from .objectives import LEVELS
from .schedule import Plan
from .variables import Problem


def _key(levels: dict[str, int]) -> tuple[int, ...]:
    """Levels as a tuple that compares lexicographically (larger is better)."""
    return tuple(sign * levels[name] for name, sign in LEVELS)


def relocate(problem: Problem, plan: Plan, *, deadline: float, candidates: int = 8) -> int:
    """Try moving each mission to one of its nearest other workers; return moves kept."""
    kept = 0
    for m in sorted(plan.assigned):
        if time.monotonic() > deadline:
            break
        if m in problem.pinned:
            continue
        source, blocks = plan.assigned[m]
        here = problem.home_km(m, source)
        targets = sorted((w for w in problem.eligible_workers[m]
                          if w != source and problem.home_km(m, w) < here),
                         key=lambda w: (problem.home_km(m, w), w))[:candidates]
        for target in targets:
            pair = [source, target]
            before = _key(plan_levels(problem, plan, pair, [m]))
            plan.remove(m)
            new_blocks, _ = plan.fit(m, target)
            if new_blocks is not None:
                plan.add(m, target, new_blocks)
                if _key(plan_levels(problem, plan, pair, [m])) > before:
                    kept += 1
                    break
                plan.remove(m)
            plan.add(m, source, blocks)
    return kept
