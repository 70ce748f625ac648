"""The dated plan of tests/execution with a third worker, Carla, who can replace Alice.

"Now" is Friday 20 November 2026 at noon (MID_PERIOD): Alice's next workshop is on
Tuesday 24 November, 15:00-16:30 in Bordeaux; Carla is free on Tuesdays 8:00-19:00.
"""

import datetime as dt

import pytest

from tests.execution.conftest import MID_PERIOD, plan  # noqa: F401 (a fixture)
from tests.factories import WorkerProfileFactory
from tests.www.execution.conftest import dated  # noqa: F401 (a fixture)

TUESDAY_24 = dt.date(2026, 11, 24)
NOW = MID_PERIOD


@pytest.fixture
def world(dated):  # noqa: F811
    dated.carla = WorkerProfileFactory(
        territory=dated.territory, qualified=True, user__first_name="Carla"
    )
    dated.people["carla"] = dated.carla.user
    return dated
