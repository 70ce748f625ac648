"""The plan of tests/execution, dated (first publication), and one user per role."""

import pytest

from maillage.execution.services import expand_published_plan
from tests.execution.conftest import MID_PERIOD, plan  # noqa: F401 (a fixture)


@pytest.fixture
def dated(plan, people):  # noqa: F811
    """The plan dated, and `people` with the plan's worker Alice as "worker"; the school's
    buyer as "buyer_member"."""
    from tests.factories import buyer_member

    expand_published_plan(version=plan.v1, now=MID_PERIOD)
    plan.people = {
        **people,
        "worker": plan.alice.user,
        "buyer_member": buyer_member(plan.school),
        "other_worker": plan.bruno.user,
    }
    return plan
