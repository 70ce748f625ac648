"""Page-side access: the domain answers who may do what; pages turn "no" into 403 or 404.

A page of a role the user lacks answers 403; an object the user may not see answers 404, so
that its existence is not revealed.
"""

from __future__ import annotations

from functools import wraps
from typing import TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from maillage.people.access import holds_any_role

T = TypeVar("T")


def role_required(*roles: str):
    """Signed in and holding one of `roles` (admins always pass), else 403."""

    def decorator(view):
        # The login middleware already sends anonymous visitors to sign in; the decorator
        # keeps its own check so that a view stays safe if it is ever marked public.
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not holds_any_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def found_or_404(obj: T | None) -> T:
    """A selector's answer, or 404 when it found nothing the user may see."""
    if obj is None:
        raise Http404
    return obj


def found_or_403(obj: T | None) -> T:
    """A selector's answer, or 403 when the user lacks what the page is for (their own profile)."""
    if obj is None:
        raise PermissionDenied
    return obj


def allowed_or_403(allowed: bool) -> None:
    """403 when the domain refuses an action on an object the user may see."""
    if not allowed:
        raise PermissionDenied


def allowed_or_404(allowed: bool) -> None:
    """404 when the domain refuses an object whose existence must not be revealed."""
    if not allowed:
        raise Http404
