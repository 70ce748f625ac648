"""A cold GPEC cache is filled by one build per process, however many threads ask at once."""

import time

import pytest
from django.core.cache import cache

from maillage.www.gpec import dashboard
from tests.concurrency import at_once
from tests.factories import TerritoryFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_threads_asking_at_once_share_one_build(monkeypatch):
    territory = TerritoryFactory()
    cache.clear()
    builds = []

    def slow_build(**kwargs):
        builds.append(kwargs["audience"])
        time.sleep(0.2)  # long enough for the other threads to find the cache still empty
        return dashboard.Dashboard(
            territory=territory,
            audience=kwargs["audience"],
            supply_demand=None,
            indicators=None,
            tables={},
            charts={},
            diagnosis_job=None,
            public_costs_job=None,
            gaps=[],
        )

    monkeypatch.setattr(dashboard, "build_dashboard", slow_build)

    def ask():
        return dashboard.cached_dashboard(territory=territory, audience="coordinator")

    boards, errors = at_once(ask, ask, ask, ask)

    assert errors == []
    assert builds == ["coordinator"]
    assert len(boards) == 4
