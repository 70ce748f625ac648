"""`Authorization: Bearer <token>`: the API's one way in (no session, no password)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions  # type: ignore[import-untyped]
from rest_framework.authentication import (  # type: ignore[import-untyped]
    BaseAuthentication,
    get_authorization_header,
)

from maillage.tokens.services import TokenRefused, authenticate

REALM = 'Bearer realm="maillage-api"'


class BearerTokenAuthentication(BaseAuthentication):
    """A personal access token; ``request.auth`` is the ApiToken (its scopes, its id)."""

    keyword = b"bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None  # no credentials: NotAuthenticated (401) unless the view is public
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as “Bearer <token>”."))
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(_("This is not a Maillage token.")) from error
        try:
            token = authenticate(secret)
        except TokenRefused as error:
            raise exceptions.AuthenticationFailed(str(error)) from error
        return (token.user, token)

    def authenticate_header(self, request) -> str:
        return REALM  # makes DRF answer 401 (not 403) without or with a bad token


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """The security scheme the OpenAPI document names for every operation."""

    target_class = "maillage.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal access token made on the page “API tokens”.",
        }
