"""Throttling per token: each token its own budget, whoever holds it, wherever it comes from."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle  # type: ignore[import-untyped]

from maillage.api.conf import DEFAULT_TOKEN_RATE
from maillage.tokens.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    """``MAILLAGE_API_TOKEN_RATE`` requests per token (e.g. "1200/min"), counted in the cache
    (shared by every process when the cache is Redis)."""

    scope = "token"

    def get_rate(self) -> str:
        return getattr(settings, "MAILLAGE_API_TOKEN_RATE", DEFAULT_TOKEN_RATE)

    def get_cache_key(self, request, view) -> str | None:
        if not isinstance(request.auth, ApiToken):
            return None  # no token: the request is refused before counting matters
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
