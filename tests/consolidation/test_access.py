"""Who may run, read, publish a plan and answer an assignment: consolidation.access/selectors."""

import pytest
from django.contrib.auth.models import AnonymousUser

from maillage.consolidation import access, selectors
from maillage.people.models import Membership
from tests.factories import (
    ConsolidationRunFactory,
    MissionFactory,
    PairRuleFactory,
    PlanAssignmentFactory,
    PlanVersionFactory,
    UserFactory,
    WorkerProfileFactory,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "coordinator",
    "other_coordinator",
    "worker",
    "buyer_member",
    "union_rep",
    "trainer",
    "stranger",
]


@pytest.fixture
def version(territory):
    return PlanVersionFactory(territory=territory, published=True)


@pytest.mark.parametrize("who", ROLES)
def test_only_the_territorys_coordinator_runs_reads_and_publishes_its_plans(
    people, territory, version, who
):
    user = people[who]
    allowed = who == "coordinator"
    assert access.can_start_run(user, territory) is allowed
    assert access.can_publish_plan(user, version) is allowed
    assert access.can_add_pair_rule(user, version) is allowed
    assert selectors.visible_plan_version(user, version.pk) == (version if allowed else None)
    assert selectors.visible_run(user, version.run_id) == (version.run if allowed else None)
    assert selectors.planning_territory(user, territory.pk) == (territory if allowed else None)
    assert (territory in access.planning_territories(user)) is allowed


def test_a_coordinator_sees_the_runs_and_versions_of_their_territory_only(people, territory):
    there = Membership.objects.get(user=people["other_coordinator"]).territory
    mine, theirs = PlanVersionFactory(territory=territory), PlanVersionFactory(territory=there)
    queued = ConsolidationRunFactory(territory=territory)
    assert set(access.plan_versions_visible_to(people["coordinator"])) == {mine}
    assert set(access.plan_versions_visible_to(people["other_coordinator"])) == {theirs}
    assert set(access.runs_visible_to(people["coordinator"])) == {mine.run, queued}
    admin = UserFactory(superuser=True)
    assert {mine, theirs} <= set(access.plan_versions_visible_to(admin))
    assert access.can_publish_plan(admin, theirs) is True
    assert list(access.plan_versions_visible_to(AnonymousUser())) == []


def test_a_worker_sees_and_answers_only_their_own_published_assignments(
    people, territory, worker, version
):
    own = PlanAssignmentFactory(version=version, worker=worker)
    colleagues = PlanAssignmentFactory(
        version=version, worker=WorkerProfileFactory(territory=territory)
    )
    draft = PlanAssignmentFactory(version=PlanVersionFactory(territory=territory), worker=worker)
    user = people["worker"]
    assert list(access.own_assignments(user)) == [own]
    assert access.can_answer_assignment(user, own) is True
    assert access.can_answer_assignment(user, colleagues) is False
    assert access.can_answer_assignment(user, draft) is False  # not published yet
    assert selectors.own_assignment(user, own.pk) == own
    assert selectors.own_assignment(user, colleagues.pk) is None
    assert selectors.own_assignment(user, draft.pk) is None
    for who in ("coordinator", "other_coordinator", "buyer_member", "stranger"):
        assert access.can_answer_assignment(people[who], own) is False, who
        assert list(access.own_assignments(people[who])) == [], who
    assert access.can_answer_assignment(AnonymousUser(), own) is False
    assert list(access.own_assignments(AnonymousUser())) == []


def test_a_pair_rule_names_only_a_need_and_the_workers_of_the_versions_territory(
    people, territory, version, worker
):
    here = MissionFactory(buyer__territory=territory)
    there = MissionFactory(buyer=Membership.objects.get(user=people["other_buyer"]).organisation)
    stranger_worker = WorkerProfileFactory()
    assert selectors.version_mission(version, here.pk) == here
    assert selectors.version_mission(version, there.pk) is None
    assert set(selectors.version_workers(version)) == {worker}
    assert stranger_worker not in selectors.version_workers(version)


def test_a_pair_rule_to_remove_is_one_in_force_on_the_versions_territory(people, version, worker):
    here = PairRuleFactory(
        mission=MissionFactory(buyer__territory=version.territory), worker=worker
    )
    revoked = PairRuleFactory(
        mission=MissionFactory(buyer__territory=version.territory), worker=worker, revoked=True
    )
    there = PairRuleFactory(
        mission=MissionFactory(
            buyer=Membership.objects.get(user=people["other_buyer"]).organisation
        )
    )
    assert selectors.version_pair_rule(version, here.pk) == here
    assert selectors.version_pair_rule(version, revoked.pk) is None
    assert selectors.version_pair_rule(version, there.pk) is None
