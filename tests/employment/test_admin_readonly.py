"""Contract proposals and their history are written once: read-only in the admin, refused by
the database. The state moves proposed → issued → signed (or withdrawn), nothing else."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from maillage.core.immutability import ERROR_PREFIX
from maillage.employment.models import ContractProposal, ContractTransition
from maillage.employment.services import move_contract, propose_contract
from tests.immutability import (
    assert_admin_read_only,
    assert_frozen,
    assert_never_deleted,
    assert_not_in_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(territory, worker, charter, coordinator, publish_plan):
    publish_plan(territory, worker, [24 * 60])
    return propose_contract(worker=worker, by=coordinator)


def test_a_proposal_and_its_history_are_read_only_in_the_admin(admin_client, proposal):
    assert_admin_read_only(admin_client, proposal)
    assert_not_in_admin(ContractTransition)


def test_the_database_keeps_a_proposals_terms(proposal):
    assert_frozen(proposal, hourly_gross=Decimal("20.00"))
    assert_frozen(proposal, weekly_minutes=60, monthly_gross=Decimal("1.00"))
    assert_never_deleted(proposal)
    logged = proposal.transitions.get()
    assert_frozen(logged, reason="rewritten")
    assert_never_deleted(logged)


def test_issuing_and_signing_still_move_the_state(proposal, coordinator):
    move_contract(proposal=proposal, to_state="issued", by=coordinator)
    signed = move_contract(proposal=proposal, to_state="signed", by=coordinator)
    signed.refresh_from_db()
    assert signed.state == "signed"
    assert [t.to_state for t in signed.transitions.all()] == ["proposed", "issued", "signed"]
    with pytest.raises(IntegrityError, match=ERROR_PREFIX), transaction.atomic():
        ContractProposal.objects.filter(pk=proposal.pk).update(state="withdrawn")
    assert ContractProposal.objects.get(pk=proposal.pk).state == "signed"
