"""A double click on "pin" whose two posts arrive together, each on its own connection: one
active rule, no error (PostgreSQL only: row locks)."""

import threading

import pytest
from django.db import connection

from maillage.consolidation.models import PairRule
from maillage.consolidation.services import add_pair_rule

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only"),
]


def test_the_same_pin_posted_twice_at_once_stays_one_active_rule(world):
    barrier = threading.Barrier(2)
    rules, errors = [], []

    def pin():
        try:
            barrier.wait(timeout=10)
            rules.append(
                add_pair_rule(
                    mission=world.missions_by_name["M1"],
                    worker=world.workers_by_name["Alice"],
                    kind=PairRule.Kind.PIN,
                    by=world.coordinator,
                    reason="Elle connaît l'école",
                )
            )
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=pin) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert rules[0].pk == rules[1].pk
    assert PairRule.objects.count() == 1
