"""Verification of an Open Badges 3.0 credential, as the public verification page does it."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers  # type: ignore[import-untyped]
from rest_framework.response import Response  # type: ignore[import-untyped]
from rest_framework.views import APIView  # type: ignore[import-untyped]

from maillage.credentials.verification import verify
from maillage.tokens.models import Scope

#: The largest credential read (a signed badge is a few kilobytes).
MAX_CREDENTIAL_LENGTH = 100_000


class VerifyIn(serializers.Serializer):
    credential = serializers.CharField(
        max_length=MAX_CREDENTIAL_LENGTH,
        trim_whitespace=True,
        help_text="The credential: its compact JWS (VC-JOSE), or the enveloped JSON holding it.",
    )


class VerdictOut(serializers.Serializer):
    valid = serializers.BooleanField()
    status = serializers.CharField(
        help_text=(
            "valid, revoked, expired, not_yet_valid, invalid_signature, unknown_key, "
            "revoked_key, retired_key, malformed"
        )
    )
    reason = serializers.CharField()
    key_id = serializers.CharField()
    credential_id = serializers.CharField()
    achievement = serializers.CharField()
    valid_from = serializers.CharField()
    valid_until = serializers.CharField()


@extend_schema(
    summary="Verify a credential (signature, key, revocation, dates)",
    request=VerifyIn,
    responses=VerdictOut,
    tags=["credentials"],
)
class CredentialVerify(APIView):
    """Reads nothing of the caller's and writes nothing: any token with "read" may ask."""

    scopes = {"POST": Scope.READ}

    def post(self, request):
        data = VerifyIn(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(verify(data.validated_data["credential"]).as_json())
