"""Tokens only, scopes, problem+json errors in the request's language, throttling per token."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from maillage.tokens.models import ApiToken
from maillage.tokens.services import issue_token, revoke_token
from tests.api.conftest import TokenClient

pytestmark = pytest.mark.django_db

NEEDS = "/api/v1/needs/"


def _problem(response) -> dict:
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def test_without_a_token_the_answer_is_401_problem(api):
    response = api().get(NEEDS, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="maillage-api"'
    assert _problem(response) == {
        "type": "/api/v1/problems/not-authenticated",
        "title": "A valid API token is needed.",
        "status": 401,
        "detail": "Authentication credentials were not provided.",
    }


def test_a_session_is_not_enough(client, buyer):
    client.force_login(buyer)
    assert client.get(NEEDS).status_code == 401


def test_the_problem_speaks_the_requests_language(api, buyer):
    response = api().get(NEEDS, HTTP_ACCEPT_LANGUAGE="fr")
    assert _problem(response)["detail"] == "Informations d'authentification non fournies."
    refused = api(buyer).post(NEEDS, {}, format="json", HTTP_ACCEPT_LANGUAGE="fr")
    assert _problem(refused)["errors"]["title"] == ["Ce champ est obligatoire."]
    refused = api(buyer).post(NEEDS, {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert _problem(refused)["errors"]["title"] == ["This field is required."]


@pytest.mark.parametrize("state", ["expired", "revoked", "unknown"])
def test_expired_revoked_or_unknown_tokens_get_401(buyer, state):
    issued = issue_token(user=buyer, name="s", scopes="read", days=1)
    secret = issued.secret
    if state == "expired":
        ApiToken.objects.filter(pk=issued.token.pk).update(
            created_at=timezone.now() - dt.timedelta(days=3),
            expires_at=timezone.now() - dt.timedelta(days=1),
        )
    elif state == "revoked":
        revoke_token(token=issued.token, by=buyer)
    else:
        secret += "x"
    response = TokenClient(secret).get(NEEDS, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert (
        _problem(response)["detail"]
        == {
            "expired": "This token has expired.",
            "revoked": "This token was revoked.",
            "unknown": "Unknown token.",
        }[state]
    )


def test_a_token_without_the_scope_gets_403(api, buyer):
    response = api(buyer, "needs").get(NEEDS, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert _problem(response)["detail"] == "This token does not have the “read” scope."
    response = api(buyer, "read").post(NEEDS, {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert _problem(response)["detail"] == "This token does not have the “needs” scope."


def test_each_token_has_its_own_budget(api, buyer, settings):
    settings.MAILLAGE_API_TOKEN_RATE = "3/min"
    first, second = api(buyer, "read"), api(buyer, "read")
    assert [first.get(NEEDS).status_code for _ in range(3)] == [200, 200, 200]
    refused = first.get(NEEDS, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert _problem(refused)["title"] == "Too many requests for this token."
    assert int(refused["Retry-After"]) > 0
    assert second.get(NEEDS).status_code == 200


def test_a_request_that_is_not_json_gets_415(api, buyer):
    response = api(buyer).post(NEEDS, "title=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert _problem(response)["status"] == 415


def test_malformed_json_gets_400(api, buyer):
    response = api(buyer).post(NEEDS, "{", content_type="application/json")
    assert response.status_code == 400
    assert _problem(response)["type"] == "/api/v1/problems/invalid-input"


def test_an_id_beyond_any_integer_or_an_unknown_url_is_a_404_problem(api, buyer):
    client = api(buyer)
    huge = client.get(f"{NEEDS}{10**25}/")
    assert huge.status_code == 404
    assert _problem(huge)["type"] == "/api/v1/problems/not-found"
    elsewhere = client.post("/api/v1/nowhere/", {}, format="json")
    assert elsewhere.status_code == 404
    assert _problem(elsewhere)["status"] == 404
