"""Reads of runs, plan versions and assignments; None when the user may not see them."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from maillage.consolidation.access import (
    own_assignments,
    plan_versions_visible_to,
    planning_territories,
    runs_visible_to,
)
from maillage.consolidation.models import (
    ConsolidationRun,
    PairRule,
    PlanAssignment,
    PlanState,
    PlanVersion,
)
from maillage.missions.models import Mission
from maillage.people.access import Viewer
from maillage.people.models import WorkerProfile
from maillage.territory.models import Territory


def planning_territory(user: Viewer, pk: int) -> Territory | None:
    """A territory whose plans the user works on, or None."""
    return planning_territories(user).filter(pk=pk).first()


def visible_run(user: Viewer, pk: int) -> ConsolidationRun | None:
    """The run, or None when it does not exist or is not on a territory the user coordinates."""
    return runs_visible_to(user).select_related("territory").filter(pk=pk).first()


def visible_plan_version(user: Viewer, pk: int) -> PlanVersion | None:
    """The version, or None when it does not exist or the user does not coordinate it."""
    return (
        plan_versions_visible_to(user)
        .select_related("territory", "run")
        # The engine's whole input and result are large JSON documents that pages read a few
        # keys of (engine_summary); they load on first access where a service needs them.
        .defer("run__engine_input", "run__engine_result")
        .filter(pk=pk)
        .first()
    )


def engine_summary(version: PlanVersion) -> tuple[dict, int | None]:
    """The run's objective levels (values, bounds, how they were bounded) and the contract
    threshold its rules used, read inside the database rather than the whole documents."""
    row = (
        ConsolidationRun.objects.filter(pk=version.run_id)
        .values_list("engine_result__levels", "engine_input__rules__threshold_minutes")
        .first()
    )
    levels, threshold = row if row is not None else (None, None)
    return (levels if isinstance(levels, dict) else {}), (
        threshold if isinstance(threshold, int) else None
    )


def own_assignment(user: Viewer, pk: int) -> PlanAssignment | None:
    """One of the user's own published assignments, or None."""
    return own_assignments(user).select_related("worker", "mission").filter(pk=pk).first()


def version_mission(version: PlanVersion, pk: int) -> Mission | None:
    """A need of the version's territory (a pair rule names no need of another territory)."""
    return Mission.objects.filter(pk=pk, territory=version.territory_id).first()


def version_workers(version: PlanVersion) -> QuerySet[WorkerProfile]:
    """The workers of the version's territory, who may be pinned to or kept off its needs."""
    return WorkerProfile.objects.filter(territory=version.territory_id).select_related("user")


def version_pair_rule(version: PlanVersion, pk: int) -> PairRule | None:
    """A rule still in force on a need of the version's territory, or None."""
    return PairRule.objects.filter(
        pk=pk, mission__territory=version.territory_id, revoked_at__isnull=True
    ).first()


@dataclass
class PublicationCheck:
    """What publishing ``version`` changes against the plan in force for its period."""

    version: PlanVersion
    in_force: PlanVersion | None
    worse: list[str] = field(default_factory=list)
    """Levels that go down: ``covered_minutes`` (a week on average), ``workers_at_threshold``."""
    better: list[str] = field(default_factory=list)
    moved: list[int] = field(default_factory=list)
    """Missions planned in both whose worker changes."""
    dropped: list[int] = field(default_factory=list)
    """Missions planned in the plan in force and left unassigned by this version."""
    added: list[int] = field(default_factory=list)
    workers_changed: list[int] = field(default_factory=list)
    """Workers whose missions change (one moved to or from them, dropped or added)."""

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.worse)


COMPARED_LEVELS = ("covered_minutes", "workers_at_threshold")


def publication_check(version: PlanVersion) -> PublicationCheck:
    """Compare ``version`` with the published version of the same territory and period."""
    in_force = (
        PlanVersion.objects.filter(
            territory_id=version.territory_id,
            period_start=version.period_start,
            period_end=version.period_end,
            state=PlanState.PUBLISHED,
        )
        .exclude(pk=version.pk)
        .first()
    )
    check = PublicationCheck(version=version, in_force=in_force)
    if in_force is None:
        return check
    for name in COMPARED_LEVELS:
        new, old = version.figure(name) or 0, in_force.figure(name) or 0
        if new < old:
            check.worse.append(name)
        elif new > old:
            check.better.append(name)
    mine, theirs = version.worker_of_mission, in_force.worker_of_mission
    check.moved = sorted(m for m in mine.keys() & theirs.keys() if mine[m] != theirs[m])
    check.dropped = sorted(theirs.keys() - mine.keys())
    check.added = sorted(mine.keys() - theirs.keys())
    changed = {mine[m] for m in check.moved} | {theirs[m] for m in check.moved}
    changed |= {theirs[m] for m in check.dropped} | {mine[m] for m in check.added}
    check.workers_changed = sorted(changed)
    return check
