"""Aggregated, anonymised figures of a territory: any group under 5 people is hidden.

The number of workers heads the page, so every breakdown of it (by status; wishing 24 h or
not; holding a skill at level 3 or not) goes through the shared rule with that total known:
a hidden status is not the total minus the statuses shown (maillage.people.privacy).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Sum
from django.utils.translation import get_language

from maillage.missions.models import FixedSlot, Mission, MissionKind, MissionState
from maillage.people.models import WorkerProfile, WorkerStatus
from maillage.people.privacy import Cell, suppress_parts
from maillage.skills.models import WorkerSkill
from maillage.territory.models import Territory

ACTIVE_STATES = [MissionState.ACCEPTED, MissionState.PLANNED, MissionState.RUNNING]


@dataclass(frozen=True)
class TerritoryOverview:
    territory: Territory
    workers: Cell
    workers_by_status: list[tuple[str, Cell]]
    workers_wishing_threshold: Cell
    workers_by_skill: list[tuple[str, Cell]]
    needs_by_kind: list[tuple[str, int, int]]  # (kind, needs, weekly minutes)
    buyers: int


def territory_overview(*, territory: Territory) -> TerritoryOverview:
    """Counts of workers (suppressed under 5) and of demand (organisations, not people)."""
    workers = WorkerProfile.objects.filter(territory=territory)
    status_labels = dict(WorkerStatus.choices)
    by_status = dict(
        workers.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    threshold = settings.MAILLAGE_CONTRACT_THRESHOLD_MINUTES
    by_skill = (
        WorkerSkill.objects.filter(worker__territory=territory, level__gte=3)
        .values_list("skill__code", "skill__name_fr", "skill__name_en")
        .annotate(n=Count("worker", distinct=True))
        .order_by("skill__code")
    )
    english = (get_language() or "fr").startswith("en")
    missions = Mission.objects.filter(territory=territory, state__in=ACTIVE_STATES)
    fixed_minutes = dict(
        FixedSlot.objects.filter(mission__in=missions)
        .values_list("mission__kind")
        .annotate(total=Sum("end_minute") - Sum("start_minute"))
        .values_list("mission__kind", "total")
    )
    flexible_minutes = dict(
        missions.filter(schedule_kind="flexible")
        .values_list("kind")
        .annotate(total=Sum("flexible_weekly_minutes"))
        .values_list("kind", "total")
    )
    counts = dict(missions.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    needs_by_kind = [
        (
            str(label),
            counts.get(kind, 0),
            (fixed_minutes.get(kind) or 0) + (flexible_minutes.get(kind) or 0),
        )
        for kind, label in MissionKind.choices
        if counts.get(kind)
    ]
    total = workers.count()
    # Every worker has one status: the statuses add up to the total (else the rest is a group).
    parts = [by_status.get(status, 0) for status in WorkerStatus.values]
    status_cells, total_cell = suppress_parts(parts, total=None if sum(parts) == total else total)
    (wishing,), _total = suppress_parts(
        [workers.filter(wished_weekly_minutes__gte=threshold).count()], total=total
    )
    return TerritoryOverview(
        territory=territory,
        workers=total_cell,
        workers_by_status=[
            (str(status_labels[status]), cell)
            for status, cell in zip(WorkerStatus.values, status_cells, strict=True)
        ],
        workers_wishing_threshold=wishing,
        # A worker holds several skills: each count is split from the total on its own.
        workers_by_skill=[
            (name_en if english else name_fr, suppress_parts([n], total=total)[0][0])
            for _code, name_fr, name_en, n in by_skill
        ],
        needs_by_kind=needs_by_kind,
        buyers=missions.values("buyer").distinct().count(),
    )
