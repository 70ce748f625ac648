"""Periodic upkeep of dated work (Celery beat, on the default queue)."""

from celery import shared_task

from maillage.execution.services import start_running_missions


@shared_task
def start_running() -> int:
    """Planned needs whose first occurrence has started become running."""
    return start_running_missions()
