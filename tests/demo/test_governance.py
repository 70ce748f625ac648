"""The demo's steering on a small territory: colleges, a past decision, a vote under way."""

import pytest

from maillage.demo.governance import build
from maillage.governance.models import CollegeMembership, Decision, ProposalState
from maillage.people.models import Role
from tests.factories import (
    CharterFactory,
    OrganisationFactory,
    TerritoryFactory,
    WorkerProfileFactory,
    buyer_member,
    member_with_role,
)

pytestmark = pytest.mark.django_db


def test_the_demo_steering_is_built_once():
    territory = TerritoryFactory()
    coordinator = member_with_role(Role.COORDINATOR, territory)
    CharterFactory(territory=territory, by=coordinator)
    for _ in range(10):
        WorkerProfileFactory(territory=territory, with_membership=True)
    school = OrganisationFactory(territory=territory)
    for _ in range(3):
        buyer_member(school)
    users = {
        "coordinator": coordinator,
        "union": member_with_role(Role.UNION_REP, territory),
        "trainer": member_with_role(Role.TRAINER, territory),
        "worker": WorkerProfileFactory(territory=territory, with_membership=True).user,
        "buyer": buyer_member(OrganisationFactory(territory=territory, kind="commune")),
    }

    assert build(territory=territory, users=users) is True
    assert build(territory=territory, users=users) is False

    assert CollegeMembership.objects.filter(territory=territory).count() == 10 + 3 + 4
    assert set(territory.colleges.values_list("kind", flat=True)) == {
        "workers",
        "buyers",
        "unions",
        "third_places",
        "local_authorities",
        "training_bodies",
    }
    past, under_way = territory.proposals.order_by("pk")
    assert past.state == ProposalState.ADOPTED
    decision = Decision.objects.get(proposal=past)
    assert decision.adopted is True
    assert decision.tally["colleges"][0]["for"] == 7
    assert under_way.state == ProposalState.VOTING
    assert under_way.changes_pay_floors is True
    assert under_way.participations.count() == 4
    # The demo accounts have not voted yet: they can try it.
    assert not under_way.participations.filter(user__in=users.values()).exists()
