"""A need's history is never rewritten, and once accepted its parts are read-only in the
admin: what was priced and planned stays what it was."""

import pytest
from django.urls import reverse

from maillage.missions.models import Mission, MissionTransition
from maillage.missions.services import move_mission
from tests.factories import MissionFactory
from tests.immutability import (
    admin_url,
    assert_frozen,
    assert_inlines_read_only,
    assert_never_deleted,
    assert_not_in_admin,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("state", ["accepted", "planned", "running", "done", "cancelled"])
def test_a_need_past_pricing_is_read_only_in_the_admin(admin_client, school, state):
    need = MissionFactory(buyer=school, fixed=True, state=state)
    page = admin_client.get(admin_url(need, "change", need.pk))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="_save"' not in html
    assert_inlines_read_only(html)
    assert admin_client.post(admin_url(need, "change", need.pk), {}).status_code == 403
    assert admin_client.get(admin_url(need, "delete", need.pk)).status_code == 403
    assert need.slots.count() == 1


@pytest.mark.parametrize("state", ["draft", "priced"])
def test_a_need_still_being_priced_can_be_edited_in_the_admin(admin_client, school, state):
    need = MissionFactory(buyer=school, fixed=True, state=state)
    html = admin_client.get(admin_url(need, "change", need.pk)).content.decode()
    assert 'name="_save"' in html
    assert "slots-0-DELETE" in html


def test_a_needs_history_is_never_rewritten(need, coordinator):
    move_mission(mission=need, to_state="priced", by=coordinator)
    logged = need.transitions.get()
    assert_frozen(logged, to_state="done")
    assert_never_deleted(logged)
    assert_not_in_admin(MissionTransition)
    need.refresh_from_db()
    assert need.state == "priced"


def test_a_need_with_a_history_is_kept(admin_client, need, coordinator):
    move_mission(mission=need, to_state="cancelled", by=coordinator, reason="Plus besoin")
    page = admin_client.post(reverse("admin:missions_mission_delete", args=[need.pk]), {})
    assert page.status_code == 403
    assert Mission.objects.filter(pk=need.pk).exists()
