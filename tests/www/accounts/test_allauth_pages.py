"""Sign-up with a verified address, password reset, email change, sessions, lock-out, TOTP."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.core import mail
from django.test import Client
from django.urls import reverse

from maillage.core.signals import sensitive_act
from maillage.people.models import User
from tests.factories import PASSWORD, UserFactory, member_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

NEW_PASSWORD = "a-long-and-new-passphrase-42"


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body)[1]


def _sign_in(client, email: str, password: str = PASSWORD):
    return client.post(reverse("home:login"), {"login": email, "password": password})


def test_sign_up_needs_the_emailed_link_before_signing_in(client):
    response = client.post(
        reverse("account_signup"), {"email": "Nouvelle@Example.org", "password1": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="nouvelle@example.org")
    assert list(EmailAddress.objects.filter(user=user).values_list("verified", flat=True)) == [
        False
    ]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nouvelle@example.org"]
    link = _link(mail.outbox[0])
    assert link.startswith("/en/notifications/")

    client.logout()
    refused = _sign_in(client, "nouvelle@example.org", NEW_PASSWORD)
    assert refused["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    assert client.post(link).status_code == 302
    assert EmailAddress.objects.get(user=user).verified is True
    signed_in = _sign_in(client, "nouvelle@example.org", NEW_PASSWORD)
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_new_account_without_a_role_is_sent_to_the_start_page(client):
    client.post(reverse("account_signup"), {"email": "new@example.org", "password1": NEW_PASSWORD})
    client.post(_link(mail.outbox[0]))
    assert client.get(reverse("home:role_home")).status_code == 200
    assert client.get(reverse("accounts:start")).status_code == 200


def test_sign_up_refuses_an_address_already_taken_without_a_second_account(client):
    UserFactory(email="taken@example.org")
    client.post(
        reverse("account_signup"), {"email": "taken@example.org", "password1": NEW_PASSWORD}
    )
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1


def test_accounts_made_by_the_cooperative_still_sign_in_with_the_old_field_name(client):
    user = UserFactory()
    response = client.post(reverse("home:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_password_reset_by_emailed_link(client):
    user = UserFactory(email="reset@example.org")
    response = client.post(reverse("account_reset_password"), {"email": "reset@example.org"})
    assert response["Location"] == reverse("account_reset_password_done")
    assert mail.outbox[0].to == ["reset@example.org"]

    key_page = client.get(_link(mail.outbox[0]))
    assert key_page.status_code == 302  # allauth moves the key into the session
    form_url = key_page["Location"]
    done = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_reset_for_an_unknown_address_sends_nothing_that_reveals_an_account(client):
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert [m.to for m in mail.outbox] in ([], [["nobody@example.org"]])
    assert not User.objects.filter(email="nobody@example.org").exists()


def test_changing_the_email_address_sends_a_confirmation_to_the_new_one(client):
    user = UserFactory(email="old@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.force_login(user)
    response = client.post(reverse("account_email"), {"action_add": "", "email": "new@example.org"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new@example.org"]
    client.post(_link(mail.outbox[-1]))
    user.refresh_from_db()
    assert user.email == "new@example.org"


def test_five_failures_lock_the_address_even_with_the_right_password(client):
    user = UserFactory(email="target@example.org")
    acts: list[dict] = []

    def listen(sender, **kwargs):
        acts.append(kwargs)

    sensitive_act.connect(listen)
    try:
        for _attempt in range(5):
            assert _sign_in(client, user.email, "wrong-password").status_code == 200
        locked = _sign_in(client, user.email, PASSWORD)
    finally:
        sensitive_act.disconnect(listen)

    assert locked.status_code == 200
    assert "Too many failed login attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert [act["action"] for act in acts] == ["accounts.signin_failed"] * 5 + [
        "accounts.signin_locked"
    ]
    assert acts[0]["target"] == user


def test_failures_from_one_address_lock_it_for_every_account(client):
    users = [UserFactory() for _ in range(11)]
    for user in users[:10]:
        _sign_in(client, user.email, "wrong-password")
    assert _sign_in(client, users[10].email, PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_sessions_page_lists_and_ends_the_other_sessions(client):
    user = UserFactory()
    other = Client()
    _sign_in(other, user.email)
    _sign_in(client, user.email)
    assert UserSession.objects.filter(user=user).count() == 2

    page = client.get(reverse("usersessions_list"))
    assert page.status_code == 200
    client.post(reverse("usersessions_list"), {"action": "sign_out_other"})
    assert UserSession.objects.filter(user=user).count() == 1
    assert other.get(reverse("accounts:home")).status_code == 302


def test_two_factor_is_offered_to_coordinators_only(client, territory):
    coordinator = member_with_role("coordinator", territory=territory)
    worker = member_with_role("worker", territory=territory)
    client.force_login(coordinator)
    assert reverse("mfa_index") in client.get(reverse("accounts:home")).content.decode()
    client.force_login(worker)
    assert reverse("mfa_index") not in client.get(reverse("accounts:home")).content.decode()


@pytest.mark.parametrize(("role", "message"), [("worker", True), ("coordinator", False)])
def test_only_coordinators_may_turn_two_factor_on(client, territory, role, message):
    user = member_with_role(role, territory=territory)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    refusal = "Two-factor sign-in is offered to coordinators and administrators."
    assert (refusal in response.content.decode()) is message
    assert not Authenticator.objects.filter(user=user).exists()


def test_account_pages_answer_in_french_and_english(client):
    client.force_login(UserFactory())
    for name in ["accounts:home", "account_email", "account_change_password", "usersessions_list"]:
        assert client.get(reverse(name)).status_code == 200
    assert client.get("/fr/account/").status_code == 200


def test_a_coordinator_with_totp_is_asked_for_the_code_at_sign_in(client, territory):
    from allauth.mfa.totp.internal import auth as totp

    coordinator = member_with_role("coordinator", territory=territory)
    secret = totp.generate_totp_secret()
    totp.TOTP.activate(coordinator, secret)
    response = _sign_in(client, coordinator.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    counter = next(totp.yield_hotp_counters_from_time())
    code = totp.format_hotp_value(totp.hotp_value(secret, counter))
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert client.session["_auth_user_id"] == str(coordinator.pk)
