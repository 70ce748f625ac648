"""A November of validated work for a school and a public town hall (factories/invoicing.py)."""

from __future__ import annotations

import pytest

from tests.factories.invoicing import november


@pytest.fixture
def month(territory, charter, coordinator):
    world = november(territory)
    world.coordinator = coordinator
    return world


@pytest.fixture
def unvalidated_month(territory, charter, coordinator):
    world = november(territory, validate=False)
    world.coordinator = coordinator
    return world
