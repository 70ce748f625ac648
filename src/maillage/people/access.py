"""Who may act as which role: the first question every page and endpoint asks.

Pages and the API turn a "no" into 403 (a role the user lacks) or 404 (an object the user
may not see, whose existence is not revealed).
"""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.people.models import Role, User, WorkerProfile
from maillage.people.roles import has_role, territories_for


def holds_any_role(user: User, *roles: str) -> bool:
    """Signed in and holding one of `roles` somewhere; admins hold every role."""
    return user.is_authenticated and any(has_role(user, role) for role in (*roles, Role.ADMIN))


def workers_visible_to(user: User) -> QuerySet[WorkerProfile]:
    """Worker profiles a user may see: their own, and their territories' as coordinator."""
    if not user.is_authenticated:
        return WorkerProfile.objects.none()
    coordinated = territories_for(user, Role.COORDINATOR)
    return WorkerProfile.objects.filter(user=user) | WorkerProfile.objects.filter(
        territory__in=coordinated
    )


def own_worker_profile(user: User) -> WorkerProfile | None:
    """The user's own worker profile, or None when they have none."""
    if not user.is_authenticated:
        return None
    return WorkerProfile.objects.filter(user=user).select_related("territory").first()
