"""Two coordinators confirm a replacement of the same occurrence at the same moment, from two
proposals, each on its own connection: one wins, the other's line is "overtaken".

PostgreSQL only (row locks); on SQLite the state check and the one-current-row-per-uid
constraint do the same work one transaction after the other (test_services.py).
"""

import pytest
from django.db import connection

from maillage.absences.models import LineOutcome, ProposalLine
from maillage.absences.services import confirm_proposal, declare_absence, request_proposal
from maillage.execution.models import Occurrence
from tests.absences.conftest import NOW, TUESDAY_24
from tests.concurrency import at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only"),
]


def test_two_confirmations_at_once_one_wins(world, django_capture_on_commit_callbacks):
    coordinator = world.people["coordinator"]
    absence = declare_absence(
        worker=world.alice,
        kind="sickness",
        first_day=TUESDAY_24,
        last_day=TUESDAY_24,
        by=world.alice.user,
        now=NOW,
    )
    proposals = []
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            proposal = request_proposal(absence=absence, by=coordinator, now=NOW)
        proposal.refresh_from_db()
        proposals.append(proposal)
    outcomes, errors = at_once(
        *(
            lambda proposal=proposal: confirm_proposal(proposal=proposal, by=coordinator, now=NOW)
            for proposal in proposals
        )
    )

    assert errors == []
    assert sorted(len(o.confirmed) for o in outcomes) == [0, 1]
    assert sorted(ProposalLine.objects.values_list("outcome", flat=True)) == sorted(
        [LineOutcome.CONFIRMED, LineOutcome.OVERTAKEN]
    )
    current = Occurrence.objects.filter(date=TUESDAY_24, mission=world.workshop).exclude(
        state__in=("replaced", "superseded")
    )
    assert [o.worker for o in current] == [world.carla]
