"""Background jobs of the consolidation (Celery; in process when no broker is configured).

The service enqueues this task by name (`services.RUN_TASK`) on the territory's queue; this
module imports the services, never the reverse.
"""

from celery import shared_task

from maillage.consolidation.models import ConsolidationRun
from maillage.consolidation.services import execute_run
from maillage.core import jobs


# acks_late + reject_on_worker_lost: a worker child killed mid-run gives the message back, and
# the redelivered task takes the run over once its heartbeat is stale (see core.jobs).
@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def run_consolidation(self, *, run_id: int) -> str:
    """Run one consolidation; idempotent (a run finished or alive elsewhere is left alone)."""
    run = ConsolidationRun.objects.get(pk=run_id)
    return jobs.run_claimed(self, run, execute=execute_run, id_kwarg="run_id")
