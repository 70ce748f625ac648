"""Who may act as which role, where and for whom: people.access and people.selectors."""

import pytest
from django.contrib.auth.models import AnonymousUser

from maillage.people import access
from maillage.people.models import Membership, Role
from maillage.people.selectors import visible_worker
from tests.factories import (
    BuyerGroupFactory,
    OrganisationFactory,
    TerritoryFactory,
    UserFactory,
    WorkerProfileFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def everyone(people, territory):
    """The shared people, plus an admin, a group manager of the school's group, a visitor."""
    group = BuyerGroupFactory(
        territory=territory, members=[people["buyer_member"].memberships.get().organisation]
    )
    manager = UserFactory()
    Membership.objects.create(user=manager, role=Role.GROUP_MANAGER, buyer_group=group)
    return {
        **people,
        "group_manager": manager,
        "admin": UserFactory(superuser=True),
        "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("coordinator", True),
        ("admin", True),
        ("other_coordinator", True),  # the role, somewhere: the page then scopes by territory
        ("worker", False),
        ("buyer_member", False),
        ("union_rep", False),
        ("stranger", False),
        ("anonymous", False),
    ],
)
def test_holds_any_role(everyone, who, allowed):
    assert access.holds_any_role(everyone[who], Role.COORDINATOR) is allowed


@pytest.mark.parametrize(
    ("who", "coordinated"),
    [
        ("coordinator", {"here"}),
        ("other_coordinator", {"there"}),
        ("admin", {"here", "there"}),
        ("worker", set()),
        ("buyer_member", set()),
        ("trainer", set()),
        ("stranger", set()),
        ("anonymous", set()),
    ],
)
def test_territories_coordinated_by(everyone, territory, who, coordinated):
    there = Membership.objects.get(user=everyone["other_coordinator"]).territory
    names = {territory.pk: "here", there.pk: "there"}
    found = {names[t.pk] for t in access.territories_coordinated_by(everyone[who]) if t.pk in names}
    assert found == coordinated
    assert access.coordinates(everyone[who], territory.pk) is ("here" in coordinated)
    assert access.coordinates(everyone[who], None) is False


def test_buyers_act_for_their_own_organisation_and_group_managers_for_the_members(everyone, school):
    other_school = Membership.objects.get(user=everyone["other_buyer"]).organisation
    assert list(access.organisations_buying_for(everyone["buyer_member"])) == [school]
    assert list(access.organisations_buying_for(everyone["other_buyer"])) == [other_school]
    assert list(access.organisations_buying_for(everyone["group_manager"])) == [school]
    for who in ("coordinator", "admin", "worker", "stranger", "anonymous"):
        assert list(access.organisations_buying_for(everyone[who])) == [], who
    assert access.buys_for(everyone["buyer_member"], school.pk) is True
    assert access.buys_for(everyone["other_buyer"], school.pk) is False
    assert access.buys_for(everyone["buyer_member"], None) is False


def test_a_worker_sees_only_their_own_profile_a_coordinator_their_territorys(
    everyone, territory, worker
):
    colleague = WorkerProfileFactory(territory=territory)
    elsewhere = WorkerProfileFactory(territory=TerritoryFactory())
    visible = {
        who: set(access.workers_visible_to(everyone[who]))
        for who in ("worker", "coordinator", "other_coordinator", "buyer_member", "stranger")
    }
    assert visible["worker"] == {worker}
    assert visible["coordinator"] == {worker, colleague}
    assert visible["other_coordinator"] == set()
    assert visible["buyer_member"] == set()
    assert visible["stranger"] == set()
    assert list(access.workers_visible_to(everyone["anonymous"])) == []
    assert {worker, colleague, elsewhere} <= set(access.workers_visible_to(everyone["admin"]))
    assert set(access.workers_coordinated_by(everyone["coordinator"])) == {worker, colleague}
    assert set(access.workers_coordinated_by(everyone["worker"])) == set()


def test_visible_worker_is_none_for_a_profile_the_user_may_not_see(everyone, territory, worker):
    colleague = WorkerProfileFactory(territory=territory)
    assert visible_worker(everyone["worker"], worker.pk) == worker
    assert visible_worker(everyone["worker"], colleague.pk) is None
    assert visible_worker(everyone["coordinator"], colleague.pk) == colleague
    assert visible_worker(everyone["other_coordinator"], colleague.pk) is None
    assert visible_worker(everyone["coordinator"], 0) is None


def test_own_worker_profile_and_the_worker_role(everyone, worker):
    assert access.own_worker_profile(everyone["worker"]) == worker
    assert access.is_worker(everyone["worker"]) is True
    for who in ("coordinator", "admin", "buyer_member", "stranger", "anonymous"):
        assert access.own_worker_profile(everyone[who]) is None, who
        assert access.is_worker(everyone[who]) is False, who


def test_an_organisation_without_members_is_bought_for_by_nobody(everyone):
    lonely = OrganisationFactory()
    assert not any(access.buys_for(user, lonely.pk) for user in everyone.values())
