"""A coordinator confirms a worker's declared level above 4 from the territory page."""

import datetime as dt

import pytest
from django.urls import reverse

from maillage.skills.services import claim_skill
from tests.factories import skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(worker):
    return claim_skill(
        worker=worker, skill=skill("web-upkeep"), level=6, by=worker.user, on=dt.date(2026, 10, 1)
    )


def test_the_coordinator_sees_and_confirms_a_pending_level(client, coordinator, pending):
    client.force_login(coordinator)
    page = client.get(reverse("coordinator:home")).content.decode()
    url = reverse("coordinator:confirm_level", args=[pending.pk])
    assert f'action="{url}"' in page
    response = client.post(url)
    assert response["Location"] == reverse("coordinator:home")
    pending.refresh_from_db()
    assert (pending.level, pending.declared_level, pending.confirmed_by) == (6, None, coordinator)


@pytest.mark.parametrize(("role", "status"), [("other_coordinator", 404), ("worker", 403)])
def test_nobody_else_confirms(client, people, pending, role, status):
    client.force_login(people[role])
    response = client.post(reverse("coordinator:confirm_level", args=[pending.pk]))
    assert response.status_code == status
    pending.refresh_from_db()
    assert (pending.level, pending.declared_level) == (4, 6)
