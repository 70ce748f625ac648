"""Daily upkeep of employment (Celery beat, on the default queue)."""

from celery import shared_task

from maillage.employment.lifecycle import start_due_employments


@shared_task
def start_employments() -> int:
    """Signed contracts whose start date has come make their worker an employee."""
    return start_due_employments()
