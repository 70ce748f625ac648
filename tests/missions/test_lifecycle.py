"""A buyer's moves on a need: change a draft, copy it for the next term, ask for a quote."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given
from hypothesis import strategies as st

from maillage.missions.lifecycle import (
    duplicate_need,
    next_term,
    next_term_description,
    request_quote,
    update_need,
)
from maillage.missions.models import MissionState
from maillage.missions.services import describe
from maillage.notifications.models import Notification
from tests.factories import MissionFactory, buyer_member, member_with_role
from tests.factories.people import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

TODAY = dt.date(2026, 10, 1)


def test_a_draft_is_changed_whole_and_the_change_is_logged(need, buyer):
    description = describe(need)
    description.title = "Atelier vidéo"
    description.slots = [type(description.slots[0])(3, 14 * 60, 16 * 60)]
    changed = update_need(mission=need, by=buyer, need=description, today=TODAY)
    assert (changed.title, changed.weekly_minutes(), changed.state) == (
        "Atelier vidéo",
        120,
        "draft",
    )
    assert [(s.weekday, s.start_minute) for s in changed.slots.all()] == [(3, 840)]
    last = changed.transitions.order_by("-pk").first()
    assert (last.from_state, last.to_state, last.by, last.reason) == (
        "draft",
        "draft",
        buyer,
        "Changed by the buyer.",
    )


@pytest.mark.parametrize("state", ["priced", "accepted", "planned", "running", "done", "cancelled"])
def test_a_need_past_the_draft_is_never_changed(school, buyer, state):
    mission = MissionFactory(buyer=school, fixed=True, state=state)
    description = describe(mission)
    description.title = "Autre chose"
    with pytest.raises(ValidationError):
        update_need(mission=mission, by=buyer, need=description, today=TODAY)
    mission.refresh_from_db()
    assert mission.title != "Autre chose"
    assert mission.transitions.count() == 0


def test_a_change_that_breaks_a_rule_is_refused_and_changes_nothing(need, buyer):
    description = describe(need)
    description.skills = []
    with pytest.raises(ValidationError) as error:
        update_need(mission=need, by=buyer, need=description, today=TODAY)
    assert "skills" in error.value.message_dict
    assert need.skills.count() == 1


@pytest.mark.parametrize("who", ["coordinator", "other_buyer", "worker", "stranger"])
def test_only_a_buyer_of_the_organisation_changes_copies_or_submits(need, people, who):
    user = people[who]
    with pytest.raises(PermissionDenied):
        update_need(mission=need, by=user, need=describe(need), today=TODAY)
    with pytest.raises(PermissionDenied):
        duplicate_need(mission=need, by=user, need=next_term_description(need), today=TODAY)
    with pytest.raises(PermissionDenied):
        request_quote(mission=need, by=user)
    need.refresh_from_db()
    assert (need.quote_requested_at, need.transitions.count()) == (None, 0)


def test_the_next_term_of_a_short_need_starts_after_it_on_the_same_weekdays(need):
    # 2 Nov - 18 Dec 2026: seven weeks; the copy runs the seven weeks after
    assert next_term(need) == (dt.date(2026, 12, 21), dt.date(2027, 2, 5))


def test_the_next_term_of_a_school_year_need_is_52_weeks_later(school):
    mission = MissionFactory(
        buyer=school, period_start=dt.date(2026, 9, 1), period_end=dt.date(2027, 7, 2)
    )
    start, end = next_term(mission)
    assert (start, end) == (dt.date(2027, 8, 31), dt.date(2028, 6, 30))
    assert (start.weekday(), end.weekday()) == (1, 4)


def test_a_copy_is_a_new_draft_with_the_same_need_at_the_confirmed_dates(need, buyer):
    need.state = MissionState.PRICED
    need.save()
    description = next_term_description(need)
    assert description.excluded == []
    copy = duplicate_need(mission=need, by=buyer, need=description, today=TODAY)
    assert copy.pk != need.pk
    assert (copy.state, copy.title, copy.buyer, copy.weekly_minutes()) == (
        "draft",
        need.title,
        need.buyer,
        need.weekly_minutes(),
    )
    assert (copy.period_start, copy.period_end) == next_term(need)
    assert [(s.skill_id, s.min_level) for s in copy.skills.all()] == [
        (s.skill_id, s.min_level) for s in need.skills.all()
    ]
    # At the next term's dates the copy renews the need: planning that term offers it first
    # to the worker who holds the need in the last published plan.
    assert copy.replaces == need
    first = copy.transitions.get()
    assert first.reason == f"Renews the need “{need.title}” (no. {need.pk}) for a later period."


def test_a_copy_within_the_same_period_is_a_need_of_its_own(need, buyer):
    description = describe(need)
    description.title = "Second groupe"
    copy = duplicate_need(mission=need, by=buyer, need=description, today=TODAY)
    assert (copy.replaces, copy.period_start) == (None, need.period_start)
    assert copy.transitions.get().reason == f"Copied from the need “{need.title}” (no. {need.pk})."


def test_asking_for_a_quote_tells_the_coordinators_of_the_territory_once(
    need, buyer, coordinator, territory
):
    other_coordinator = member_with_role("coordinator", OrganisationFactory().territory)
    requested = request_quote(mission=need, by=buyer)
    assert requested.quote_requested
    assert (requested.state, requested.quote_requested_by) == ("draft", buyer)
    again = request_quote(mission=need, by=buyer)
    assert again.quote_requested_at == requested.quote_requested_at
    assert need.transitions.filter(reason="Quote requested.").count() == 1
    notified = Notification.objects.filter(kind="quote_requested")
    assert [n.recipient for n in notified] == [coordinator]
    assert notified.get().params == {"need": need.title, "organisation": need.buyer.name}
    assert not Notification.objects.filter(recipient=other_coordinator).exists()


def test_a_quote_ends_the_request_and_a_priced_need_cannot_be_submitted(need, buyer, charter):
    from maillage.pricing.services import issue_quote

    request_quote(mission=need, by=buyer)
    issue_quote(mission=need, by=None)
    need.refresh_from_db()
    assert (need.state, need.quote_requested) == ("priced", False)
    with pytest.raises(ValidationError):
        request_quote(mission=need, by=buyer)


def test_a_second_buyer_of_the_organisation_may_act(need, school):
    colleague = buyer_member(school)
    assert request_quote(mission=need, by=colleague).quote_requested_by == colleague


@given(
    start=st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2040, 1, 1)),
    days=st.integers(min_value=0, max_value=400),
)
def test_the_next_term_keeps_weekdays_and_length_and_comes_after(start, days):
    from maillage.missions.models import Mission

    mission = Mission(period_start=start, period_end=start + dt.timedelta(days=days))
    new_start, new_end = next_term(mission)
    assert (new_start.weekday(), new_end.weekday()) == (
        start.weekday(),
        mission.period_end.weekday(),
    )
    assert new_end - new_start == mission.period_end - mission.period_start
    assert new_start > mission.period_end
