"""Human review: a refusal or review request reaches the coordinators and is answered once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from maillage.consolidation.models import AssignmentResponse, ReviewAnswer
from maillage.consolidation.services import (
    answer_review,
    open_reviews,
    respond_to_assignment,
)
from maillage.notifications.models import Notification
from tests.factories import PlanAssignmentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def assignment(territory, worker, publish_plan):
    version = publish_plan(territory, worker, [120])
    return version.assignments.get()


@pytest.mark.parametrize("decision", ["review", "refused"])
def test_a_request_or_refusal_tells_the_coordinators_of_the_territory(
    assignment, worker, coordinator, people, decision
):
    response = respond_to_assignment(
        assignment=assignment, by=worker.user, decision=decision, reason="Trop loin de chez moi"
    )
    notices = Notification.objects.filter(kind="review_requested")
    assert [n.recipient for n in notices] == [coordinator]
    assert notices.get().params["need"] == assignment.mission.title
    assert list(open_reviews(coordinator)) == [response]
    assert list(open_reviews(people["other_coordinator"])) == []


def test_an_acceptance_tells_no_one(assignment, worker):
    respond_to_assignment(assignment=assignment, by=worker.user, decision="accepted")
    assert not Notification.objects.filter(kind="review_requested").exists()


@pytest.fixture
def request_(assignment, worker):
    return respond_to_assignment(
        assignment=assignment, by=worker.user, decision="review", reason="Je préfère le jeudi"
    )


def test_the_coordinator_answers_once_and_the_worker_is_told(request_, coordinator, worker):
    answer = answer_review(
        response=request_, by=coordinator, outcome="kept", reason="Le jeudi est complet."
    )
    request_.refresh_from_db()
    assert (answer.outcome, answer.reason, answer.by) == (
        "kept",
        "Le jeudi est complet.",
        coordinator,
    )
    assert request_.resolved_at == answer.at
    notice = Notification.objects.get(kind="review_answered")
    assert (notice.recipient, notice.params["outcome"]) == (worker.user, "kept")
    assert list(open_reviews(coordinator)) == []
    with pytest.raises(ValidationError) as error:
        answer_review(response=request_, by=coordinator, outcome="changed", reason="Finalement")
    assert error.value.messages == ["This request is already answered."]
    assert ReviewAnswer.objects.count() == 1


@pytest.mark.parametrize("who", ["other_coordinator", "worker", "buyer_member", "stranger"])
def test_only_a_coordinator_of_the_territory_answers(request_, people, who):
    with pytest.raises(PermissionDenied):
        answer_review(response=request_, by=people[who], outcome="kept", reason="Non")
    request_.refresh_from_db()
    assert (request_.resolved_at, ReviewAnswer.objects.count()) == (None, 0)


@pytest.mark.parametrize(
    ("outcome", "reason", "field"),
    [("kept", "", "reason"), ("kept", "   ", "reason"), ("maybe", "Parce que", "outcome")],
)
def test_an_answer_without_reason_or_outcome_is_refused(
    request_, coordinator, outcome, reason, field
):
    with pytest.raises(ValidationError) as error:
        answer_review(response=request_, by=coordinator, outcome=outcome, reason=reason)
    assert list(error.value.message_dict) == [field]
    assert ReviewAnswer.objects.count() == 0


def test_an_acceptance_is_not_answered(assignment, worker, coordinator):
    accepted = respond_to_assignment(assignment=assignment, by=worker.user, decision="accepted")
    with pytest.raises(ValidationError):
        answer_review(response=accepted, by=coordinator, outcome="kept", reason="Rien à dire")


def test_an_answer_is_never_rewritten_nor_deleted(request_, coordinator):
    answer = answer_review(response=request_, by=coordinator, outcome="changed", reason="Épinglé")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewAnswer.objects.filter(pk=answer.pk).update(reason="Autre chose")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewAnswer.objects.filter(pk=answer.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        AssignmentResponse.objects.filter(pk=request_.pk).update(resolved_at=None)


def test_the_inbox_holds_only_open_requests_of_published_plans_oldest_first(
    territory, worker, coordinator, request_
):
    draft = PlanAssignmentFactory(version__territory=territory, worker=worker)
    AssignmentResponse.objects.create(
        assignment=draft, decision="review", reason="Brouillon", by=worker.user
    )
    later = respond_to_assignment(
        assignment=request_.assignment, by=worker.user, decision="refused", reason="Non merci"
    )
    assert list(open_reviews(coordinator)) == [request_, later]
