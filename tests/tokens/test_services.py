"""Personal access tokens: issued with a hash only, refused when expired or revoked."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from maillage.tokens.models import ApiToken
from maillage.tokens.services import (
    MAX_ACTIVE_TOKENS,
    TokenRefused,
    authenticate,
    issue_token,
    revoke_token,
)
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def test_a_token_keeps_only_the_hash_of_its_secret():
    user = UserFactory()
    issued = issue_token(user=user, name="export", scopes="needs,read", days=10, now=NOW)
    token = ApiToken.objects.get()
    assert issued.secret.startswith(token.prefix + "_")
    assert token.prefix.startswith("mlg_") and len(token.prefix) == 12
    assert token.secret_hash == hashlib.sha256(issued.secret.encode()).hexdigest()
    assert issued.secret not in str(ApiToken.objects.values().get())
    assert token.scopes == "read needs"  # in the order of the list, deduplicated
    assert token.expires_at == NOW + dt.timedelta(days=10)
    assert (token.user, token.name, token.revoked_at, token.last_used_at) == (
        user,
        "export",
        None,
        None,
    )


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"name": " "}, {"name": ["Give the token a name."]}),
        ({"name": "x" * 101}, {"name": ["A name is at most 100 characters."]}),
        (
            {"scopes": "read,admin"},
            {
                "scopes": [
                    "Unknown scope: admin. Known scopes: read, needs, quotes, timesheets, invoices."
                ]
            },
        ),
        ({"scopes": ""}, {"scopes": ["Choose at least one scope."]}),
        ({"days": 0}, {"days": ["A token lasts from 1 to 365 days."]}),
        ({"days": 366}, {"days": ["A token lasts from 1 to 365 days."]}),
    ],
)
def test_a_wrong_request_makes_no_token(fields, errors):
    arguments = {"user": UserFactory(), "name": "script", "scopes": "read", "days": 30} | fields
    with pytest.raises(ValidationError) as refused:
        issue_token(**arguments)
    assert refused.value.message_dict == errors
    assert ApiToken.objects.count() == 0


def test_a_person_holds_a_bounded_number_of_active_tokens():
    user = UserFactory()
    for n in range(MAX_ACTIVE_TOKENS):
        issue_token(user=user, name=f"t{n}", scopes="read")
    with pytest.raises(ValidationError) as refused:
        issue_token(user=user, name="one more", scopes="read")
    assert refused.value.messages == ["You hold 20 active tokens already: revoke one first."]
    revoke_token(token=ApiToken.objects.first(), by=user)
    issue_token(user=user, name="one more", scopes="read")
    assert ApiToken.objects.filter(user=user).count() == MAX_ACTIVE_TOKENS + 1


def test_authenticate_finds_the_token_and_notes_its_use_once_a_minute():
    issued = issue_token(user=UserFactory(), name="s", scopes="read", now=NOW)
    assert authenticate(issued.secret, now=NOW).pk == issued.token.pk
    assert ApiToken.objects.get().last_used_at == NOW
    authenticate(issued.secret, now=NOW + dt.timedelta(seconds=30))
    assert ApiToken.objects.get().last_used_at == NOW
    authenticate(issued.secret, now=NOW + dt.timedelta(minutes=2))
    assert ApiToken.objects.get().last_used_at == NOW + dt.timedelta(minutes=2)


def test_expired_revoked_unknown_and_inactive_tokens_are_refused():
    user = UserFactory()
    issued = issue_token(user=user, name="s", scopes="read", days=1, now=NOW)
    with pytest.raises(TokenRefused, match=re.escape("This token has expired.")):
        authenticate(issued.secret, now=NOW + dt.timedelta(days=1))
    with pytest.raises(TokenRefused, match=re.escape("Unknown token.")):
        authenticate(issued.secret + "x", now=NOW)
    with pytest.raises(TokenRefused, match=re.escape("This is not a Maillage token.")):
        authenticate("abc", now=NOW)
    revoke_token(token=issued.token, by=user, now=NOW)
    with pytest.raises(TokenRefused, match=re.escape("This token was revoked.")):
        authenticate(issued.secret, now=NOW)
    other = issue_token(user=user, name="t", scopes="read", now=NOW)
    user.is_active = False
    user.save()
    with pytest.raises(TokenRefused, match=re.escape("Unknown token.")):
        authenticate(other.secret, now=NOW)


def test_only_the_owner_revokes_and_revoking_twice_keeps_the_first_date():
    owner, stranger = UserFactory(), UserFactory()
    issued = issue_token(user=owner, name="s", scopes="read")
    with pytest.raises(ValidationError):
        revoke_token(token=issued.token, by=stranger)
    assert ApiToken.objects.get().revoked_at is None
    revoke_token(token=issued.token, by=owner, now=NOW)
    revoke_token(token=issued.token, by=owner, now=NOW + dt.timedelta(days=1))
    assert ApiToken.objects.get().revoked_at == NOW


def test_the_command_prints_a_new_token():
    user = UserFactory(email="dev@example.org")
    out, err = StringIO(), StringIO()
    call_command(
        "api_token",
        "--user",
        "DEV@example.org",
        "--scopes",
        "read,needs",
        "--days",
        "7",
        stdout=out,
        stderr=err,
    )
    secret = out.getvalue().strip()
    token = authenticate(secret)
    assert (token.user, token.scopes) == (user, "read needs")
    assert token.expires_at.date() == (timezone.now() + dt.timedelta(days=7)).date()
    assert secret not in err.getvalue()


def test_the_command_refuses_an_unknown_user_or_scope():
    UserFactory(email="dev@example.org")
    with pytest.raises(CommandError, match=re.escape("No user with the email nobody@example.org.")):
        call_command("api_token", "--user", "nobody@example.org", "--scopes", "read")
    with pytest.raises(CommandError, match=re.escape("Unknown scope: root")):
        call_command("api_token", "--user", "dev@example.org", "--scopes", "root")
    assert ApiToken.objects.count() == 0
