"""Background jobs of replacements (Celery; in process when no broker is configured)."""

from celery import shared_task

from maillage.absences.models import ReplacementProposal
from maillage.absences.services import execute_proposal
from maillage.core import jobs


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def run_replacement(self, *, proposal_id: int) -> str:
    """Compute one replacement proposal; idempotent (see maillage.core.jobs)."""
    proposal = ReplacementProposal.objects.get(pk=proposal_id)
    return jobs.run_claimed(self, proposal, execute=execute_proposal, id_kwarg="proposal_id")
