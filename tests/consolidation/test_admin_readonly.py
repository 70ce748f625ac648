"""Plan versions, their assignments, unassigned needs, transitions and the workers' answers
are written once: read-only in the admin, refused by the database.

A version's state moves draft → published → superseded, never back, and nothing else of it
changes; an answer may only be marked reviewed (once).
"""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from maillage.consolidation.models import PlanTransition, PlanUnassigned, PlanVersion
from maillage.consolidation.services import publish_version
from maillage.core.immutability import ERROR_PREFIX
from tests.factories import (
    AssignmentResponseFactory,
    PlanUnassignedFactory,
    PlanVersionFactory,
)
from tests.immutability import (
    assert_admin_read_only,
    assert_frozen,
    assert_never_deleted,
    assert_not_in_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered():
    """An answer to an assignment of a published version, with one unassigned need."""
    response = AssignmentResponseFactory(review=True)
    PlanUnassignedFactory(version=response.assignment.version)
    return response


def test_versions_assignments_and_answers_are_read_only_in_the_admin(admin_client, answered):
    assignment = answered.assignment
    html = assert_admin_read_only(admin_client, assignment.version)
    assert "no_qualified_worker" in html  # the unassigned needs, as a read-only inline
    assert_admin_read_only(admin_client, assignment)
    assert_admin_read_only(admin_client, answered)
    assert_not_in_admin(PlanTransition)
    assert_not_in_admin(PlanUnassigned)


def test_the_database_keeps_a_version_as_computed(answered):
    version = answered.assignment.version
    # A value other than the row's own (the factory's sequence reaches any fixed number).
    assert_frozen(version, number=version.number + 1)
    assert_frozen(version, metrics={"assigned_missions": 99})
    assert_frozen(version, objective="1")
    assert_never_deleted(version)


def test_the_database_keeps_assignments_and_unassigned_needs(answered):
    assignment = answered.assignment
    assert_frozen(assignment, weekly_minutes=1)
    assert_frozen(assignment, blocks=[])
    assert_never_deleted(assignment)
    unassigned = assignment.version.unassigned.get()
    assert_frozen(unassigned, reason="other")
    assert_never_deleted(unassigned)


def test_an_answer_is_kept_as_given_and_reviewed_once(answered):
    assert_frozen(answered, decision="accepted", reason="")
    assert_never_deleted(answered)
    type(answered).objects.filter(pk=answered.pk).update(resolved_at=timezone.now())
    assert_frozen(answered, resolved_at=None)


def test_publishing_moves_the_states_and_the_log_is_kept(coordinator, territory):
    first = PlanVersionFactory(territory=territory, published=True)
    second = PlanVersionFactory(territory=territory)
    publish_version(version=second, by=coordinator)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == ("superseded", "published")
    logged = second.transitions.get()
    assert (logged.from_state, logged.to_state) == ("draft", "published")
    assert_frozen(logged, to_state="draft")
    assert_never_deleted(logged)


@pytest.mark.parametrize(
    ("state", "back_to"),
    [("published", "draft"), ("superseded", "published"), ("superseded", "draft")],
)
def test_a_version_never_moves_back(territory, state, back_to):
    version = PlanVersionFactory(territory=territory, state=state)
    with pytest.raises(IntegrityError, match=ERROR_PREFIX), transaction.atomic():
        PlanVersion.objects.filter(pk=version.pk).update(state=back_to)
    assert PlanVersion.objects.get(pk=version.pk).state == state
