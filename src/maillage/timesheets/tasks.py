"""Periodic timesheet upkeep (Celery beat, see settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from maillage.timesheets.services import (
    close_finished_missions,
    remind_to_declare,
    validate_overdue,
)


@shared_task(name="maillage.timesheets.tasks.validate_overdue_timesheets")
def validate_overdue_timesheets() -> int:
    """Daily: the buyer's silence past the charter's delay validates the timesheet."""
    return validate_overdue()


@shared_task(name="maillage.timesheets.tasks.remind_timesheets_to_declare")
def remind_timesheets_to_declare() -> int:
    """Weekly: remind the workers of the past weeks they have not declared."""
    return remind_to_declare()


@shared_task(name="maillage.timesheets.tasks.close_finished_missions")
def close_finished_missions_task() -> int:
    """Daily: a need whose period is over and whose timesheets are validated is done."""
    return close_finished_missions()
