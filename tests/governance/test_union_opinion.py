"""A proposal that changes pay floors waits for the union college's opinion."""

import datetime as dt

import pytest

from maillage.governance import services
from maillage.governance.models import ProposalState, UnionOpinion
from maillage.governance.services import Refused
from tests.factories import governance as gov
from tests.governance.test_votes import OPENED

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

FLOOR_RISE = {
    "starts_on": "2027-01-01",
    "floors": {"after_school_workshop:foundation": "14.50"},
}
CLOSES = OPENED + dt.timedelta(days=7)


@pytest.fixture
def pay_proposal(steering):
    proposal = gov.proposal(
        steering.territory,
        by=steering.union_rep,
        kind="charter",
        change=FLOOR_RISE,
        title="Raise the workshop floor",
        union_opinion_due=dt.date(2026, 11, 20),
    )
    services.start_discussion(proposal=proposal, by=steering.coordinator)
    return proposal


def test_a_pay_floor_proposal_is_marked(pay_proposal):
    assert pay_proposal.changes_pay_floors is True


def test_its_vote_waits_for_the_union_opinion(steering, pay_proposal):
    with pytest.raises(Refused, match=r"once the union college has recorded its opinion"):
        services.open_vote(
            proposal=pay_proposal, closes_at=CLOSES, by=steering.coordinator, now=OPENED
        )
    pay_proposal.refresh_from_db()
    assert pay_proposal.state == ProposalState.DISCUSSION
    assert pay_proposal.statutes is None


def test_the_vote_opens_once_the_opinion_is_recorded(steering, pay_proposal):
    services.record_union_opinion(
        proposal=pay_proposal, position="favourable", text="Long overdue.", by=steering.union_rep
    )
    opened = services.open_vote(
        proposal=pay_proposal, closes_at=CLOSES, by=steering.coordinator, now=OPENED
    )
    assert opened.state == ProposalState.VOTING


def test_the_vote_opens_after_the_deadline_without_an_opinion(steering, pay_proposal):
    after_deadline = dt.datetime(2026, 11, 21, 9, tzinfo=dt.UTC)
    opened = services.open_vote(
        proposal=pay_proposal,
        closes_at=after_deadline + dt.timedelta(days=7),
        by=steering.coordinator,
        now=after_deadline,
    )
    assert opened.state == ProposalState.VOTING


def test_the_opinion_is_recorded_once(steering, pay_proposal):
    services.record_union_opinion(
        proposal=pay_proposal, position="reserved", text="Too low.", by=steering.union_rep
    )
    with pytest.raises(Refused, match=r"already recorded"):
        services.record_union_opinion(
            proposal=pay_proposal, position="favourable", text="Fine.", by=steering.union_rep
        )
    assert UnionOpinion.objects.get(proposal=pay_proposal).text == "Too low."


def test_a_text_proposal_does_not_wait(steering):
    proposal = gov.proposal(steering.territory, by=steering.coordinator)
    services.start_discussion(proposal=proposal, by=steering.coordinator)
    assert services.waits_for_union(proposal) is False
