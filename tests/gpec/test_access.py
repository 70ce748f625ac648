"""Who sees which GPEC figures: gpec.access and gpec.selectors."""

import pytest
from django.contrib.auth.models import AnonymousUser

from maillage.gpec import access, selectors
from maillage.gpec.tables import AGGREGATE, COORDINATOR, TRAINER
from maillage.people.models import Membership, Role
from tests.factories import (
    GpecJobFactory,
    HouseholdSituationFactory,
    ThirdPlaceFactory,
    UserFactory,
    WorkerProfileFactory,
    member_with_role,
)

pytestmark = pytest.mark.django_db

AUDIENCE = {
    "coordinator": COORDINATOR,
    "trainer": TRAINER,
    "union_rep": AGGREGATE,
    "worker": None,
    "buyer_member": None,
    "other_coordinator": None,
    "other_buyer": None,
    "stranger": None,
}


@pytest.mark.parametrize(("who", "audience"), sorted(AUDIENCE.items()))
def test_the_audience_of_each_role_on_the_territory(people, territory, who, audience):
    user = people[who]
    assert access.gpec_audience(user, territory) == audience
    assert selectors.dashboard_territory(user, territory.slug) == (territory if audience else None)
    assert (territory in access.dashboard_territories(user)) is (audience is not None)
    assert access.can_start_gpec_job(user, territory) is (audience == COORDINATOR)


def test_the_widest_audience_wins_and_an_admin_coordinates_everywhere(people, territory):
    both = member_with_role(Role.TRAINER, territory)
    Membership.objects.create(user=both, role=Role.COORDINATOR, territory=territory)
    assert access.gpec_audience(both, territory) == COORDINATOR
    assert access.gpec_audience(UserFactory(superuser=True), territory) == COORDINATOR
    assert access.gpec_audience(AnonymousUser(), territory) is None


@pytest.mark.parametrize(("who", "audience"), sorted(AUDIENCE.items()))
def test_a_what_if_names_a_worker_so_only_coordinators_see_it(people, territory, who, audience):
    diagnosis = GpecJobFactory(territory=territory)
    what_if = GpecJobFactory(territory=territory, what_if=True)
    user = people[who]
    sees_diagnosis = audience is not None
    sees_what_if = audience == COORDINATOR
    assert access.can_see_gpec_job(user, diagnosis) is sees_diagnosis
    assert access.can_see_gpec_job(user, what_if) is sees_what_if
    assert selectors.visible_job(user, diagnosis.pk) == (diagnosis if sees_diagnosis else None)
    assert selectors.visible_job(user, what_if.pk) == (what_if if sees_what_if else None)
    assert set(access.jobs_visible_to(user)) == ({diagnosis} if sees_diagnosis else set()) | (
        {what_if} if sees_what_if else set()
    )


def test_the_overview_is_read_by_staff_roles_of_the_territory(people, territory):
    manager = UserFactory()
    Membership.objects.create(
        user=manager,
        role=Role.THIRD_PLACE_MANAGER,
        territory=territory,
        third_place=ThirdPlaceFactory(territory=territory),
    )
    readers = {"coordinator", "trainer", "union_rep"}
    for who, user in people.items():
        assert (territory in access.overview_territories(user)) is (who in readers), who
    assert list(access.overview_territories(manager)) == [territory]


def test_a_worker_sees_their_own_figures_and_household_only(people, territory, worker):
    own = HouseholdSituationFactory(worker=worker)
    HouseholdSituationFactory(worker=WorkerProfileFactory(territory=territory))
    assert access.can_see_own_figures(people["worker"]) is True
    assert access.figures_worker(people["worker"]) == worker
    assert access.own_household_situation(people["worker"]) == own
    for who in ("coordinator", "trainer", "buyer_member", "stranger"):
        assert access.can_see_own_figures(people[who]) is False, who
        assert access.figures_worker(people[who]) is None, who
        assert access.own_household_situation(people[who]) is None, who
    assert access.figures_worker(AnonymousUser()) is None


def test_a_profile_without_the_worker_role_has_no_figures(territory):
    profile = WorkerProfileFactory(territory=territory)  # no worker membership
    assert access.can_see_own_figures(profile.user) is False
    assert access.figures_worker(profile.user) is None
