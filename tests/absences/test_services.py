import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.absences.models import AbsenceState, LineOutcome, ProposalLine
from maillage.absences.services import (
    cancel_need,
    cancel_occurrence,
    confirm_proposal,
    declare_absence,
    execute_proposal,
    request_proposal,
    withdraw_absence,
)
from maillage.execution.models import Occurrence
from maillage.notifications.models import Notification
from tests.absences.conftest import NOW, TUESDAY_24

pytestmark = pytest.mark.django_db


def _declare(world, first=TUESDAY_24, last=TUESDAY_24, kind="sickness", by=None, **kwargs):
    return declare_absence(
        worker=world.alice,
        kind=kind,
        first_day=first,
        last_day=last,
        by=by or world.alice.user,
        now=NOW,
        **kwargs,
    )


def _workshop_on(day, **filters):
    return Occurrence.objects.get(date=day, mission__title="Atelier mardi", **filters)


def _proposal(world, absence, capture):
    with capture(execute=True):
        proposal = request_proposal(absence=absence, by=world.people["coordinator"], now=NOW)
    proposal.refresh_from_db()
    return proposal


def test_declaring_puts_the_days_occurrences_to_replace_and_tells_coordinators(world):
    absence = _declare(world, note="Flu")
    assert absence.state == AbsenceState.DECLARED
    assert _workshop_on(TUESDAY_24).state == "to_replace"
    assert Occurrence.objects.filter(state="to_replace").count() == 1
    assert absence.transitions.get().to_state == "declared"
    told = Notification.objects.filter(kind="absence_declared")
    assert {n.recipient for n in told} == {
        world.people["coordinator"],
        world.people["buyer_member"],
    }


@pytest.mark.parametrize(
    ("first", "last", "kind", "field"),
    [
        (TUESDAY_24, TUESDAY_24 - dt.timedelta(days=1), "leave", "last_day"),
        (TUESDAY_24, TUESDAY_24 + dt.timedelta(days=366), "leave", "last_day"),
        (dt.date(2026, 11, 19), dt.date(2026, 11, 24), "leave", "first_day"),
        (dt.date(2026, 11, 18), dt.date(2026, 11, 24), "sickness", "first_day"),
        (TUESDAY_24, TUESDAY_24, "holiday", "kind"),
    ],
)
def test_refusals_name_the_field(world, first, last, kind, field):
    with pytest.raises(ValidationError) as refused:
        _declare(world, first=first, last=last, kind=kind)
    assert field in refused.value.message_dict


def test_sickness_may_start_yesterday(world):
    absence = _declare(world, first=dt.date(2026, 11, 19), last=TUESDAY_24)
    assert absence.days == 6


def test_an_overlapping_absence_is_refused(world):
    _declare(world)
    with pytest.raises(ValidationError) as refused:
        _declare(world, first=dt.date(2026, 11, 23), last=dt.date(2026, 11, 30), kind="leave")
    assert "first_day" in refused.value.message_dict


@pytest.mark.parametrize("role", ["other_worker", "buyer_member", "other_coordinator", "stranger"])
def test_only_the_worker_or_their_coordinator_declares(world, role):
    with pytest.raises(PermissionDenied):
        _declare(world, by=world.people[role])


def test_a_coordinator_declares_for_a_worker(world):
    absence = _declare(world, by=world.people["coordinator"])
    assert absence.declared_by == world.people["coordinator"]


def test_withdrawing_before_the_start_plans_the_occurrences_again(world):
    absence = _declare(world, kind="leave")
    withdraw_absence(absence=absence, by=world.alice.user, now=NOW)
    absence.refresh_from_db()
    assert absence.state == AbsenceState.WITHDRAWN
    assert _workshop_on(TUESDAY_24).state == "planned"
    with pytest.raises(ValidationError):
        withdraw_absence(absence=absence, by=world.alice.user, now=NOW)


def test_an_absence_that_started_cannot_be_withdrawn(world):
    absence = _declare(world)
    with pytest.raises(ValidationError):
        withdraw_absence(
            absence=absence, by=world.alice.user, now=NOW + dt.timedelta(days=4, hours=1)
        )


def test_the_proposal_gives_the_occurrence_to_the_free_qualified_worker(
    world, django_capture_on_commit_callbacks
):
    absence = _declare(world)
    proposal = _proposal(world, absence, django_capture_on_commit_callbacks)
    assert proposal.status == "succeeded"
    line = proposal.lines.get()
    assert line.occurrence == _workshop_on(TUESDAY_24)
    assert line.worker == world.carla  # Bruno has no availability; Alice is away


def test_confirming_writes_the_replacing_row_and_tells_worker_and_buyer(
    world, django_capture_on_commit_callbacks
):
    absence = _declare(world)
    proposal = _proposal(world, absence, django_capture_on_commit_callbacks)
    before = _workshop_on(TUESDAY_24)
    done = confirm_proposal(proposal=proposal, by=world.people["coordinator"], now=NOW)
    assert len(done.confirmed) == 1 and not done.overtaken
    old = Occurrence.objects.get(pk=before.pk)
    new = _workshop_on(TUESDAY_24, state="planned")
    assert old.state == "replaced"
    assert (new.worker, new.replaces, new.uid, new.sequence, new.assignment) == (
        world.carla,
        old,
        old.uid,
        old.sequence + 1,
        None,
    )
    told = Notification.objects.filter(kind="replacement_confirmed")
    assert {n.recipient for n in told} == {world.carla.user, world.people["buyer_member"]}


def test_a_second_confirmation_of_the_same_occurrence_is_overtaken(
    world, django_capture_on_commit_callbacks
):
    absence = _declare(world)
    first = _proposal(world, absence, django_capture_on_commit_callbacks)
    second = _proposal(world, absence, django_capture_on_commit_callbacks)
    assert first.pk != second.pk
    confirm_proposal(proposal=first, by=world.people["coordinator"], now=NOW)
    late = confirm_proposal(proposal=second, by=world.people["coordinator"], now=NOW)
    assert not late.confirmed and len(late.overtaken) == 1
    assert ProposalLine.objects.get(proposal=second).outcome == LineOutcome.OVERTAKEN
    assert Occurrence.objects.filter(date=TUESDAY_24, state="planned").count() == 1


@pytest.mark.parametrize("role", ["worker", "buyer_member", "other_coordinator", "stranger"])
def test_only_coordinators_handle_replacements(world, role, django_capture_on_commit_callbacks):
    absence = _declare(world)
    with pytest.raises(PermissionDenied):
        request_proposal(absence=absence, by=world.people[role], now=NOW)
    proposal = _proposal(world, absence, django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        confirm_proposal(proposal=proposal, by=world.people[role], now=NOW)


def test_executing_twice_changes_nothing(world, django_capture_on_commit_callbacks):
    proposal = _proposal(world, _declare(world), django_capture_on_commit_callbacks)
    execute_proposal(proposal_id=proposal.pk)
    assert proposal.lines.count() == 1


def test_a_late_cancellation_is_billable(world, charter):
    occurrence = _workshop_on(TUESDAY_24)
    buyer = world.people["buyer_member"]
    soon = occurrence.starts_at - dt.timedelta(hours=47)
    cancelled = cancel_occurrence(occurrence=occurrence, by=buyer, reason="Trip", now=soon)
    assert (cancelled.state, cancelled.billable, cancelled.cancel_reason) == (
        "cancelled",
        True,
        "Trip",
    )
    assert Notification.objects.get(kind="occurrence_cancelled").recipient == world.alice.user


def test_an_early_cancellation_is_not_billable(world, charter):
    cancelled = cancel_occurrence(
        occurrence=_workshop_on(TUESDAY_24),
        by=world.people["buyer_member"],
        reason="Trip",
        now=NOW,
    )
    assert cancelled.billable is False


@pytest.mark.parametrize("role", ["other_buyer", "worker", "coordinator", "stranger"])
def test_only_the_buyer_cancels(world, role):
    with pytest.raises(PermissionDenied):
        cancel_occurrence(
            occurrence=_workshop_on(TUESDAY_24), by=world.people[role], reason="x", now=NOW
        )


def test_a_past_occurrence_cannot_be_cancelled(world):
    with pytest.raises(ValidationError):
        cancel_occurrence(
            occurrence=_workshop_on(dt.date(2026, 11, 17)),
            by=world.people["buyer_member"],
            reason="x",
            now=NOW,
        )


def test_cancelling_a_need_bills_the_notice_period(world, charter):
    done = cancel_need(
        mission=world.workshop, by=world.people["buyer_member"], reason="Closed", now=NOW
    )
    world.workshop.refresh_from_db()
    assert world.workshop.state == "cancelled"
    # 24 Nov, 1 Dec within 14 days; 8 and 15 Dec after.
    assert (done.cancelled, done.billable) == (4, 2)
    past = _workshop_on(dt.date(2026, 11, 17))
    assert past.state == "planned"
    assert Notification.objects.filter(kind="need_cancelled", recipient=world.alice.user).exists()


def test_a_draft_need_cannot_be_cancelled_here(world):
    world.workshop.state = "draft"
    world.workshop.save()
    with pytest.raises(ValidationError):
        cancel_need(mission=world.workshop, by=world.people["buyer_member"], reason="x", now=NOW)
