"""Periodic upkeep (Celery beat, see settings.CELERY_BEAT_SCHEDULE): stale jobs, old tokens."""

from celery import shared_task

from maillage.core.idempotency import forget_old
from maillage.core.jobs import reconcile


@shared_task(name="maillage.core.tasks.reconcile_jobs")
def reconcile_jobs() -> dict[str, int]:
    """Close the jobs whose worker died: a running job never stays running forever."""
    return reconcile()


@shared_task(name="maillage.core.tasks.forget_old_idempotency_keys")
def forget_old_idempotency_keys() -> int:
    """Delete double-click tokens past their limit (the table would otherwise only grow)."""
    return forget_old()
