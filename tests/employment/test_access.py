"""Who compares statuses and who proposes and follows a contract: employment.access/selectors."""

import pytest
from django.contrib.auth.models import AnonymousUser

from maillage.employment import access, selectors
from maillage.people.models import Membership
from tests.factories import ContractProposalFactory, UserFactory, WorkerProfileFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "coordinator",
    "worker",
    "buyer_member",
    "union_rep",
    "trainer",
    "other_coordinator",
    "stranger",
]


@pytest.fixture
def proposal(worker):
    return ContractProposalFactory(worker=worker, plan_version__territory=worker.territory)


@pytest.mark.parametrize("who", ROLES)
def test_only_the_workers_coordinator_proposes_follows_and_prints_a_contract(
    people, territory, worker, proposal, who
):
    user = people[who]
    allowed = who == "coordinator"
    assert access.can_propose_contract(user, worker) is allowed
    assert access.can_manage_contract(user, proposal) is allowed
    assert selectors.visible_contract_proposal(user, proposal.pk) == (proposal if allowed else None)
    assert (territory in access.contract_territories(user)) is allowed


def test_a_coordinator_sees_the_proposals_of_their_territory_only(people, proposal):
    there = Membership.objects.get(user=people["other_coordinator"]).territory
    theirs = ContractProposalFactory(
        worker=WorkerProfileFactory(territory=there), plan_version__territory=there
    )
    assert set(access.contract_proposals_visible_to(people["coordinator"])) == {proposal}
    assert set(access.contract_proposals_visible_to(people["other_coordinator"])) == {theirs}
    assert {proposal, theirs} <= set(
        access.contract_proposals_visible_to(UserFactory(superuser=True))
    )
    assert list(access.contract_proposals_visible_to(AnonymousUser())) == []


def test_a_worker_compares_statuses_for_themselves_only(people, worker):
    assert access.comparison_worker(people["worker"]) == worker
    for who in ("coordinator", "buyer_member", "stranger"):
        assert access.comparison_worker(people[who]) is None, who
    assert access.comparison_worker(AnonymousUser()) is None
