"""Page-level permission checks: who may see which page and which object."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from maillage.missions.models import Mission
from maillage.people.models import Role, User
from maillage.people.roles import buyer_organisations, has_role, territories_for


def role_required(*roles: str):
    """Signed in and holding one of `roles` (admins always pass), else 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not any(has_role(request.user, role) for role in (*roles, Role.ADMIN)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def visible_missions(user: User) -> QuerySet[Mission]:
    """Missions a user may see: their organisations' (as buyer) or their territories' (staff)."""
    staff_territories = territories_for(user, Role.COORDINATOR)
    return Mission.objects.filter(
        Q(buyer__in=buyer_organisations(user)) | Q(territory__in=staff_territories)
    )


def get_visible_mission(user: User, pk: int) -> Mission:
    """The mission, or 404 when it does not exist or the user may not see it."""
    try:
        return visible_missions(user).select_related("buyer", "territory").get(pk=pk)
    except Mission.DoesNotExist as exc:
        raise Http404 from exc
