"""The API tokens page: make a token (its secret shown once, once per form), revoke it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.core.idempotency import new_token
from maillage.tokens.models import ApiToken
from maillage.tokens.services import authenticate, issue_token
from tests.factories import UserFactory
from tests.www.test_form_fuzz import Endpoint, data_for, post_as_every_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

URL = "/en/api-tokens/"


def _post(client, **fields):
    data = {"name": "export", "scopes": ["read", "timesheets"], "days": "30"} | fields
    return client.post(URL, data)


def test_the_url_names_the_page():
    assert reverse("tokens:list") == URL


def test_a_new_token_is_shown_once_then_only_its_prefix(client, buyer):
    client.force_login(buyer)
    response = _post(client, idempotency_key=new_token())
    assert (response.status_code, response["Location"]) == (302, URL)
    page = client.get(URL).content.decode()
    token = ApiToken.objects.get(user=buyer)
    secret = page.split('id="new-token" type="text" readonly value="')[1].split('"')[0]
    assert authenticate(secret).pk == token.pk
    assert token.scopes == "read timesheets"
    again = client.get(URL).content.decode()
    assert secret not in again
    assert f"{token.prefix}…" in again


def test_a_double_submit_makes_one_token_and_still_shows_its_secret(client, buyer):
    client.force_login(buyer)
    key = new_token()
    _post(client, idempotency_key=key)
    _post(client, idempotency_key=key)
    assert ApiToken.objects.filter(user=buyer).count() == 1
    page = client.get(URL).content.decode()
    assert 'id="new-token"' in page


def test_a_wrong_form_says_why_and_makes_nothing(client, buyer):
    client.force_login(buyer)
    response = _post(client, name="", scopes=["root"], days="999")
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "name": ["This field is required."],
        "scopes": ["Select a valid choice. root is not one of the available choices."],
        "days": ["Ensure this value is less than or equal to 365."],
    }
    assert ApiToken.objects.count() == 0


def test_the_owner_revokes_a_token_and_a_stranger_gets_404(client, buyer):
    issued = issue_token(user=buyer, name="export", scopes="read")
    client.force_login(UserFactory())
    assert client.post(f"{URL}{issued.token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get().revoked_at is None
    client.force_login(buyer)
    response = client.post(f"{URL}{issued.token.pk}/revoke/")
    assert response.status_code == 302
    assert ApiToken.objects.get().revoked_at is not None
    assert "revoked" in client.get(URL).content.decode()


def test_the_list_shows_only_ones_own_tokens_in_few_queries(
    client, buyer, django_assert_max_num_queries
):
    for n in range(5):
        issue_token(user=buyer, name=f"mine {n}", scopes="read")
    issue_token(user=UserFactory(), name="not mine", scopes="read")
    client.force_login(buyer)
    with django_assert_max_num_queries(12):
        page = client.get(URL).content.decode()
    assert page.count("mine ") == 5
    assert "not mine" not in page


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_no_input_gets_a_server_error(client, people):
    endpoint = Endpoint(
        "tokens:list",
        fields=["name", "scopes", "days"],
        valid={"name": "script", "scopes": "read", "days": "30"},
    )
    post_as_every_role(
        client,
        url=reverse("tokens:list"),
        users=people,
        roles=("worker", "buyer_member", "stranger"),
        strategy=data_for(endpoint, ["1", "30"]),
        examples=15,
    )
