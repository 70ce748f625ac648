"""Who may run, read, pin and publish a territory's plan, and who answers an assignment.

Coordinators work on the plans of the territories they coordinate; a worker sees and
answers only their own assignments, once the version is published.
"""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.consolidation.models import (
    ConsolidationRun,
    PlanAssignment,
    PlanState,
    PlanVersion,
)
from maillage.people.access import Viewer, coordinates, territories_coordinated_by
from maillage.territory.models import Territory


def planning_territories(user: Viewer) -> QuerySet[Territory]:
    """Territories whose plans the user works on: those they coordinate."""
    return territories_coordinated_by(user)


def can_start_run(user: Viewer, territory: Territory) -> bool:
    """Only a coordinator of the territory starts a consolidation run on it."""
    return coordinates(user, territory.pk)


def runs_visible_to(user: Viewer) -> QuerySet[ConsolidationRun]:
    """Runs of the territories the user coordinates."""
    return ConsolidationRun.objects.filter(territory__in=territories_coordinated_by(user))


def plan_versions_visible_to(user: Viewer) -> QuerySet[PlanVersion]:
    """Plan versions of the territories the user coordinates (drafts included)."""
    return PlanVersion.objects.filter(territory__in=territories_coordinated_by(user))


def can_publish_plan(user: Viewer, version: PlanVersion) -> bool:
    """Only a coordinator of the version's territory publishes it."""
    return coordinates(user, version.territory_id)


def can_restore_plan(user: Viewer, version: PlanVersion) -> bool:
    """Only a coordinator of the version's territory restores a superseded version."""
    return coordinates(user, version.territory_id)


def can_add_pair_rule(user: Viewer, version: PlanVersion) -> bool:
    """Only a coordinator of the territory pins or forbids a worker on one of its needs."""
    return coordinates(user, version.territory_id)


def own_assignments(user: Viewer) -> QuerySet[PlanAssignment]:
    """The user's own assignments in published versions: what a worker sees of a plan."""
    if not user.is_authenticated:
        return PlanAssignment.objects.none()
    return PlanAssignment.objects.filter(worker__user=user, version__state=PlanState.PUBLISHED)


def can_answer_assignment(user: Viewer, assignment: PlanAssignment) -> bool:
    """Only the assigned worker answers, and only once the version is published."""
    return (
        user.is_authenticated
        and assignment.worker.user_id == user.pk
        and assignment.version.state == PlanState.PUBLISHED
    )
