"""Who may certify, see a worker's evidence, read a certificate, evaluate a mission."""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.missions.models import Mission
from maillage.people.models import Membership, Role, User, WorkerProfile
from maillage.people.roles import buyer_organisations, has_role

CERTIFIER_ROLES = (Role.TRAINER, Role.COORDINATOR)


def certifier_role(user: User, territory_id: int) -> str:
    """The role under which ``user`` certifies on the territory ("" if none)."""
    if not user.is_authenticated:
        return ""
    roles = set(
        Membership.objects.filter(
            user=user, role__in=CERTIFIER_ROLES, territory_id=territory_id
        ).values_list("role", flat=True)
    )
    for role in CERTIFIER_ROLES:
        if role in roles:
            return str(role)
    return ""


def certifiable_workers(user: User) -> QuerySet[WorkerProfile]:
    """Workers of the territories where ``user`` is a trainer or a coordinator."""
    if not user.is_authenticated:
        return WorkerProfile.objects.none()
    territories = Membership.objects.filter(user=user, role__in=CERTIFIER_ROLES).values("territory")
    return WorkerProfile.objects.filter(territory__in=territories).exclude(user=user)


def can_see_evidence(user: User, worker: WorkerProfile) -> bool:
    """The worker, and the certifiers of their territory (coordinators, trainers)."""
    if not user.is_authenticated:
        return False
    if worker.user_id == user.pk or has_role(user, Role.ADMIN):
        return True
    return bool(certifier_role(user, worker.territory_id))


def evaluable_missions(user: User) -> QuerySet[Mission]:
    """Missions bought by an organisation ``user`` is a buyer member of (not via a group)."""
    if not user.is_authenticated:
        return Mission.objects.none()
    organisations = Membership.objects.filter(user=user, role=Role.BUYER_MEMBER).values(
        "organisation"
    )
    return Mission.objects.filter(buyer__in=organisations)


def is_missions_buyer(user: User, mission: Mission) -> bool:
    return evaluable_missions(user).filter(pk=mission.pk).exists()


def buyer_sees_worker(user: User, worker: WorkerProfile) -> bool:
    """A buyer sees who comes to their missions (their certified levels, nothing else)."""
    from maillage.execution.models import Occurrence

    return Occurrence.objects.filter(
        worker=worker, mission__buyer__in=buyer_organisations(user)
    ).exists()
