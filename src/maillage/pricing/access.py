"""Page permissions for the pricing and employment pages, from ``people.roles``.

The domain apps do not import ``web`` (import-linter contract), so the two checks they
need are restated here with the same behaviour as ``web.permissions``: a role the user
lacks answers 403; a need the user may not see answers 404.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from maillage.missions.models import Mission
from maillage.people.models import Role, User
from maillage.people.roles import buyer_organisations, has_role, territories_for


def role_required(*roles: str):
    """Signed in and holding one of ``roles`` (admins always pass), else 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not any(has_role(request.user, role) for role in (*roles, Role.ADMIN)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def get_visible_mission(user: User, pk: int) -> Mission:
    """The need, or 404 unless the user buys for its organisation or coordinates its territory."""
    visible = Mission.objects.filter(
        Q(buyer__in=buyer_organisations(user))
        | Q(territory__in=territories_for(user, Role.COORDINATOR))
    )
    try:
        return visible.select_related("buyer", "territory").get(pk=pk)
    except Mission.DoesNotExist as exc:
        raise Http404 from exc
