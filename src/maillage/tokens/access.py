"""Who sees and revokes which token: each person their own, nobody else's."""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.people.access import Viewer
from maillage.tokens.models import ApiToken


def tokens_visible_to(user: Viewer) -> QuerySet[ApiToken]:
    """The user's own tokens (an administrator too: a token acts as its owner)."""
    if not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)


def can_revoke(user: Viewer, token: ApiToken) -> bool:
    return user.is_authenticated and token.user_id == user.pk
