"""A double click on "pin" whose two posts arrive together, each on its own connection: one
active rule, no error (PostgreSQL only: row locks)."""

import pytest
from django.db import connection

from maillage.consolidation.models import PairRule
from maillage.consolidation.services import add_pair_rule
from tests.concurrency import at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only"),
]


def test_the_same_pin_posted_twice_at_once_stays_one_active_rule(world):
    def pin():
        return add_pair_rule(
            mission=world.missions_by_name["M1"],
            worker=world.workers_by_name["Alice"],
            kind=PairRule.Kind.PIN,
            by=world.coordinator,
            reason="Elle connaît l'école",
        )

    rules, errors = at_once(pin, pin)

    assert errors == []
    assert rules[0].pk == rules[1].pk
    assert PairRule.objects.count() == 1
