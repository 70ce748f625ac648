"""A charter proposal: checked against the charter and the SMIC; applied on its start date."""

import datetime as dt
from decimal import Decimal

import pytest

from maillage.governance import services
from maillage.governance.models import Proposal
from maillage.governance.services import Refused
from maillage.pricing.models import Charter
from maillage.pricing.services import charter_in_force
from tests.factories import governance as gov
from tests.governance.test_votes import AFTER, DURING, OPENED

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def test_a_floor_below_the_smic_is_refused(steering):
    with pytest.raises(Refused, match=r"A pay floor cannot be below the SMIC"):
        gov.proposal(
            steering.territory,
            by=steering.coordinator,
            kind="charter",
            change={"starts_on": "2027-01-01", "floors": {"video:expert": "5.00"}},
        )
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"floors": {"video:expert": "25"}}, "Give the day the new charter starts."),
        ({"starts_on": "2027-01-01", "salary": "3"}, "Unknown charter terms: salary."),
        ({"starts_on": "2027-01-01", "cooperative_fee_rate": "0.9"}, "between 0 and 50 %"),
        ({"starts_on": "2027-01-01", "floors": {"video:wizard": "25"}}, "Unknown kind or band"),
        ({"starts_on": "2027-01-01", "timesheet_validation_days": 99}, "between 1 and 60"),
        ({"starts_on": "2027-01-01", "unpaid_engagement_threshold": "1.5"}, "between 0 and 100 %"),
        ({"starts_on": "2027-01-01", "coverage_points_per_job": "11"}, "between 0 and 10 points"),
        ({"starts_on": "not a day"}, "Enter a valid date."),
    ],
)
def test_a_change_outside_the_charter_is_refused(steering, change, message):
    with pytest.raises(Refused, match=message):
        gov.proposal(steering.territory, by=steering.coordinator, kind="charter", change=change)
    assert not Proposal.objects.exists()


def test_a_fee_change_carries_only_the_fee(steering):
    with pytest.raises(Refused, match=r"Unknown charter terms: floors."):
        gov.proposal(
            steering.territory,
            by=steering.coordinator,
            kind="fee",
            change={"starts_on": "2027-01-01", "floors": {"video:expert": "25"}},
        )


def test_an_adopted_charter_is_in_force_on_its_start_date(steering):
    t = steering.territory
    vote = gov.voting(
        t,
        by=steering.coordinator,
        opened=OPENED,
        kind="fee",
        change={"starts_on": "2027-01-01", "cooperative_fee_rate": "0.06"},
    )
    for user in gov.seats(t, "workers", 2):
        services.cast_vote(proposal=vote, user=user, choice="for", now=DURING)
    decision = services.close_vote(proposal=vote, now=AFTER)
    assert decision.adopted is True
    assert decision.charter.number == 2
    assert decision.charter.starts_on == dt.date(2027, 1, 1)
    assert decision.charter.cooperative_fee_rate == Decimal("0.0600")
    before = charter_in_force(t, on=dt.date(2026, 12, 31))
    assert before.number == 1
    assert charter_in_force(t, on=dt.date(2027, 1, 1)) == decision.charter
    # Everything else carries over from the version before.
    assert decision.charter.mileage_rate == before.mileage_rate
    assert {(r.kind, r.band, r.floor_hourly_gross) for r in decision.charter.rates.all()} == {
        (r.kind, r.band, r.floor_hourly_gross) for r in before.rates.all()
    }


def test_a_start_date_past_at_the_decision_starts_on_the_decision_day(steering):
    t = steering.territory
    vote = gov.voting(
        t,
        by=steering.coordinator,
        opened=OPENED,
        kind="fee",
        change={"starts_on": "2026-11-03", "cooperative_fee_rate": "0.07"},
    )
    for user in gov.seats(t, "workers", 2):
        services.cast_vote(proposal=vote, user=user, choice="for", now=DURING)
    decision = services.close_vote(proposal=vote, now=AFTER)
    assert decision.charter.starts_on == AFTER.date()


def test_a_rejected_charter_changes_nothing(steering):
    t = steering.territory
    vote = gov.voting(
        t,
        by=steering.coordinator,
        opened=OPENED,
        kind="fee",
        change={"starts_on": "2027-01-01", "cooperative_fee_rate": "0.06"},
    )
    for user in gov.seats(t, "workers", 2):
        services.cast_vote(proposal=vote, user=user, choice="against", now=DURING)
    decision = services.close_vote(proposal=vote, now=AFTER)
    assert decision.adopted is False
    assert decision.charter is None
    assert Charter.objects.filter(territory=t).count() == 1


def test_the_unpaid_engagement_threshold_is_voted_like_any_term(steering):
    t = steering.territory
    vote = gov.voting(
        t,
        by=steering.coordinator,
        opened=OPENED,
        kind="charter",
        change={"starts_on": "2027-01-01", "unpaid_engagement_threshold": "0.10"},
    )
    for user in gov.seats(t, "workers", 2):
        services.cast_vote(proposal=vote, user=user, choice="for", now=DURING)
    decision = services.close_vote(proposal=vote, now=AFTER)

    assert decision.charter.unpaid_engagement_threshold == Decimal("0.1000")
    assert charter_in_force(t, on=dt.date(2026, 12, 31)).unpaid_engagement_threshold == Decimal(
        "0.2500"
    )


def test_the_coverage_given_up_per_job_is_voted_like_any_term(steering):
    t = steering.territory
    vote = gov.voting(
        t,
        by=steering.coordinator,
        opened=OPENED,
        kind="charter",
        change={"starts_on": "2027-01-01", "coverage_points_per_job": "2"},
    )
    for user in gov.seats(t, "workers", 2):
        services.cast_vote(proposal=vote, user=user, choice="for", now=DURING)
    decision = services.close_vote(proposal=vote, now=AFTER)

    assert decision.charter.coverage_points_per_job == Decimal("2.00")
    assert charter_in_force(t, on=dt.date(2026, 12, 31)).coverage_points_per_job == Decimal("0.50")
