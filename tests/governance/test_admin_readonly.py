"""The steering's records and the audit log are read-only in the admin."""

import pytest

from maillage.audit.models import AuditEvent
from maillage.governance import services
from tests.factories import UserFactory
from tests.factories import governance as gov
from tests.governance.test_votes import AFTER, OPENED
from tests.immutability import assert_admin_read_only

pytestmark = pytest.mark.django_db


def test_proposals_decisions_statutes_and_events_are_read_only(client, steering):
    client.force_login(UserFactory(superuser=True))
    vote = gov.voting(steering.territory, by=steering.coordinator, opened=OPENED)
    decision = services.close_vote(proposal=vote, now=AFTER)
    for obj in (vote, decision, vote.statutes, gov.college(steering.territory, "workers")):
        assert_admin_read_only(client, obj)
    assert_admin_read_only(
        client, AuditEvent.objects.filter(action__startswith="governance").first()
    )
