"""API tokens, made by the real service (the secret exists only in what it returns)."""

from __future__ import annotations

from maillage.tokens.models import Scope
from maillage.tokens.services import issue_token

ALL_SCOPES = ",".join(Scope.values)


def token_for(user, scopes: str = ALL_SCOPES, *, days: int = 30, name: str = "script") -> str:
    """A new token's secret for ``user``."""
    return issue_token(user=user, name=name, scopes=scopes, days=days).secret


def bearer(secret: str) -> dict[str, str]:
    """The header a client sends, for Django's test client."""
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
