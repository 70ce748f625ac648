"""The coordinator records who an employer group employs, and when it ends; others cannot."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.core import idempotency
from maillage.wages.models import GroupEmployment

pytestmark = pytest.mark.django_db


def _employ(client, user, world, **changes):
    client.force_login(user)
    data = {
        "group": world.group.pk,
        "worker": world.bruno.pk,
        "first_month": "2026-12",
        "fee_percent": "7.5",
        "idempotency_key": idempotency.new_token(),
        **changes,
    }
    return client.post(reverse("wages:employ"), data)


def test_the_coordinator_records_a_group_employment(client, exported):
    response = _employ(client, exported.users["coordinator"], exported)

    assert response.status_code == 302
    employment = GroupEmployment.objects.get(worker=exported.bruno)
    assert (employment.group, employment.first_month, employment.fee_rate) == (
        exported.group,
        dt.date(2026, 12, 1),
        Decimal("0.0750"),
    )


def test_a_worker_already_employed_by_a_group_is_refused_on_the_form(client, exported):
    response = _employ(client, exported.users["coordinator"], exported, worker=exported.alice.pk)

    assert response.status_code == 400
    assert response.context["employ_form"].errors["worker"]
    assert GroupEmployment.objects.count() == 1


def test_a_fee_of_half_the_cost_is_refused(client, exported):
    response = _employ(client, exported.users["coordinator"], exported, fee_percent="50")

    assert response.status_code == 400
    assert response.context["employ_form"].errors["fee_percent"]


@pytest.mark.parametrize("role", ["union_rep", "buyer_member", "group_manager", "stranger"])
def test_only_a_coordinator_records_one(client, exported, role):
    assert _employ(client, exported.users[role], exported).status_code == 403
    assert GroupEmployment.objects.count() == 1


def test_another_territorys_coordinator_cannot_choose_this_group(client, exported):
    response = _employ(client, exported.users["other_coordinator"], exported)

    assert response.status_code == 400
    assert GroupEmployment.objects.count() == 1


def test_the_coordinator_ends_an_employment_once(client, exported):
    client.force_login(exported.users["coordinator"])
    url = reverse("wages:end_employment", args=[exported.employment.pk])

    assert client.post(url, {"last_month": "2027-01"}).status_code == 302
    assert client.post(url, {"last_month": "2027-03"}).status_code == 302

    exported.employment.refresh_from_db()
    assert exported.employment.last_month == dt.date(2027, 1, 1)


def test_ending_is_refused_to_others(client, exported):
    url = reverse("wages:end_employment", args=[exported.employment.pk])
    for role, status in (("other_coordinator", 404), ("buyer_member", 403), ("stranger", 403)):
        client.force_login(exported.users[role])
        assert client.post(url, {"last_month": "2027-01"}).status_code == status
    exported.employment.refresh_from_db()
    assert exported.employment.last_month is None
