"""Who may act as which role, on which territory, for which organisation.

These are the questions every page and endpoint asks first; `people.roles` stays the
low-level "who holds which role where". Pages and the API turn a "no" into 403 (a role the
user lacks) or 404 (an object the user may not see, whose existence is not revealed).
"""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.people.models import Organisation, Role, User, WorkerProfile
from maillage.people.roles import buyer_organisations, has_role, territories_for
from maillage.territory.models import Territory


def holds_any_role(user: User, *roles: str) -> bool:
    """Signed in and holding one of `roles` somewhere; admins hold every role."""
    return user.is_authenticated and any(has_role(user, role) for role in (*roles, Role.ADMIN))


def is_worker(user: User) -> bool:
    """Holds the worker role itself (an admin is not a worker with a week of their own)."""
    return has_role(user, Role.WORKER)


def territories_coordinated_by(user: User) -> QuerySet[Territory]:
    """Territories the user coordinates (admins: all)."""
    return territories_for(user, Role.COORDINATOR)


def coordinates(user: User, territory_id: int | None) -> bool:
    """The user coordinates this territory (admins coordinate every territory)."""
    if territory_id is None:
        return False
    return territories_coordinated_by(user).filter(pk=territory_id).exists()


def organisations_buying_for(user: User) -> QuerySet[Organisation]:
    """Organisations the user may act for as a buyer (own member, or manager of their group)."""
    return buyer_organisations(user)


def buys_for(user: User, organisation_id: int | None) -> bool:
    """The user may act as a buyer for this organisation."""
    if organisation_id is None:
        return False
    return organisations_buying_for(user).filter(pk=organisation_id).exists()


def workers_visible_to(user: User) -> QuerySet[WorkerProfile]:
    """Worker profiles a user may see: their own, and their territories' as coordinator."""
    if not user.is_authenticated:
        return WorkerProfile.objects.none()
    coordinated = territories_coordinated_by(user)
    return WorkerProfile.objects.filter(user=user) | WorkerProfile.objects.filter(
        territory__in=coordinated
    )


def workers_coordinated_by(user: User) -> QuerySet[WorkerProfile]:
    """Worker profiles of the territories the user coordinates (not their own, as such)."""
    return WorkerProfile.objects.filter(territory__in=territories_coordinated_by(user))


def own_worker_profile(user: User) -> WorkerProfile | None:
    """The user's own worker profile, or None when they have none."""
    if not user.is_authenticated:
        return None
    return WorkerProfile.objects.filter(user=user).select_related("territory").first()
