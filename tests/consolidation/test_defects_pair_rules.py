"""Pins need a qualified worker; pins and prohibitions can be removed, and who removed them
is kept."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from maillage.consolidation.models import PairRule
from maillage.consolidation.services import add_pair_rule, revoke_pair_rule
from maillage.people.models import Role
from tests.factories import TerritoryFactory, member_with_role

pytestmark = pytest.mark.django_db


def _refusal(world, worker_name, mission_name):
    with pytest.raises(ValidationError) as refused:
        add_pair_rule(
            mission=world.missions_by_name[mission_name],
            worker=world.workers_by_name[worker_name],
            kind=PairRule.Kind.PIN,
            by=world.coordinator,
        )
    return refused.value.message_dict


def test_a_pin_to_a_worker_without_the_skill_is_refused_with_the_reason(world):
    with translation.override("en"):
        errors = _refusal(world, "Alice", "M3")
    assert errors == {
        "worker": [
            "Alice Secret cannot be pinned to this need: it requires Website upkeep at "
            "level 3, and they do not have that skill."
        ]
    }
    assert PairRule.objects.count() == 0


def test_a_pin_to_a_worker_one_level_short_says_their_level(world):
    with translation.override("en"):
        errors = _refusal(world, "Chloé", "M3")
    assert errors == {
        "worker": [
            "Chloé Secret cannot be pinned to this need: it requires Website upkeep at "
            "level 3, and they have level 2."
        ]
    }
    assert PairRule.objects.count() == 0


def test_a_qualified_pin_and_any_prohibition_are_accepted(world):
    pin = add_pair_rule(
        mission=world.missions_by_name["M1"],
        worker=world.workers_by_name["Alice"],
        kind=PairRule.Kind.PIN,
        by=world.coordinator,
    )
    forbid = add_pair_rule(
        mission=world.missions_by_name["M3"],
        worker=world.workers_by_name["Alice"],
        kind=PairRule.Kind.FORBID,
        by=world.coordinator,
    )
    assert set(PairRule.objects.filter(revoked_at__isnull=True)) == {pin, forbid}


def test_removing_a_rule_records_who_removed_it_and_keeps_the_row(world):
    rule = add_pair_rule(
        mission=world.missions_by_name["M1"],
        worker=world.workers_by_name["Alice"],
        kind=PairRule.Kind.PIN,
        by=world.coordinator,
    )
    removed = revoke_pair_rule(rule=rule, by=world.coordinator)
    rule.refresh_from_db()
    assert (rule.revoked_by, rule.revoked_at) == (world.coordinator, removed.revoked_at)
    assert rule.revoked_at is not None
    with pytest.raises(ValidationError):
        revoke_pair_rule(rule=rule, by=world.coordinator)


def _pin_from_the_page(client, planned, mission_name, *, reason="", language="en"):
    """The coordinator pins Alice to a mission with the plan page's form."""
    client.force_login(planned.coordinator)
    with translation.override(language):
        url = reverse("plans:pair_rule", args=[planned.published.pk])
    data = {
        "mission": planned.missions_by_name[mission_name].pk,
        "worker": planned.workers_by_name["Alice"].pk,
        "kind": "pin",
        "reason": reason,
    }
    return client.post(url, data, follow=True)


def test_the_plan_page_refuses_an_unqualified_pin_and_says_why(client, planned):
    response = _pin_from_the_page(client, planned, "M3")
    assert PairRule.objects.count() == 0
    assert "it requires Website upkeep at level 3" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Reason: Ensure this value has at most 300 characters (it has 301)."),
        (
            "fr",
            "Motif : Assurez-vous que cette valeur comporte au plus 300 caractères "
            "(actuellement 301).",
        ),
    ],
)
def test_a_pin_with_a_reason_too_long_names_the_reason_and_stores_nothing(
    client, planned, language, expected
):
    response = _pin_from_the_page(client, planned, "M1", reason="x" * 301, language=language)
    assert [str(m) for m in response.context["messages"]] == [expected]
    assert PairRule.objects.count() == 0


def test_the_plan_page_removes_a_rule_with_a_button(client, planned):
    rule = add_pair_rule(
        mission=planned.missions_by_name["M1"],
        worker=planned.workers_by_name["Alice"],
        kind=PairRule.Kind.PIN,
        by=planned.coordinator,
    )
    client.force_login(planned.coordinator)
    page = client.get(reverse("plans:version", args=[planned.published.pk])).content.decode()
    remove_url = reverse("plans:pair_rule_remove", args=[planned.published.pk, rule.pk])
    assert f'action="{remove_url}"' in page
    assert client.get(remove_url).status_code == 405
    response = client.post(remove_url)
    assert response.status_code == 302
    assert response.url == reverse("plans:version", args=[planned.published.pk])
    rule.refresh_from_db()
    assert rule.revoked_by == planned.coordinator
    page = client.get(reverse("plans:version", args=[planned.published.pk])).content.decode()
    assert f'action="{remove_url}"' not in page


def test_a_coordinator_of_another_territory_cannot_remove_a_rule(client, planned):
    rule = add_pair_rule(
        mission=planned.missions_by_name["M1"],
        worker=planned.workers_by_name["Alice"],
        kind=PairRule.Kind.FORBID,
        by=planned.coordinator,
    )
    stranger = member_with_role(Role.COORDINATOR, TerritoryFactory())
    client.force_login(stranger)
    response = client.post(reverse("plans:pair_rule_remove", args=[planned.published.pk, rule.pk]))
    assert response.status_code == 404
    rule.refresh_from_db()
    assert (rule.revoked_at, rule.revoked_by) == (None, None)


def test_the_same_rule_sent_twice_stays_one_active_rule_and_revokes_nothing(world):
    def pin(reason):
        return add_pair_rule(
            mission=world.missions_by_name["M1"],
            worker=world.workers_by_name["Alice"],
            kind=PairRule.Kind.PIN,
            by=world.coordinator,
            reason=reason,
        )

    first = pin("<b>same</b>")
    assert pin("<b>same</b>") == first  # a double click
    assert list(PairRule.objects.all()) == [first]
    changed = pin("another reason")  # a new decision replaces it and keeps the old row
    first.refresh_from_db()
    assert first.revoked_at is not None and changed.revoked_at is None
    assert PairRule.objects.count() == 2
