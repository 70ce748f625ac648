"""Votes: who may vote, once, inside the window; the closing records one decision."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from maillage.governance import services
from maillage.governance.models import (
    Ballot,
    CollegeMembership,
    Decision,
    Participation,
    ProposalState,
)
from maillage.governance.services import Refused
from tests.concurrency import at_once
from tests.factories import UserFactory
from tests.factories import governance as gov

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

OPENED = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
DURING = OPENED + dt.timedelta(days=1)
AFTER = OPENED + dt.timedelta(days=8)


@pytest.fixture
def vote(steering):
    return gov.voting(steering.territory, by=steering.coordinator, opened=OPENED)


def nothing_written(vote):
    return (
        Participation.objects.filter(proposal=vote).count() == 0
        and not Ballot.objects.filter(proposal=vote).exists()
    )


def test_a_member_votes_once(steering, vote):
    member = gov.seat(steering.territory, "workers")
    services.cast_vote(proposal=vote, user=member, choice="for", now=DURING)
    with pytest.raises(Refused, match=r"You have already voted on this proposal."):
        services.cast_vote(proposal=vote, user=member, choice="against", now=DURING)
    assert Participation.objects.filter(proposal=vote, user=member).count() == 1
    assert list(Ballot.objects.filter(proposal=vote).values_list("choice", flat=True)) == ["for"]


def test_the_database_refuses_a_second_participation(steering, vote):
    member = gov.seat(steering.territory, "workers")
    services.cast_vote(proposal=vote, user=member, choice="for", now=DURING)
    seat = CollegeMembership.objects.get(user=member)
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(proposal=vote, user=member, college=seat.college)


def test_a_vote_after_the_window_is_refused(steering, vote):
    member = gov.seat(steering.territory, "workers")
    with pytest.raises(Refused, match=r"The vote on this proposal is not open."):
        services.cast_vote(proposal=vote, user=member, choice="for", now=AFTER)
    assert nothing_written(vote)


def test_a_vote_before_the_window_is_refused(steering):
    draft = gov.proposal(steering.territory, by=steering.coordinator)
    member = gov.seat(steering.territory, "workers")
    with pytest.raises(Refused, match=r"The vote on this proposal is not open."):
        services.cast_vote(proposal=draft, user=member, choice="for", now=DURING)
    assert nothing_written(draft)


def test_someone_outside_the_colleges_cannot_vote(steering, vote):
    with pytest.raises(Refused, match=r"Only the members of a college of the territory vote."):
        services.cast_vote(proposal=vote, user=UserFactory(), choice="for", now=DURING)
    assert nothing_written(vote)


def test_a_member_of_another_territory_cannot_vote(steering, vote):
    from tests.factories import TerritoryFactory

    elsewhere = TerritoryFactory()
    gov.statutes(elsewhere)
    member = gov.seat(elsewhere, "workers")
    with pytest.raises(Refused, match=r"Only the members of a college of the territory vote."):
        services.cast_vote(proposal=vote, user=member, choice="for", now=DURING)
    assert nothing_written(vote)


def test_an_unknown_choice_is_refused(steering, vote):
    member = gov.seat(steering.territory, "workers")
    with pytest.raises(Refused, match=r"Choose for, against or abstain."):
        services.cast_vote(proposal=vote, user=member, choice="maybe", now=DURING)
    assert nothing_written(vote)


def test_one_college_per_person_and_territory(steering):
    member = gov.seat(steering.territory, "workers")
    with pytest.raises(Refused, match=r"already in a college of the territory"):
        services.join_college(
            user=member, college=gov.college(steering.territory, "buyers"), by=None
        )
    assert CollegeMembership.objects.filter(user=member).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        CollegeMembership.objects.create(
            college=gov.college(steering.territory, "buyers"),
            territory=steering.territory,
            user=member,
        )


def test_closing_counts_and_records_one_decision(steering, vote):
    t = steering.territory
    for user in gov.seats(t, "workers", 3):
        services.cast_vote(proposal=vote, user=user, choice="for", now=DURING)
    buyers = gov.seats(t, "buyers", 2)
    services.cast_vote(proposal=vote, user=buyers[0], choice="against", now=DURING)
    services.cast_vote(proposal=vote, user=buyers[1], choice="for", now=DURING)
    union = gov.seat(t, "unions")
    services.cast_vote(proposal=vote, user=union, choice="abstain", now=DURING)
    gov.seats(t, "third_places", 2)  # never vote

    with pytest.raises(Refused, match=r"The vote is still open."):
        services.close_vote(proposal=vote, now=DURING)
    assert not Decision.objects.exists()

    decision = services.close_vote(proposal=vote, now=AFTER)
    again = services.close_vote(proposal=vote, now=AFTER)
    assert again == decision
    assert Decision.objects.filter(proposal=vote).count() == 1
    vote.refresh_from_db()
    assert vote.state == ProposalState.ADOPTED
    # participation: 0.30 + 0.25 + 0.20 + 0 + 0 = 0.75; for: (0.30 * 1 + 0.25 * 0.5) / 0.55
    assert decision.tally["participation"] == "0.7500"
    assert decision.tally["share_for"] == "0.7727"
    assert decision.adopted is True
    assert [c["kind"] for c in decision.tally["colleges"]] == [
        "workers",
        "buyers",
        "unions",
        "third_places",
        "local_authorities",
    ]
    assert decision.tally["colleges"][3] == {
        "kind": "third_places",
        "weight_bp": 1500,
        "members": 2,
        "voters": 0,
        "for": 0,
        "against": 0,
        "abstain": 0,
        "share_for": None,
    }


def test_close_due_votes_closes_only_ended_windows(steering, vote):
    other = gov.voting(steering.territory, by=steering.coordinator, opened=OPENED, days=30)
    assert services.close_due_votes(now=AFTER) == 1
    vote.refresh_from_db()
    other.refresh_from_db()
    assert vote.state == ProposalState.REJECTED  # nobody voted: no quorum
    assert other.state == ProposalState.VOTING
    assert services.close_due_votes(now=AFTER) == 0


@pytest.mark.django_db(transaction=True)
def test_two_closings_at_once_produce_one_decision(steering):
    """Two threads close the same vote; one decision is recorded, both return it."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serialises writers anyway)")
    vote = gov.voting(steering.territory, by=steering.coordinator, opened=OPENED)

    def close():
        return services.close_vote(proposal=vote, now=AFTER)

    results, errors = at_once(close, close)

    assert errors == []
    assert Decision.objects.filter(proposal=vote).count() == 1
    assert {r.pk for r in results} == {Decision.objects.get(proposal=vote).pk}


def test_weights_breaking_the_statutes_are_refused(steering):
    bad = [
        ({"workers": 6000, "buyers": 2000, "unions": 2000}, "between 10 % and 50 %"),
        ({"workers": 5000, "buyers": 3000, "unions": 1000}, "add up to 90 %"),
        ({"workers": 5000, "buyers": 5000}, "at least 3 colleges"),
        ({"workers": 500, "buyers": 5000, "unions": 4500}, "between 10 % and 50 %"),
    ]
    for weights, message in bad:
        with pytest.raises(Refused, match=message):
            gov.proposal(
                steering.territory, by=steering.coordinator, kind="weights", change=weights
            )
    assert not steering.territory.proposals.exists()


def test_adopted_weights_become_new_statutes(steering):
    t = steering.territory
    weights = {
        "workers": 4000,
        "buyers": 2000,
        "unions": 2000,
        "third_places": 1000,
        "local_authorities": 1000,
    }
    vote = gov.voting(t, by=steering.coordinator, opened=OPENED, kind="weights", change=weights)
    for user in gov.seats(t, "workers", 2):
        services.cast_vote(proposal=vote, user=user, choice="for", now=DURING)
    decision = services.close_vote(proposal=vote, now=AFTER)
    assert decision.adopted is True
    assert decision.statutes.number == 2
    assert decision.statutes.weights == weights
    assert services.statutes_in_force(t).weights == weights
