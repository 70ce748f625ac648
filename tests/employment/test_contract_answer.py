"""The worker accepts or declines the contract issued to them; employment starts on its date."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from maillage.core.statemachine import IllegalTransition
from maillage.employment.lifecycle import (
    accept_contract,
    decline_contract,
    employees_on,
    start_due_employments,
)
from maillage.employment.models import ContractProposal
from maillage.employment.services import move_contract, propose_contract
from maillage.notifications.models import Notification

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def proposal(territory, charter, coordinator, worker, publish_plan):
    publish_plan(territory, worker, [24 * 60])
    return propose_contract(worker=worker, by=coordinator)


@pytest.fixture
def issued(proposal, coordinator):
    return move_contract(proposal=proposal, to_state="issued", by=coordinator)


def test_issuing_tells_the_worker(issued, worker):
    notice = Notification.objects.get(kind="contract_proposed")
    assert notice.recipient == worker.user
    assert notice.params["hours"] == "24"


def test_accepting_signs_logs_tells_the_coordinators_and_makes_an_employee(
    issued, worker, coordinator, territory
):
    start = issued.start_date
    signed = accept_contract(proposal=issued, by=worker.user, today=start)
    worker.refresh_from_db()
    assert (signed.state, worker.status) == ("signed", "cooperative_employee")
    assert signed.employment_started_at is not None
    last = signed.transitions.order_by("-pk").first()
    assert (last.from_state, last.to_state, last.by) == ("issued", "signed", worker.user)
    notice = Notification.objects.get(kind="contract_accepted")
    assert notice.recipient == coordinator
    assert list(employees_on(territory, start)) == [worker]
    assert list(employees_on(territory, start - dt.timedelta(days=1))) == []


def test_before_the_start_date_the_status_waits_for_the_daily_task(issued, worker):
    before = issued.start_date - dt.timedelta(days=10)
    signed = accept_contract(proposal=issued, by=worker.user, today=before)
    worker.refresh_from_db()
    assert (signed.employment_started_at, worker.status) == (None, "job_seeker")
    assert start_due_employments(today=before) == 0
    assert start_due_employments(today=issued.start_date) == 1
    assert start_due_employments(today=issued.start_date) == 0
    worker.refresh_from_db()
    assert worker.status == "cooperative_employee"


def test_accepting_twice_is_refused(issued, worker):
    accept_contract(proposal=issued, by=worker.user)
    with pytest.raises(ValidationError) as error:
        accept_contract(proposal=issued, by=worker.user)
    assert error.value.messages == ["You already accepted this contract."]
    assert Notification.objects.filter(kind="contract_accepted").count() == 1


def test_a_withdrawn_proposal_cannot_be_accepted(issued, worker, coordinator):
    move_contract(proposal=issued, to_state="withdrawn", by=coordinator)
    with pytest.raises(ValidationError) as error:
        accept_contract(proposal=issued, by=worker.user)
    assert error.value.messages == ["This proposal was withdrawn by the cooperative."]
    worker.refresh_from_db()
    assert worker.status == "job_seeker"


def test_a_proposal_not_yet_issued_cannot_be_accepted(proposal, worker):
    with pytest.raises(ValidationError):
        accept_contract(proposal=proposal, by=worker.user)
    proposal.refresh_from_db()
    assert proposal.state == "proposed"


@pytest.mark.parametrize("who", ["coordinator", "other_coordinator", "buyer_member", "stranger"])
def test_only_the_worker_answers(issued, people, who):
    with pytest.raises(PermissionDenied):
        accept_contract(proposal=issued, by=people[who])
    with pytest.raises(PermissionDenied):
        decline_contract(proposal=issued, by=people[who], reason="Non")
    issued.refresh_from_db()
    assert issued.state == "issued"


def test_declining_needs_a_reason_and_is_final(issued, worker):
    with pytest.raises(ValidationError):
        decline_contract(proposal=issued, by=worker.user, reason="  ")
    declined = decline_contract(proposal=issued, by=worker.user, reason="Je reste indépendante")
    assert declined.state == "declined"
    assert declined.transitions.order_by("-pk").first().reason == "Je reste indépendante"
    with pytest.raises(ValidationError):
        accept_contract(proposal=issued, by=worker.user)
    worker.refresh_from_db()
    assert worker.status == "job_seeker"


def test_the_coordinator_cannot_decline_for_the_worker(issued, coordinator):
    with pytest.raises(IllegalTransition):
        move_contract(proposal=issued, to_state="declined", by=coordinator)


def test_a_contract_signed_on_paper_also_starts_the_employment(issued, coordinator, worker):
    move_contract(proposal=issued, to_state="signed", by=coordinator)
    worker.refresh_from_db()
    assert worker.status == "cooperative_employee"


def test_the_start_of_employment_is_written_once(issued, worker):
    signed = accept_contract(proposal=issued, by=worker.user, today=issued.start_date)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContractProposal.objects.filter(pk=signed.pk).update(employment_started_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContractProposal.objects.filter(pk=signed.pk).update(state="issued")
