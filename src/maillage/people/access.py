"""Page-level access checks shared by every app's views: a role the user lacks answers 403."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from maillage.people.models import Role
from maillage.people.roles import has_role


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
