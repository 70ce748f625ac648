"""Background jobs of the GPEC (Celery; in process when no broker is configured)."""

from celery import shared_task

from maillage.gpec.services import execute_job


@shared_task(acks_late=True, max_retries=0)
def run_gpec_job(*, job_id: int) -> str:
    """Run one GPEC computation; idempotent (a job already started is left alone)."""
    return execute_job(job_id=job_id).status
