"""Who may compare statuses and who proposes, follows and downloads a contract.

A worker compares statuses for themselves; coordinators propose contracts to the workers of
the territories they coordinate and follow those proposals.
"""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.employment.models import ContractProposal
from maillage.people.access import (
    Viewer,
    coordinates,
    own_worker_profile,
    territories_coordinated_by,
)
from maillage.people.models import WorkerProfile
from maillage.territory.models import Territory


def comparison_worker(user: Viewer) -> WorkerProfile | None:
    """The worker whose status comparison the user may see: their own profile, or None."""
    return own_worker_profile(user)


def contract_territories(user: Viewer) -> QuerySet[Territory]:
    """Territories whose workers the user may propose a contract to: those they coordinate."""
    return territories_coordinated_by(user)


def can_propose_contract(user: Viewer, worker: WorkerProfile) -> bool:
    """Only a coordinator of the worker's territory proposes them a contract."""
    return coordinates(user, worker.territory_id)


def contract_proposals_visible_to(user: Viewer) -> QuerySet[ContractProposal]:
    """Proposals to the workers of the territories the user coordinates."""
    return ContractProposal.objects.filter(worker__territory__in=territories_coordinated_by(user))


def can_manage_contract(user: Viewer, proposal: ContractProposal) -> bool:
    """Only a coordinator of the worker's territory moves a proposal or prints it."""
    return coordinates(user, proposal.worker.territory_id)
