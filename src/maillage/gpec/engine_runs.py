"""Real engine runs for the GPEC: the intervention-scale diagnosis and training what-ifs.

Both work on the same engine input that the consolidation builds (`build_instance`), so
their figures are those the engine would really give, not estimates.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from maillage.consolidation.engine import EngineInput, EngineResult, solve, validate
from maillage.consolidation.engine.calendar import calendar_of
from maillage.consolidation.instance import build_instance, key_pk, worker_key
from maillage.gpec.supply_demand import mission_commune
from maillage.missions.models import Mission
from maillage.people.models import WorkerProfile
from maillage.territory.models import Territory

Progress = Callable[[float, str], None]
SCALES = ("commune", "epci", "departement")
COMPARED_METRICS = (
    "demand_minutes",
    "covered_minutes",
    "workers_at_threshold",
    "workers_wishing_threshold",
    "active_workers",
    "km_week",
)


def _quiet(fraction: float, message: str) -> None:
    return None


def weekly(metrics: dict) -> dict:
    """The metrics with demand and coverage as averages a week of the period: the GPEC speaks
    in hours a week, the engine in minutes over the whole period (equal for a typical week)."""
    return {
        **metrics,
        "demand_minutes": metrics.get("demand_minutes_week", metrics["demand_minutes"]),
        "covered_minutes": metrics.get("covered_minutes_week", metrics["covered_minutes"]),
    }


def weekly_demand(data: dict) -> int:
    """Minutes of the instance's demand a week on average over its period."""
    instance = EngineInput.from_dict(data)
    calendar = calendar_of(instance)
    total = sum(calendar.total_minutes(m) for m in instance.missions)
    return round(total / calendar.weeks)


def area_keys(data: dict) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """For each mission and worker id of an engine input: its commune, EPCI and département.

    A mission belongs to the commune of its place (a remote one to its buyer's commune); a
    worker to their home commune. A commune outside any EPCI is its own EPCI.
    """

    def keys(commune) -> dict[str, str]:
        return {
            "commune": commune.insee_code,
            "epci": commune.epci_siren or f"commune-{commune.insee_code}",
            "departement": commune.departement_code,
        }

    mission_ids = [key_pk(m["id"]) for m in data["missions"]]
    worker_ids = [key_pk(w["id"]) for w in data["workers"]]
    missions = Mission.objects.filter(pk__in=mission_ids).select_related(
        "commune", "third_place__commune", "buyer__commune"
    )
    workers = WorkerProfile.objects.filter(pk__in=worker_ids).select_related("home_commune")
    return (
        {f"m{m.pk}": keys(mission_commune(m)) for m in missions},
        {worker_key(w.pk): keys(w.home_commune) for w in workers},
    )


def sub_instance(data: dict, mission_ids: set[str], worker_ids: set[str]) -> dict:
    """The part of an engine input holding only these missions and workers."""
    missions = [m for m in data["missions"] if m["id"] in mission_ids]
    workers = []
    for worker in data["workers"]:
        if worker["id"] in worker_ids:
            kept = dict(worker)
            kept["previous"] = [m for m in worker.get("previous", []) if m in mission_ids]
            workers.append(kept)
    used = (
        {w["home"] for w in workers}
        | {w["remote_base"] for w in workers if w.get("remote_base")}
        | {m["place"] for m in missions if m.get("place")}
    )

    def inside(pair: dict) -> bool:
        return pair["mission"] in mission_ids and pair["worker"] in worker_ids

    return {
        **data,
        "places": [p for p in data["places"] if p["id"] in used],
        "workers": workers,
        "missions": missions,
        "pinned": [p for p in data.get("pinned", []) if inside(p)],
        "forbidden": [p for p in data.get("forbidden", []) if inside(p)],
        "previous_plan": {
            "assignments": [
                a for a in data.get("previous_plan", {}).get("assignments", []) if inside(a)
            ]
        },
    }


def _solve(data: dict, *, method: str, time_limit_s: float, seed: int) -> dict:
    instance = EngineInput.from_dict(data)
    result = solve(instance, method=method, time_limit_s=time_limit_s, seed=seed)
    return {"metrics": result.metrics, "result": result}


def diagnose_scales(
    data: dict,
    mission_area: dict[str, dict[str, str]],
    worker_area: dict[str, dict[str, str]],
    *,
    time_limit_s: float,
    seed: int,
    progress: Progress = _quiet,
) -> dict:
    """Plan the same demand at commune, EPCI and département scale; figures of each scale.

    At a scale, each area's missions are planned only with the workers living in that area
    (one engine run per area that has both). `time_limit_s` is the budget of one scale,
    shared among its areas in proportion to their missions (at least 1 s each).
    """
    total_missions = max(1, len(data["missions"]))
    wishers = sum(
        1 for w in data["workers"] if w["wished_minutes"] >= data["rules"]["threshold_minutes"]
    )
    demand = weekly_demand(data)
    scales = {}
    for index, scale in enumerate(SCALES):
        missions_by_area: dict[str, set[str]] = defaultdict(set)
        workers_by_area: dict[str, set[str]] = defaultdict(set)
        for mission in data["missions"]:
            missions_by_area[mission_area[mission["id"]][scale]].add(mission["id"])
        for worker in data["workers"]:
            workers_by_area[worker_area[worker["id"]][scale]].add(worker["id"])
        figures: dict[str, float] = dict.fromkeys(COMPARED_METRICS, 0)
        figures["km_week"] = 0.0
        solved = 0
        areas = sorted(missions_by_area)
        for position, area in enumerate(areas):
            progress(
                (index + position / max(1, len(areas))) / len(SCALES),
                f"{scale}: {position + 1}/{len(areas)}",
            )
            mission_ids, worker_ids = missions_by_area[area], workers_by_area.get(area, set())
            if not worker_ids:
                continue  # nobody lives there: its demand stays uncovered at this scale
            share = len(mission_ids) / total_missions
            run = _solve(
                sub_instance(data, mission_ids, worker_ids),
                method="engine",
                time_limit_s=max(1.0, time_limit_s * share),
                seed=seed,
            )
            solved += 1
            metrics = weekly(run["metrics"])
            for key in ("covered_minutes", "workers_at_threshold", "active_workers"):
                figures[key] += metrics[key]
            figures["km_week"] += run["metrics"]["km_week"]
        figures["demand_minutes"] = demand
        figures["workers_wishing_threshold"] = wishers
        figures["km_week"] = round(figures["km_week"], 1)
        figures["coverage"] = round(figures["covered_minutes"] / demand, 4) if demand else 1.0
        figures["areas"] = len(missions_by_area)
        figures["areas_planned"] = solved
        scales[scale] = figures
    progress(1.0, "done")
    return scales


def run_diagnosis(
    *,
    territory: Territory,
    period_start: dt.date,
    period_end: dt.date,
    time_limit_s: float,
    seed: int,
    progress: Progress = _quiet,
) -> dict:
    """The scale diagnosis of a territory's plannable demand for a period."""
    data = build_instance(
        territory=territory, period_start=period_start, period_end=period_end
    ).data
    mission_area, worker_area = area_keys(data)
    return diagnose_scales(
        data, mission_area, worker_area, time_limit_s=time_limit_s, seed=seed, progress=progress
    )


def with_trained_worker(data: dict, worker_id: int, skill_code: str, level: int) -> dict:
    """A copy of the engine input where one worker holds `skill_code` at `level`."""
    changed = copy.deepcopy(data)
    for worker in changed["workers"]:
        if worker["id"] == worker_key(worker_id):
            worker["skills"][skill_code] = max(level, worker["skills"].get(skill_code, 0))
            return changed
    raise ValueError(f"worker {worker_id} is not in the instance")


def what_if_trained(
    data: dict,
    *,
    worker_id: int,
    skill_code: str,
    level: int,
    time_limit_s: float,
    seed: int,
    progress: Progress = _quiet,
) -> dict:
    """Engine runs without and with the training, same settings; what the training unlocks."""
    progress(0.05, "without the training")
    before = _solve(data, method="engine", time_limit_s=time_limit_s, seed=seed)["result"]
    progress(0.5, "with the training")
    after = _solve(
        with_trained_worker(data, worker_id, skill_code, level),
        method="engine",
        time_limit_s=time_limit_s,
        seed=seed,
    )["result"]
    progress(1.0, "done")
    before_week, after_week = weekly(before.metrics), weekly(after.metrics)
    covered_before = {a.mission for a in before.assignments}
    covered_after = {a.mission for a in after.assignments}
    wid = worker_key(worker_id)

    def worker_minutes(result: EngineResult) -> int:
        return sum(b.minutes for a in result.assignments if a.worker == wid for b in a.blocks)

    return {
        "worker_id": worker_id,
        "skill": skill_code,
        "level": level,
        "before": {k: before_week[k] for k in COMPARED_METRICS},
        "after": {k: after_week[k] for k in COMPARED_METRICS},
        "covered_minutes_gained": after_week["covered_minutes"] - before_week["covered_minutes"],
        "workers_at_threshold_gained": after.metrics["workers_at_threshold"]
        - before.metrics["workers_at_threshold"],
        "worker_minutes_before": worker_minutes(before),
        "worker_minutes_after": worker_minutes(after),
        "newly_covered": sorted(key_pk(m) for m in covered_after - covered_before),
    }


def km_by_mode(data: dict, result_document: dict) -> dict[str, float]:
    """Road km of a week's plan split by the workers' travel modes (validation recomputes)."""
    instance = EngineInput.from_dict(data)
    result = EngineResult.from_dict(result_document)
    modes = {w.id: w.travel_mode for w in instance.workers}
    split: dict[str, float] = {}
    for mode in sorted(set(modes.values())):
        part = copy.copy(result)
        part.assignments = [a for a in result.assignments if modes.get(a.worker) == mode]
        split[mode] = validate(instance, part).metrics["km_week"]
    return split
