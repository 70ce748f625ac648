"""Lexicographic weights: each level outweighs the whole possible swing of all lower levels.

With levels ordered from most to least important and ``span[k]`` the largest possible
difference of level ``k`` between two plans, ``weight[last] = 1`` and
``weight[k] = 1 + sum(weight[j] * span[j] for j > k)``. A gain of one unit on level ``k``
therefore beats any change of the lower levels together. :func:`respects_order` checks it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, overload

from ..calendar import Calendar, calendar_of
from ..constraints.work_limits import week_cap
from ..geometry import hectometres
from . import LEVELS

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from ..schema import EngineInput, Mission, Rules, Worker


def lexicographic_weights(spans: dict[str, int]) -> dict[str, int]:
    """Weights for :data:`LEVELS` given each level's span (non-negative integers)."""
    weights: dict[str, int] = {}
    below = 0
    for name, _ in reversed(LEVELS):
        weights[name] = below + 1
        below += weights[name] * max(0, spans[name])
    return weights


def respects_order(weights: dict[str, int], spans: dict[str, int]) -> bool:
    """True when every level's weight exceeds the total weighted span of all lower levels."""
    names = [name for name, _ in LEVELS]
    for k, name in enumerate(names):
        lower = sum(weights[n] * spans[n] for n in names[k + 1 :])
        if weights[name] <= lower:
            return False
    return True


@overload
def combine(levels: Mapping[str, int], weights: Mapping[str, int]) -> int: ...


@overload
def combine(
    levels: Mapping[str, cp_model.IntVar], weights: Mapping[str, int]
) -> cp_model.LinearExprT: ...


def combine(
    levels: Mapping[str, int] | Mapping[str, cp_model.IntVar], weights: Mapping[str, int]
) -> int | cp_model.LinearExprT:
    """The scalar objective (maximised) of a plan's level values, or of the model's levels."""
    return sum(sign * weights[name] * levels[name] for name, sign in LEVELS)


def level_spans(
    rules: Rules,
    workers: list[Worker],
    missions: list[Mission],
    stable_pairs: int,
    calendar: Calendar | None = None,
) -> dict[str, int]:
    """Largest possible swing of each level over ``workers`` and ``missions``.

    Coverage: all the missions' minutes. Threshold: the wishers. Overtime: each worker's
    room above its wish. Fill: the threshold per wisher. Km: every leg touches an
    on-site block and is at most twice the largest ``max_km``; each on-site block has two
    legs (a flexible on-site mission counts 7 blocks). Stability: ``stable_pairs``.
    """
    weeks = calendar.working_weeks if calendar else 1
    wishers = [w for w in workers if w.wished_minutes >= rules.threshold_minutes]
    overtime = sum(max(0, week_cap(rules, w) - w.wished_minutes) * weeks for w in workers)
    reach = max((w.max_km for w in workers), default=0.0)

    def occurrences(m: Mission) -> int:
        if calendar is None:
            return len(m.slots) or 7
        days = calendar.occurrences[m.id]
        if m.flexible is not None:
            return 7 * len(days[0])
        return sum(len(days[s.day]) for s in m.slots)

    onsite_blocks = sum(occurrences(m) for m in missions if m.place is not None)
    covered = sum(calendar.total_minutes(m) if calendar else m.minutes for m in missions)
    return {
        "covered_minutes": covered,
        "workers_at_threshold": len(wishers),
        "overtime_minutes": overtime,
        "threshold_fill": rules.threshold_minutes * weeks * len(wishers),
        "km_hectometres": hectometres(4 * reach * onsite_blocks) + 1,
        "stable_missions": stable_pairs,
    }


def global_weights(instance: EngineInput) -> dict[str, int]:
    """The weights of an instance's reported objective (shared by solver and validation)."""
    mission_ids = {m.id for m in instance.missions}
    previous = {m for w in instance.workers for m in w.previous if m in mission_ids}
    previous |= {a.mission for a in instance.previous_plan if a.mission in mission_ids}
    spans = level_spans(
        instance.rules,
        list(instance.workers),
        list(instance.missions),
        len(previous),
        calendar_of(instance),
    )
    return lexicographic_weights(spans)
