"""Publishing, running and answering twice (or at once) end in one result and a sentence,
never a server error or the database's words."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation

from maillage.consolidation import services
from maillage.consolidation.models import (
    AssignmentResponse,
    ConsolidationRun,
    PairRule,
    PlanState,
    PlanVersion,
)
from maillage.consolidation.services import (
    execute_run,
    publish_version,
    respond_to_assignment,
    start_run,
)
from tests.factories import (
    END,
    START,
    ConsolidationRunFactory,
    PlanAssignmentFactory,
    PlanVersionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_publishing_a_published_version_again_changes_nothing(territory, coordinator):
    version = PlanVersionFactory(territory=territory)
    publish_version(version=version, by=coordinator)
    again = publish_version(version=version, by=coordinator)
    assert again.state == PlanState.PUBLISHED
    assert list(version.transitions.values_list("from_state", "to_state")) == [
        ("draft", "published")
    ]


def test_publishing_a_superseded_version_is_refused_with_a_sentence(territory, coordinator):
    first = PlanVersionFactory(territory=territory, number=1)
    second = PlanVersionFactory(territory=territory, number=2)
    publish_version(version=first, by=coordinator)
    publish_version(version=second, by=coordinator)
    with pytest.raises(ValidationError) as refused:
        publish_version(version=first, by=coordinator)
    assert refused.value.messages == ["Only a draft version can be published."]
    first.refresh_from_db()
    assert first.state == PlanState.SUPERSEDED


def test_a_constraint_refusing_a_publication_answers_with_a_sentence(
    territory, coordinator, monkeypatch
):
    version = PlanVersionFactory(territory=territory)

    def racing(**kwargs):
        raise IntegrityError('duplicate key value violates "plan_one_published_version"')

    monkeypatch.setattr(services, "_publish", racing)
    with pytest.raises(ValidationError) as refused:
        publish_version(version=version, by=coordinator)
    assert refused.value.messages == [
        "Another version of this plan was published at the same time: reload the page."
    ]


def test_the_publish_page_twice_says_published_both_times(client, territory, coordinator):
    version = PlanVersionFactory(territory=territory)
    client.force_login(coordinator)
    url = "/en" + reverse("plans:publish", args=[version.pk])[3:]
    client.post(url)
    response = client.post(url)
    assert response.status_code == 302
    assert [str(m) for m in response.wsgi_request._messages] == [
        f"Version {version.number} is published.",
        f"Version {version.number} is published.",
    ]


def test_a_run_requested_twice_while_the_first_waits_is_the_same_run(territory, coordinator):
    kwargs = dict(
        territory=territory,
        period_start=START,
        period_end=END,
        method="engine",
        requested_by=coordinator,
        enqueue=False,
    )
    assert start_run(**kwargs) == start_run(**kwargs)
    assert ConsolidationRun.objects.count() == 1


def test_an_interrupted_run_does_not_block_a_new_one(territory, coordinator):
    stale = ConsolidationRunFactory(territory=territory, interrupted=True)
    fresh = start_run(
        territory=territory,
        period_start=START,
        period_end=END,
        method="engine",
        requested_by=coordinator,
        enqueue=False,
    )
    assert fresh != stale


def test_two_runs_storing_the_same_version_number_fail_with_a_sentence(
    territory, coordinator, monkeypatch
):
    run = start_run(
        territory=territory,
        period_start=START,
        period_end=END,
        method="baseline",
        requested_by=coordinator,
        enqueue=False,
    )

    def racing(*args, **kwargs):
        raise IntegrityError('duplicate key value violates unique constraint "plan_version_number"')

    monkeypatch.setattr(services, "_store_version", racing)
    execute_run(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.message) == (
        "failed",
        "Another run of the same period stored its plan at the same time: run it again.",
    )
    assert PlanVersion.objects.count() == 0


def test_the_same_answer_twice_is_recorded_once():
    assignment = PlanAssignmentFactory()
    by = assignment.worker.user
    first = respond_to_assignment(
        assignment=assignment, by=by, decision="refused", reason="Trop loin"
    )
    second = respond_to_assignment(
        assignment=assignment, by=by, decision="refused", reason="Trop loin "
    )
    assert second == first
    assert AssignmentResponse.objects.count() == 1
    assert PairRule.objects.count() == 1


def test_a_changed_answer_is_a_new_row():
    assignment = PlanAssignmentFactory()
    by = assignment.worker.user
    respond_to_assignment(assignment=assignment, by=by, decision="review", reason="Horaires ?")
    respond_to_assignment(assignment=assignment, by=by, decision="accepted")
    assert list(AssignmentResponse.objects.values_list("decision", flat=True)) == [
        "review",
        "accepted",
    ]


def test_a_long_refusal_is_kept_whole_and_the_rule_holds_what_fits():
    assignment = PlanAssignmentFactory()
    reason = "Je ne peux pas. " * 120  # 1 920 characters
    respond_to_assignment(
        assignment=assignment, by=assignment.worker.user, decision="refused", reason=reason
    )
    assert AssignmentResponse.objects.get().reason == reason.strip()
    rule = PairRule.objects.get()
    assert len(rule.reason) == 300
    assert rule.reason.startswith("Refused by the worker: Je ne peux pas.")


def test_the_answer_form_refuses_a_reason_longer_than_its_limit(client):
    assignment = PlanAssignmentFactory()
    client.force_login(assignment.worker.user)
    prefix = f"a{assignment.pk}"
    client.post(
        reverse("plans:worker_respond", args=[assignment.pk]),
        {f"{prefix}-decision": "refused", f"{prefix}-reason": "x" * 2001},
    )
    assert AssignmentResponse.objects.count() == 0
