"""Who may act as which role, on which territory, for which organisation.

These are the questions every page and endpoint asks first; `people.roles` stays the
low-level "who holds which role where". Pages and the API turn a "no" into 403 (a role the
user lacks) or 404 (an object the user may not see, whose existence is not revealed).
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from maillage.people.models import Organisation, Role, User, WorkerProfile
from maillage.people.roles import buyer_organisations, has_role, territories_for
from maillage.territory.models import Territory

# Who asks: a signed-in user or an anonymous visitor (pages pass `request.user` as it is).
Viewer: TypeAlias = User | AnonymousUser


def holds_any_role(user: Viewer, *roles: str) -> bool:
    """Signed in and holding one of `roles` somewhere; admins hold every role."""
    return user.is_authenticated and any(has_role(user, role) for role in (*roles, Role.ADMIN))


def is_worker(user: Viewer) -> bool:
    """Holds the worker role itself (an admin is not a worker with a week of their own)."""
    return user.is_authenticated and has_role(user, Role.WORKER)


def territories_with_role(user: Viewer, *roles: str) -> QuerySet[Territory]:
    """Territories on which the user holds one of `roles` (admins: all)."""
    if not user.is_authenticated:
        return Territory.objects.none()
    return territories_for(user, *roles)


def territories_coordinated_by(user: Viewer) -> QuerySet[Territory]:
    """Territories the user coordinates (admins: all)."""
    return territories_with_role(user, Role.COORDINATOR)


def coordinates(user: Viewer, territory_id: int | None) -> bool:
    """The user coordinates this territory (admins coordinate every territory)."""
    if territory_id is None:
        return False
    return territories_coordinated_by(user).filter(pk=territory_id).exists()


def organisations_buying_for(user: Viewer) -> QuerySet[Organisation]:
    """Organisations the user may act for as a buyer (own member, or manager of their group)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return buyer_organisations(user)


def buys_for(user: Viewer, organisation_id: int | None) -> bool:
    """The user may act as a buyer for this organisation."""
    if organisation_id is None:
        return False
    return organisations_buying_for(user).filter(pk=organisation_id).exists()


def workers_visible_to(user: Viewer) -> QuerySet[WorkerProfile]:
    """Worker profiles a user may see: their own, and their territories' as coordinator."""
    if not user.is_authenticated:
        return WorkerProfile.objects.none()
    coordinated = territories_coordinated_by(user)
    return WorkerProfile.objects.filter(user=user) | WorkerProfile.objects.filter(
        territory__in=coordinated
    )


def workers_coordinated_by(user: Viewer) -> QuerySet[WorkerProfile]:
    """Worker profiles of the territories the user coordinates (not their own, as such)."""
    return WorkerProfile.objects.filter(territory__in=territories_coordinated_by(user))


def own_worker_profile(user: Viewer) -> WorkerProfile | None:
    """The user's own worker profile, or None when they have none."""
    if not user.is_authenticated:
        return None
    return WorkerProfile.objects.filter(user=user).select_related("territory").first()
