"""Background jobs of the GPEC (Celery; in process when no broker is configured).

The service enqueues this task by name (`services.JOB_TASK`) on the territory's queue; this
module imports the services, never the reverse.
"""

from celery import shared_task

from maillage.core import jobs
from maillage.gpec.models import GpecJob
from maillage.gpec.services import execute_job


# acks_late + reject_on_worker_lost: see maillage.consolidation.tasks.
@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def run_gpec_job(self, *, job_id: int) -> str:
    """Run one GPEC computation; idempotent (a job finished or alive elsewhere is left alone)."""
    job = GpecJob.objects.get(pk=job_id)
    return jobs.run_claimed(self, job, execute=execute_job, id_kwarg="job_id")
