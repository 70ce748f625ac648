"""Scopes: a view names the scope each method needs; a token without it gets 403."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.permissions import BasePermission  # type: ignore[import-untyped]

from maillage.tokens.models import ApiToken, Scope

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def required_scope(view, method: str) -> str:
    """The scope a view asks for this method: ``scopes = {"GET": "read", "POST": "needs"}``,
    or ``read_scope`` / ``write_scope``; reading needs "read" unless the view says otherwise."""
    scopes = getattr(view, "scopes", None) or {}
    action = getattr(view, "action", None)
    if action and action in scopes:
        return scopes[action]
    if method in scopes:
        return scopes[method]
    if method in SAFE_METHODS:
        return getattr(view, "read_scope", Scope.READ)
    return getattr(view, "write_scope", "") or "__none__"


class HasTokenScope(BasePermission):
    """Authenticated by a live token that holds the scope the request needs."""

    message = _("This token does not have the scope this request needs.")

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken) or not request.user.is_authenticated:
            return False
        scope = required_scope(view, request.method)
        if scope in token.scope_set:
            return True
        self.message = _("This token does not have the “%(scope)s” scope.") % {"scope": scope}
        return False
