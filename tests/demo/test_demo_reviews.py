"""The demo's review requests (one answered, one open) and the contract to accept."""

import pytest

from maillage.consolidation.models import AssignmentResponse, ReviewAnswer
from maillage.demo.reviews import build_reviews
from tests.factories import PlanAssignmentFactory, WorkerProfileFactory

pytestmark = pytest.mark.django_db


def test_nothing_before_a_plan_is_published(territory, worker, coordinator):
    assert build_reviews(territory, showcase=worker.user, coordinator=coordinator) is False


def test_one_request_answered_one_open_and_a_contract_to_accept(
    territory, charter, worker, coordinator, publish_plan
):
    version = publish_plan(territory, worker, [24 * 60])
    colleague = WorkerProfileFactory(territory=territory, with_membership=True)
    PlanAssignmentFactory(version=version, worker=colleague)
    assert build_reviews(territory, showcase=worker.user, coordinator=coordinator) is True
    answered = ReviewAnswer.objects.get()
    assert (answered.response.by, answered.outcome) == (worker.user, "kept")
    open_request = AssignmentResponse.objects.get(resolved_at__isnull=True)
    assert open_request.by == colleague.user
    assert worker.contracts.get().state == "issued"
    assert build_reviews(territory, showcase=worker.user, coordinator=coordinator) is False
    assert (ReviewAnswer.objects.count(), AssignmentResponse.objects.count()) == (1, 2)
