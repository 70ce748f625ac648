"""Reads of tokens; None when the user may not see the token."""

from __future__ import annotations

from maillage.people.access import Viewer
from maillage.tokens.access import tokens_visible_to
from maillage.tokens.models import ApiToken


def own_tokens(user: Viewer):
    """The user's tokens, newest first."""
    return tokens_visible_to(user).order_by("-created_at", "-pk")


def visible_token(user: Viewer, pk: int) -> ApiToken | None:
    return tokens_visible_to(user).filter(pk=pk).first()
