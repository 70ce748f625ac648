"""The statutes, proposals, the union's opinions, participations, ballots, decisions and the
proposals' transition log are never rewritten (core/immutability.py).

A proposal only moves its state along its lifecycle; its vote window and statutes are set
once, when the vote opens.
"""

from django.db import migrations

from maillage.core.immutability import protect
from maillage.governance.models import PROPOSAL_STATE_MOVES


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0001_initial"),
    ]

    operations = [
        protect("governance_statutes"),
        protect(
            "governance_proposal",
            mutable=["updated_at"],
            moves={"state": PROPOSAL_STATE_MOVES},
            set_once=["statutes_id", "voting_opens_at", "voting_closes_at"],
        ),
        protect("governance_proposaltransition"),
        protect("governance_unionopinion"),
        protect("governance_participation"),
        protect("governance_ballot"),
        protect("governance_decision"),
    ]
