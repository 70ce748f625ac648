"""The audit log's page and export: coordinators read their territories', admins all."""

import pytest
from django.urls import reverse

from maillage.audit.models import AuditEvent
from tests.factories import TerritoryFactory, UserFactory, member_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def world(db):
    territory, other = TerritoryFactory(name="Ici"), TerritoryFactory(name="Ailleurs")
    users = {
        "coordinator": member_with_role("coordinator", territory),
        "other_coordinator": member_with_role("coordinator", other),
        "union_rep": member_with_role("union_rep", territory),
        "worker": member_with_role("worker", territory),
        "admin": UserFactory(superuser=True),
        "stranger": UserFactory(),
    }
    here = AuditEvent.objects.create(
        action="pricing.charter_issued",
        actor_label="alice@example.org",
        territory=territory,
        target_label='=HYPERLINK("x")',
    )
    there = AuditEvent.objects.create(
        action="pricing.charter_issued", actor_label="bob@example.org", territory=other
    )
    nowhere = AuditEvent.objects.create(action="accounts.login_new_device", actor_label="c@x.org")
    return {
        "users": users,
        "here": here,
        "there": there,
        "nowhere": nowhere,
        "territory": territory,
    }


STATUS = {
    "coordinator": 200,
    "other_coordinator": 200,
    "admin": 200,
    "union_rep": 403,
    "worker": 403,
    "stranger": 403,
}


@pytest.mark.parametrize("role", sorted(STATUS))
def test_who_reads_the_log(client, world, role):
    client.force_login(world["users"][role])
    response = client.get(reverse("audit:log"))
    assert response.status_code == STATUS[role]
    assert client.get(reverse("audit:export")).status_code == STATUS[role]
    if STATUS[role] != 200:
        return
    shown = set(response.context["page"].object_list)
    expected = {
        "coordinator": {world["here"]},
        "other_coordinator": {world["there"]},
        "admin": {world["here"], world["there"], world["nowhere"]},
    }[role]
    assert expected <= shown
    if role != "admin":  # nothing of another territory, no sign-in event
        (event,) = expected
        assert {e.territory_id for e in shown} == {event.territory_id}


def test_filters(client, world):
    client.force_login(world["users"]["admin"])
    url = reverse("audit:log")
    by_actor = client.get(url, {"actor": "bob@"}).context["page"].object_list
    assert list(by_actor) == [world["there"]]
    by_action = client.get(url, {"action": "login_new", "actor": "c@x"}).context["page"].object_list
    assert list(by_action) == [world["nowhere"]]
    by_territory = client.get(url, {"territory": world["territory"].pk, "action": "charter"})
    assert list(by_territory.context["page"].object_list) == [world["here"]]
    in_the_past = client.get(url, {"until": "2000-01-01"}).context["page"].object_list
    assert list(in_the_past) == []


def test_the_export_is_formula_safe(client, world):
    client.force_login(world["users"]["coordinator"])
    response = client.get(reverse("audit:export"), {"action": "charter"})
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("When;Who;Action;")
    assert len(lines) == 2
    assert ';"\'=HYPERLINK(""x"")";' in lines[1]


def test_the_page_costs_the_same_queries_whatever_the_log_length(
    client, world, django_assert_max_num_queries
):
    client.force_login(world["users"]["admin"])
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("audit:log"))
    AuditEvent.objects.bulk_create(
        AuditEvent(action="test.act", territory=world["territory"]) for _ in range(60)
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("audit:log"))
