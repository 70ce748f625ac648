"""Who sees which GPEC figures: the audience of a user on a territory, jobs, own figures.

Coordinators see named figures of their territories; trainers see anonymised
recommendations; union representatives see aggregates only. A what-if names a worker, so only
coordinators see one. A worker sees their own figures and declares their own household.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from maillage.gpec.models import GpecJob, HouseholdSituation, JobKind
from maillage.gpec.tables import AGGREGATE, COORDINATOR, TRAINER
from maillage.people.access import Viewer, is_worker, own_worker_profile, territories_with_role
from maillage.people.models import Role, WorkerProfile
from maillage.territory.models import Territory

GPEC_ROLES = (Role.COORDINATOR, Role.TRAINER, Role.UNION_REP)
OVERVIEW_ROLES = (Role.UNION_REP, Role.TRAINER, Role.THIRD_PLACE_MANAGER, Role.COORDINATOR)

# Widest first: a coordinator who is also a trainer on a territory sees the named figures.
_AUDIENCE_BY_ROLE = (
    (Role.COORDINATOR, COORDINATOR),
    (Role.TRAINER, TRAINER),
    (Role.UNION_REP, AGGREGATE),
)


def dashboard_territories(user: Viewer) -> QuerySet[Territory]:
    """Territories whose GPEC dashboard the user may open, whatever their audience."""
    return territories_with_role(user, *GPEC_ROLES)


def gpec_audience(user: Viewer, territory: Territory) -> str | None:
    """The widest audience the user belongs to on this territory, or None."""
    for role, audience in _AUDIENCE_BY_ROLE:
        if territories_with_role(user, role).filter(pk=territory.pk).exists():
            return audience
    return None


def can_start_gpec_job(user: Viewer, territory: Territory) -> bool:
    """Only a coordinator of the territory starts a background computation on it."""
    return gpec_audience(user, territory) == COORDINATOR


def jobs_visible_to(user: Viewer) -> QuerySet[GpecJob]:
    """Jobs of the user's GPEC territories; what-ifs only where the user coordinates."""
    return GpecJob.objects.filter(territory__in=dashboard_territories(user)).filter(
        ~Q(kind=JobKind.WHAT_IF) | Q(territory__in=territories_with_role(user, Role.COORDINATOR))
    )


def can_see_gpec_job(user: Viewer, job: GpecJob) -> bool:
    """The job is on a territory of the user's, and a what-if only for its coordinators."""
    audience = gpec_audience(user, job.territory)
    if audience is None:
        return False
    return job.kind != JobKind.WHAT_IF or audience == COORDINATOR


def overview_territories(user: Viewer) -> QuerySet[Territory]:
    """Territories whose aggregated, anonymised overview the user may read."""
    return territories_with_role(user, *OVERVIEW_ROLES)


def can_see_own_figures(user: Viewer) -> bool:
    """Only a worker has figures of their own (hours offered, skill gaps, household)."""
    return is_worker(user)


def figures_worker(user: Viewer) -> WorkerProfile | None:
    """The worker whose own figures the user sees and whose household they declare, or None.

    Only a worker sees figures: their own, never another's.
    """
    if not can_see_own_figures(user):
        return None
    return own_worker_profile(user)


def own_household_situation(user: Viewer) -> HouseholdSituation | None:
    """The household situation the user declared as a worker, or None."""
    worker = figures_worker(user)
    if worker is None:
        return None
    return HouseholdSituation.objects.filter(worker=worker).first()
