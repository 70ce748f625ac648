"""Background jobs of the consolidation (Celery; in process when no broker is configured)."""

from celery import shared_task

from maillage.consolidation.services import execute_run


@shared_task(acks_late=True, max_retries=0)
def run_consolidation(*, run_id: int) -> str:
    """Run one consolidation; idempotent (a run already started is left alone)."""
    return execute_run(run_id=run_id).status
