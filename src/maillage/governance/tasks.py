"""Periodic governance upkeep (Celery beat, see settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from maillage.governance.services import close_due_votes


@shared_task(name="maillage.governance.tasks.close_due_votes")
def close_due_votes_task() -> int:
    """Every few minutes: close the votes whose window has ended and record their decision."""
    return close_due_votes()
