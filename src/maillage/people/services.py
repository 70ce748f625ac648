"""Operations on people: workers' profiles and availability."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from maillage.people.models import AvailabilityWindow, WorkerProfile, WorkerStatus


def update_worker_profile(
    *, worker: WorkerProfile, changes: dict, wished_minutes: int, max_minutes: int
) -> WorkerProfile:
    """Save a worker's profile; the database constraints back the checks made here."""
    if wished_minutes > max_minutes:
        raise ValidationError({"wished_hours": _("Wished hours cannot exceed the maximum hours.")})
    if (
        changes.get("status", worker.status) == WorkerStatus.COOPERATIVE_EMPLOYEE
        and worker.status != WorkerStatus.COOPERATIVE_EMPLOYEE
    ):
        # The status feeds the engine and the indicators: only the employer says it is so.
        raise ValidationError(
            {"status": _("Only a coordinator records that you are employed by the cooperative.")}
        )
    with transaction.atomic():
        for name, value in changes.items():
            setattr(worker, name, value)
        worker.wished_weekly_minutes = wished_minutes
        worker.max_weekly_minutes = max_minutes
        worker.full_clean()
        worker.save()
    return worker


def add_availability(
    *, worker: WorkerProfile, weekday: int, start_minute: int, end_minute: int
) -> AvailabilityWindow:
    """Add a weekly availability window; refuse one that overlaps an existing window.

    The worker's row is locked so that two posts at once check one after the other; on
    PostgreSQL an exclusion constraint (availability_no_overlap) backs the check.
    """
    overlap_message = _("This window overlaps one you already gave.")
    with transaction.atomic():
        WorkerProfile.objects.select_for_update().filter(pk=worker.pk).first()
        overlapping = AvailabilityWindow.objects.filter(
            worker=worker, weekday=weekday, start_minute__lt=end_minute, end_minute__gt=start_minute
        )
        if overlapping.exists():
            raise ValidationError({"start": overlap_message})
        window = AvailabilityWindow(
            worker=worker, weekday=weekday, start_minute=start_minute, end_minute=end_minute
        )
        window.full_clean()
        try:
            with transaction.atomic():
                window.save()
        except IntegrityError as error:  # the exclusion constraint: another post won the race
            raise ValidationError({"start": overlap_message}) from error
    return window


def remove_availability(*, worker: WorkerProfile, window_id: int) -> None:
    """Remove one of the worker's own windows (another worker's window is not found)."""
    deleted, _count = worker.availability.filter(pk=window_id).delete()
    if not deleted:
        raise AvailabilityWindow.DoesNotExist
