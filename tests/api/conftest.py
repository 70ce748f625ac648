"""Clients of the API: each role with a token of every scope (or of the scopes asked)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.factories.tokens import bearer, token_for


class TokenClient(APIClient):
    """An API client that sends a Bearer token and reads JSON."""

    def __init__(self, secret: str = "", **kwargs):
        super().__init__(**kwargs)
        self.defaults.setdefault("HTTP_ACCEPT_LANGUAGE", "en")  # tests read English messages
        if secret:
            self.credentials(**bearer(secret))


@pytest.fixture
def api():
    """``api(user, scopes="read,needs")``: a client with a fresh token of that user."""

    def make(user=None, scopes: str | None = None) -> TokenClient:
        if user is None:
            return TokenClient()
        return TokenClient(token_for(user) if scopes is None else token_for(user, scopes))

    return make
