"""Reads of contract proposals; None when the user may not see them."""

from __future__ import annotations

from maillage.employment.access import contract_proposals_visible_to
from maillage.employment.models import ContractProposal
from maillage.people.access import Viewer


def visible_contract_proposal(user: Viewer, pk: int) -> ContractProposal | None:
    """The proposal, or None when it does not exist or the user does not coordinate it."""
    return (
        contract_proposals_visible_to(user)
        .select_related("worker__user", "worker__territory")
        .filter(pk=pk)
        .first()
    )
