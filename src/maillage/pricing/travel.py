"""How far a need is from the workers who could do it: the travel a quote pays for.

Estimate of the one-way distance, in order of preference:

1. the worker the published plan gives the mission to (their home commune to the place);
2. else the median road distance from the homes of the territory's workers who hold every
   required skill at the required level and live within their own maximum distance;
3. else the median over every worker of the territory within their maximum distance;
4. else (no worker, or a remote mission) no travel.

Distances use ``territory.geo.road_km`` (great-circle x road factor), the engine's rule.
Trips: a fixed schedule makes one round trip per day with slots; a flexible volume at most
one per block (weekly volume / shortest block, rounded up), capped by the number of days
with windows: the most trips the schedule allows, since the engine may split the volume.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from maillage.consolidation.models import PlanAssignment, PlanState
from maillage.missions.models import Mission, ScheduleKind
from maillage.people.models import WorkerProfile
from maillage.territory.geo import TravelMode, road_km, travel_minutes


class Basis:
    ASSIGNED = "assigned_worker"
    QUALIFIED = "qualified_workers"
    ANY = "territory_workers"
    NONE = "no_travel"
    REMOTE = "remote"


@dataclass(frozen=True)
class TravelEstimate:
    """One-way distance and time of a trip, the mode, and what the estimate is based on."""

    km_one_way: Decimal
    minutes_one_way: Decimal
    mode: str
    basis: str
    workers_counted: int


def _km(worker: WorkerProfile, place) -> float | None:
    home = worker.home_commune
    # Coordinates are unknown both together (see commune_coordinates_on_earth).
    if home.latitude is None or home.longitude is None or place.latitude is None:
        return None
    return road_km(home.latitude, home.longitude, place.latitude, place.longitude)


def _estimate(km: float, mode: str, basis: str, count: int) -> TravelEstimate:
    return TravelEstimate(
        km_one_way=Decimal(str(round(km, 1))),
        minutes_one_way=Decimal(str(round(travel_minutes(km, mode=mode)))),
        mode=mode,
        basis=basis,
        workers_counted=count,
    )


def _qualified(worker: WorkerProfile, required: dict[int, int]) -> bool:
    levels = {s.skill_id: s.level for s in worker.skills.all()}
    return all(levels.get(skill, 0) >= level for skill, level in required.items())


def estimate_travel(mission: Mission) -> TravelEstimate:
    """The one-way trip a quote for ``mission`` assumes (see the module doc)."""
    place = mission.location
    if place is None:
        return TravelEstimate(Decimal("0.0"), Decimal(0), TravelMode.CAR, Basis.REMOTE, 0)
    assignment = (
        PlanAssignment.objects.filter(mission=mission, version__state=PlanState.PUBLISHED)
        .select_related("worker__home_commune")
        .first()
    )
    if assignment is not None:
        km = _km(assignment.worker, place)
        if km is not None:
            return _estimate(km, assignment.worker.travel_mode, Basis.ASSIGNED, 1)
    required = {s.skill_id: s.min_level for s in mission.skills.all()}
    in_range: list[tuple[float, bool]] = []
    workers = WorkerProfile.objects.filter(territory=mission.territory).select_related(
        "home_commune"
    )
    for worker in workers.prefetch_related("skills"):
        km = _km(worker, place)
        if km is not None and km <= worker.max_km:
            in_range.append((km, _qualified(worker, required)))
    qualified = [km for km, ok in in_range if ok]
    if qualified:
        return _estimate(
            statistics.median(qualified), TravelMode.CAR, Basis.QUALIFIED, len(qualified)
        )
    if in_range:
        every = [km for km, _ok in in_range]
        return _estimate(statistics.median(every), TravelMode.CAR, Basis.ANY, len(every))
    return TravelEstimate(Decimal("0.0"), Decimal(0), TravelMode.CAR, Basis.NONE, 0)


def session_days(mission: Mission) -> list[tuple[int, int]]:
    """(weekday, minutes) of each working day of the period on which fixed slots fall."""
    import datetime as dt

    minutes_by_weekday: dict[int, int] = {}
    for slot in mission.slots.all():
        minutes_by_weekday[slot.weekday] = minutes_by_weekday.get(slot.weekday, 0) + slot.minutes
    excluded = [(e.start, e.end) for e in mission.excluded_periods.all()]
    days = []
    day = mission.period_start
    while day <= mission.period_end:
        if day.weekday() in minutes_by_weekday and not any(a <= day <= b for a, b in excluded):
            days.append((day.weekday(), minutes_by_weekday[day.weekday()]))
        day += dt.timedelta(days=1)
    return days


@dataclass(frozen=True)
class Volume:
    """Hours delivered over the period, working weeks, and round trips."""

    working_weeks: Decimal
    delivered_hours: Decimal
    trips: int


def mission_volume(mission: Mission) -> Volume:
    """Delivered hours and trips over the period, excluded dates taken out."""
    weeks = Decimal(str(mission.working_weeks())).quantize(Decimal("0.01"), ROUND_HALF_UP)
    if mission.schedule_kind == ScheduleKind.FIXED:
        days = session_days(mission)
        hours = (Decimal(sum(m for _d, m in days)) / 60).quantize(Decimal("0.01"), ROUND_HALF_UP)
        return Volume(working_weeks=weeks, delivered_hours=hours, trips=len(days))
    weekly = mission.weekly_minutes()
    hours = (Decimal(weekly) / 60 * weeks).quantize(Decimal("0.01"), ROUND_HALF_UP)
    block = mission.flexible_min_block_minutes or weekly or 1
    window_days = len({w.weekday for w in mission.windows.all()}) or 1
    trips_per_week = min(math.ceil(weekly / block), window_days)
    trips = math.ceil(trips_per_week * weeks)
    return Volume(working_weeks=weeks, delivered_hours=hours, trips=trips)
