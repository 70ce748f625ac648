"""Page-side access: the domain answers who may do what; pages turn "no" into 403 or 404."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from maillage.people.access import holds_any_role


def role_required(*roles: str):
    """Signed in and holding one of `roles` (admins always pass), else 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not holds_any_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def found_or_404(obj):
    """A selector's answer, or 404 when it found nothing the user may see."""
    if obj is None:
        raise Http404
    return obj
