"""Training recommendations: for each unmet skill need, the workers one level away."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from maillage.consolidation.models import PlanUnassigned
from maillage.gpec.catalogue import Training, training_for
from maillage.gpec.supply_demand import offered_minutes, studied_period, territory_workers
from maillage.missions.models import Mission, PlaceKind
from maillage.people.models import WorkerProfile
from maillage.people.privacy import Cell, people_cell
from maillage.skills.models import Skill
from maillage.territory.geo import road_km
from maillage.territory.models import Territory

MAX_CANDIDATES = 3


@dataclass
class Candidate:
    """A worker who would meet the need after one level of training."""

    worker: WorkerProfile
    current_level: int  # 0: the skill is not held yet
    km: float  # to the nearest place of the gap's missions (0 when all are remote)
    available_hours: float


@dataclass
class Gap:
    """Missions left unassigned that require `skill` at `level`."""

    skill: Skill
    level: int
    missions: list[Mission]
    weekly_minutes: int
    training: Training
    candidates: list[Candidate] = field(default_factory=list)
    candidates_total: int = 0

    @property
    def weekly_hours(self) -> float:
        return round(self.weekly_minutes / 60, 1)

    @property
    def candidates_cell(self) -> Cell:
        """How many workers are one level away, hidden under the minimum group size."""
        return people_cell(self.candidates_total)


def _distance(worker: WorkerProfile, mission: Mission) -> float:
    place = mission.location
    home = worker.home_commune
    if place is None or mission.place_kind == PlaceKind.REMOTE:
        return 0.0
    # Coordinates are unknown both together (see commune_coordinates_on_earth).
    if place.latitude is None or home.latitude is None or home.longitude is None:
        return float("inf")
    return road_km(home.latitude, home.longitude, place.latitude, place.longitude)


def _within_reach(worker: WorkerProfile, mission: Mission) -> bool:
    """Whether the engine could give ``mission`` to ``worker`` at all: its place lies within
    the worker's ``max_km`` of road from home (the engine's hard travel-range rule, with the
    same road distance and tolerance). Training a worker the engine can never send there
    would gain no hour."""
    return _distance(worker, mission) <= worker.max_km + 1e-9


def skill_gaps(*, territory: Territory) -> list[Gap]:
    """Gaps of the current published plan and, for each, the closest workers to filling it.

    A candidate holds the skill exactly one level below the required one (or does not hold
    it when level 1 is required), already meets the mission's other required skills and
    lives within their own ``max_km`` of the mission's place; candidates come nearest first,
    then with the most available hours.
    """
    _period, published = studied_period(territory)
    if published is None:
        return []
    unassigned = (
        PlanUnassigned.objects.filter(version=published)
        .select_related("mission__commune", "mission__third_place")
        .prefetch_related("mission__skills__skill", "mission__slots")
    )
    by_need: dict[tuple[int, int], list[Mission]] = defaultdict(list)
    skills: dict[int, Skill] = {}
    for row in unassigned:
        for required in row.mission.skills.all():
            by_need[(required.skill_id, required.min_level)].append(row.mission)
            skills[required.skill_id] = required.skill
    workers = territory_workers(territory)
    levels = {w.pk: {s.skill_id: s.level for s in w.skills.all()} for w in workers}
    gaps = []
    for (skill_id, level), missions in sorted(
        by_need.items(), key=lambda item: (skills[item[0][0]].code, item[0][1])
    ):
        skill = skills[skill_id]
        candidates = []
        for worker in workers:
            held = levels[worker.pk].get(skill_id, 0)
            if held != level - 1:
                continue
            fitting = [
                m
                for m in missions
                if _within_reach(worker, m)
                and all(
                    levels[worker.pk].get(r.skill_id, 0) >= r.min_level
                    for r in m.skills.all()
                    if r.skill_id != skill_id
                )
            ]
            if not fitting:
                continue
            km = min(_distance(worker, m) for m in fitting)
            candidates.append(
                Candidate(worker, held, round(km, 1), round(offered_minutes(worker) / 60, 1))
            )
        candidates.sort(key=lambda c: (c.km, -c.available_hours, c.worker.pk))
        gaps.append(
            Gap(
                skill=skill,
                level=level,
                missions=missions,
                weekly_minutes=sum(m.weekly_minutes() for m in missions),
                training=training_for(skill.code),
                candidates=candidates[:MAX_CANDIDATES],
                candidates_total=len(candidates),
            )
        )
    return gaps
