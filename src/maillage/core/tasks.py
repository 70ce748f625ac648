"""Periodic upkeep of background jobs (Celery beat runs it every minute, see settings)."""

from celery import shared_task

from maillage.core.jobs import reconcile


@shared_task(name="maillage.core.tasks.reconcile_jobs")
def reconcile_jobs() -> dict[str, int]:
    """Close the jobs whose worker died: a running job never stays running forever."""
    return reconcile()
