"""Availability windows never overlap, even posted twice at once; the cooperative-employee
status is set by a coordinator, not declared."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from maillage.people.models import AvailabilityWindow, WorkerStatus
from maillage.people.services import add_availability, update_worker_profile
from maillage.www.workers.forms import WorkerProfileForm
from tests.factories import WorkerProfileFactory

pytestmark = pytest.mark.django_db


def test_an_overlapping_window_is_refused_and_nothing_is_added():
    worker = WorkerProfileFactory()
    add_availability(worker=worker, weekday=1, start_minute=540, end_minute=720)
    with pytest.raises(ValidationError) as refused:
        add_availability(worker=worker, weekday=1, start_minute=700, end_minute=800)
    assert list(refused.value.message_dict) == ["start"]
    assert AvailabilityWindow.objects.filter(worker=worker).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="exclusion constraint: PostgreSQL")
def test_the_database_refuses_overlapping_windows_whatever_the_path():
    worker = WorkerProfileFactory()
    AvailabilityWindow.objects.create(worker=worker, weekday=1, start_minute=540, end_minute=720)
    with pytest.raises(IntegrityError), transaction.atomic():
        AvailabilityWindow.objects.create(
            worker=worker, weekday=1, start_minute=700, end_minute=800
        )
    # Touching windows do not overlap ([540, 720) and [720, 800)).
    AvailabilityWindow.objects.create(worker=worker, weekday=1, start_minute=720, end_minute=800)


def test_a_worker_cannot_declare_themself_an_employee_of_the_cooperative():
    worker = WorkerProfileFactory()
    with pytest.raises(ValidationError) as refused:
        update_worker_profile(
            worker=worker,
            changes={"status": WorkerStatus.COOPERATIVE_EMPLOYEE},
            wished_minutes=worker.wished_weekly_minutes,
            max_minutes=worker.max_weekly_minutes,
        )
    assert list(refused.value.message_dict) == ["status"]
    worker.refresh_from_db()
    assert worker.status == WorkerStatus.JOB_SEEKER


def test_the_profile_form_does_not_offer_the_cooperative_employee_status():
    offered = [
        value
        for value, _label in WorkerProfileForm(instance=WorkerProfileFactory())
        .fields["status"]
        .choices
    ]
    assert WorkerStatus.COOPERATIVE_EMPLOYEE not in offered
    employee = WorkerProfileFactory(status=WorkerStatus.COOPERATIVE_EMPLOYEE)
    kept = [
        value for value, _label in WorkerProfileForm(instance=employee).fields["status"].choices
    ]
    assert WorkerStatus.COOPERATIVE_EMPLOYEE in kept
