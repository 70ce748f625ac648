"""From dated occurrences to the engine's replacement instance, and back (one ISO week at a
time: the engine plans a week).

The open spans are the absence's occurrences to replace; the fixed spans are every other
current occurrence of the territory's workers in the same week; the base (workers, places,
rules, forbidden pairs) is the consolidation's own instance of the plan's period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from maillage.consolidation.engine import EngineInput
from maillage.consolidation.engine.replacement import Replacement, Span, solve_replacement
from maillage.consolidation.instance import build_instance, key_pk, mission_key, worker_key
from maillage.execution.dates import PARIS, week_monday
from maillage.execution.models import Occurrence, OccurrenceState
from maillage.missions.models import MissionSkill
from maillage.territory.models import Territory

S = OccurrenceState


@dataclass(frozen=True)
class Proposed:
    """The engine's answer for one occurrence: a worker's pk, or a reason code and params."""

    occurrence_id: int
    worker_id: int | None
    reason: str = ""
    params: dict | None = None


def _place_key(lat: float | None, lon: float | None) -> str | None:
    if lat is None:
        return None
    return f"o{lat:.5f},{lon or 0.0:.5f}"


def _span(occurrence: Occurrence, prefix: str, skills: dict[str, int]) -> Span:
    local = occurrence.starts_at.astimezone(PARIS)
    start = local.hour * 60 + local.minute
    end = min(1440, start + occurrence.minutes)
    return Span(
        id=f"{prefix}{occurrence.pk}",
        day=occurrence.date.weekday(),
        start=start,
        end=end,
        place=_place_key(occurrence.latitude, occurrence.longitude),
        buyer=f"b{occurrence.mission.buyer_id}",
        skills=skills,
        mission=mission_key(occurrence.mission_id),
        worker=worker_key(occurrence.worker_id),
    )


def propose(
    *,
    territory: Territory,
    to_replace: Sequence[Occurrence],
    absent_worker_id: int,
    time_limit_s: float = 10.0,
    seed: int = 1,
) -> tuple[list[Proposed], dict, dict]:
    """Ask the engine, week by week; return the lines, the inputs and the results (JSON)."""
    weeks: dict[dt.date, list[Occurrence]] = {}
    for occurrence in to_replace:
        weeks.setdefault(week_monday(occurrence.date), []).append(occurrence)
    lines: list[Proposed] = []
    inputs: dict[str, dict] = {}
    results: dict[str, dict] = {}
    for monday, opened in sorted(weeks.items()):
        replacement = _propose_week(
            territory=territory,
            monday=monday,
            opened=opened,
            absent_worker_id=absent_worker_id,
            time_limit_s=time_limit_s,
            seed=seed,
        )
        inputs[monday.isoformat()] = replacement.instance.to_dict()
        results[monday.isoformat()] = replacement.result.to_dict()
        for line in replacement.lines:
            lines.append(
                Proposed(
                    occurrence_id=key_pk(line.span),
                    worker_id=None if line.worker is None else key_pk(line.worker),
                    reason=line.reason,
                    params=dict(line.params),
                )
            )
    return lines, inputs, results


def _propose_week(
    *,
    territory: Territory,
    monday: dt.date,
    opened: Sequence[Occurrence],
    absent_worker_id: int,
    time_limit_s: float,
    seed: int,
) -> Replacement:
    sunday = monday + dt.timedelta(days=6)
    data = build_instance(territory=territory, period_start=monday, period_end=sunday).data
    fixed_rows = list(
        Occurrence.objects.filter(
            worker__territory=territory,
            state__in=(S.PLANNED, S.DONE),
            date__gte=monday,
            date__lte=sunday,
        )
        .exclude(worker_id=absent_worker_id)
        .select_related("mission")
    )
    skills: dict[int, dict[str, int]] = {}
    for mission_id, code, level in MissionSkill.objects.filter(
        mission_id__in={o.mission_id for o in opened}
    ).values_list("mission_id", "skill__code", "min_level"):
        skills.setdefault(mission_id, {})[code] = level
    open_spans = [_span(o, "o", skills.get(o.mission_id, {})) for o in opened]
    fixed_spans = [_span(o, "f", {}) for o in fixed_rows]
    places = {p["id"]: p for p in data["places"]}
    for row in (*opened, *fixed_rows):
        key = _place_key(row.latitude, row.longitude)
        if key is not None and row.latitude is not None:
            places.setdefault(key, {"id": key, "lat": row.latitude, "lon": row.longitude or 0.0})
    data = {**data, "places": sorted(places.values(), key=lambda p: p["id"]), "pinned": []}
    base = EngineInput.from_dict(data)
    return solve_replacement(
        base,
        open_spans=open_spans,
        fixed_spans=fixed_spans,
        absent=[worker_key(absent_worker_id)],
        time_limit_s=time_limit_s,
        seed=seed,
    )
