"""The sign-in page: allauth's view under our URL and template."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def test_the_page_offers_reset_and_sign_up(client):
    page = client.get(reverse("home:login")).content.decode()
    assert reverse("account_reset_password") in page
    assert reverse("account_signup") in page
    assert 'name="login"' in page


def test_a_wrong_password_signs_nobody_in(client):
    user = UserFactory()
    response = client.post(reverse("home:login"), {"login": user.email, "password": "nope"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_next_page_is_kept(client):
    user = UserFactory()
    response = client.post(
        reverse("home:login") + "?next=/en/account/",
        {"login": user.email, "password": PASSWORD, "next": "/en/account/"},
    )
    assert response["Location"] == "/en/account/"


def test_a_signed_in_visitor_goes_home(client):
    client.force_login(UserFactory())
    assert client.get(reverse("home:login"))["Location"] == reverse("home:role_home")
