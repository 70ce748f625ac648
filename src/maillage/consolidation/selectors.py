"""Reads of runs, plan versions and assignments; None when the user may not see them."""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.consolidation.access import (
    own_assignments,
    plan_versions_visible_to,
    planning_territories,
    runs_visible_to,
)
from maillage.consolidation.models import ConsolidationRun, PairRule, PlanAssignment, PlanVersion
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
    return plan_versions_visible_to(user).select_related("territory", "run").filter(pk=pk).first()


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
