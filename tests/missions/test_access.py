"""Who may see a need: missions.access and missions.selectors."""

import pytest
from django.contrib.auth.models import AnonymousUser

from maillage.missions import access
from maillage.missions.selectors import visible_mission
from maillage.people.models import Membership
from tests.factories import MissionFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SEES_THE_NEED = {"buyer_member", "coordinator"}


@pytest.fixture
def elsewhere(people):
    """A need of the other buyer's organisation, on the other coordinator's territory."""
    return MissionFactory(buyer=Membership.objects.get(user=people["other_buyer"]).organisation)


@pytest.mark.parametrize(
    "who",
    [
        "buyer_member",
        "coordinator",
        "worker",
        "union_rep",
        "trainer",
        "other_buyer",
        "other_coordinator",
        "stranger",
    ],
)
def test_a_need_is_seen_by_its_buyer_and_its_territorys_coordinator(people, need, who):
    user = people[who]
    allowed = who in SEES_THE_NEED
    assert access.can_see_mission(user, need) is allowed
    assert (need in access.missions_visible_to(user)) is allowed
    assert visible_mission(user, need.pk) == (need if allowed else None)


def test_the_buyers_list_and_the_coordinators_list(people, need, elsewhere):
    assert list(access.missions_bought_by(people["buyer_member"])) == [need]
    assert list(access.missions_bought_by(people["other_buyer"])) == [elsewhere]
    assert list(access.missions_bought_by(people["coordinator"])) == []
    assert list(access.missions_coordinated_by(people["coordinator"])) == [need]
    assert list(access.missions_coordinated_by(people["other_coordinator"])) == [elsewhere]
    assert list(access.missions_coordinated_by(people["buyer_member"])) == []


def test_an_admin_sees_every_need_an_anonymous_visitor_none(need, elsewhere):
    admin = UserFactory(superuser=True)
    assert {need, elsewhere} <= set(access.missions_visible_to(admin))
    assert visible_mission(AnonymousUser(), need.pk) is None
    assert list(access.missions_visible_to(AnonymousUser())) == []


def test_only_a_buyer_of_the_organisation_posts_a_need_in_its_name(people, school):
    assert access.can_post_need(people["buyer_member"], school) is True
    for who in ("other_buyer", "coordinator", "worker", "stranger"):
        assert access.can_post_need(people[who], school) is False, who
    assert access.can_post_need(people["buyer_member"], OrganisationFactory()) is False


def test_a_need_that_does_not_exist_is_none(people):
    assert visible_mission(people["coordinator"], 0) is None
