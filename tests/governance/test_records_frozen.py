"""Decisions, ballots, participations and opinions are never rewritten (the database)."""

import pytest

from maillage.governance import services
from maillage.governance.models import Ballot, Decision, Participation
from tests.factories import governance as gov
from tests.governance.test_votes import AFTER, DURING, OPENED
from tests.immutability import assert_frozen

pytestmark = pytest.mark.django_db


def test_votes_and_decisions_are_frozen(steering):
    vote = gov.voting(steering.territory, by=steering.coordinator, opened=OPENED)
    member = gov.seat(steering.territory, "workers")
    services.cast_vote(proposal=vote, user=member, choice="for", now=DURING)
    decision = services.close_vote(proposal=vote, now=AFTER)
    assert_frozen(Ballot.objects.get(proposal=vote), choice="against")
    assert_frozen(Participation.objects.get(proposal=vote), voted_at=OPENED)
    assert_frozen(decision, adopted=not decision.adopted)
    assert_frozen(Decision.objects.get(pk=decision.pk), tally={"forged": True})
    vote.refresh_from_db()
    assert_frozen(vote, title="Something else")
