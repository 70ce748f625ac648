"""The person's data pages: the JSON download, the readable summary, the erasure."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.models import ErasureRequest
from maillage.people.models import User
from tests.factories import PASSWORD, UserFactory, WorkerProfileFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def test_the_download_is_the_persons_own_data(client, territory):
    profile = WorkerProfileFactory(territory=territory, qualified=True)
    other = WorkerProfileFactory(territory=territory, qualified=True)
    client.force_login(profile.user)
    response = client.get(reverse("accounts:data_json"))
    assert response["Content-Disposition"] == 'attachment; filename="maillage-my-data.json"'
    data = json.loads(response.content)
    assert [u["email"] for u in data["records"]["people.User"]] == [profile.user.email]
    assert other.user.email not in response.content.decode()


def test_the_summary_reads_the_same_data(client, territory):
    profile = WorkerProfileFactory(territory=territory, qualified=True, bio="Ancienne libraire")
    client.force_login(profile.user)
    page = client.get(reverse("accounts:data_summary")).content.decode()
    assert "Ancienne libraire" in page
    assert "people.AvailabilityWindow" in page
    # When it was made, in words (not the export's ISO 8601), in the Paris time zone.
    made = re.search(r"Summary made on ([^<]*)\. <a", page)
    assert made is not None
    now = timezone.localtime()
    assert re.fullmatch(rf"{now.day} {now:%B} {now.year}, \d{{2}}:\d{{2}}", made.group(1))


def test_erasure_needs_the_password_and_the_confirmation(client, territory):
    user = WorkerProfileFactory(territory=territory, qualified=True).user
    client.force_login(user)
    client.post(reverse("accounts:erase"), {"password": "wrong", "confirm": "on"})
    client.post(reverse("accounts:erase"), {"password": PASSWORD})
    assert User.objects.get(pk=user.pk).is_active is True
    assert not ErasureRequest.objects.exists()


def test_erasure_signs_out_and_says_what_is_kept(client, territory):
    user = WorkerProfileFactory(territory=territory, qualified=True).user
    client.force_login(user)
    response = client.post(reverse("accounts:erase"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 200
    assert "Your account is erased" in response.content.decode()
    assert "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert (user.is_active, user.email) == (False, f"erased-{user.pk}@erased.invalid")
    assert (
        client.post(reverse("home:login"), {"login": user.email, "password": PASSWORD}).status_code
        == 200
    )


def test_the_data_pages_need_a_sign_in(client, db):
    for name in ["accounts:my_data", "accounts:data_json", "accounts:data_summary"]:
        assert client.get(reverse(name)).status_code == 302
    assert UserFactory() and not ErasureRequest.objects.exists()
