"""An occurrence's history is never rewritten: read-only in the admin, refused by the
database (its transitions are never changed nor deleted)."""

import pytest

from maillage.execution.models import Occurrence, OccurrenceTransition
from maillage.execution.services import expand_published_plan
from tests.execution.conftest import MID_PERIOD, next_version
from tests.immutability import (
    assert_admin_read_only,
    assert_frozen,
    assert_never_deleted,
    assert_not_in_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cancelled(plan):
    """The help desk left out of the next version: its future dates are cancelled (logged)."""
    expand_published_plan(version=plan.v1, now=MID_PERIOD)
    version = next_version(
        plan, [(plan.workshop, plan.alice, [{"day": 1, "start": 900, "end": 990}])]
    )
    expand_published_plan(version=version, now=MID_PERIOD)
    return Occurrence.objects.filter(mission=plan.help_desk, state="cancelled").first()


def test_an_occurrence_and_its_history_are_read_only_in_the_admin(admin_client, cancelled):
    assert_admin_read_only(admin_client, cancelled)
    assert_not_in_admin(OccurrenceTransition)


def test_the_database_keeps_an_occurrences_history(cancelled):
    logged = cancelled.transitions.last()
    assert (logged.from_state, logged.to_state) == ("planned", "cancelled")
    assert_frozen(logged, to_state="done")
    assert_never_deleted(logged)
