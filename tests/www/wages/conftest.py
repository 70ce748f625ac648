"""The November 2026 payroll of tests/wages, exported once, and one user per role."""

import pytest

from maillage.people.models import Role
from maillage.wages.models import GroupStatement
from maillage.wages.services import run_payroll_export
from tests.factories import member_with_role
from tests.wages.conftest import (  # noqa: F401 (fixtures)
    NOVEMBER,
    TODAY,
    dated,
    france_system,
    payroll_world,
)


@pytest.fixture
def exported(payroll_world, people):  # noqa: F811
    """The export, the two statements, and who asks."""
    export = run_payroll_export(
        territory=payroll_world.territory,
        month=NOVEMBER,
        by=payroll_world.coordinator,
        today=TODAY,
    )
    payroll_world.export = export
    payroll_world.school_statement = GroupStatement.objects.get(
        export=export, member=payroll_world.school
    )
    payroll_world.library_statement = GroupStatement.objects.get(
        export=export, member=payroll_world.library
    )
    payroll_world.users = {
        **people,
        "worker": payroll_world.alice.user,
        "coordinator": payroll_world.coordinator,
        "buyer_member": payroll_world.school_buyer,
        "library_buyer": payroll_world.library_buyer,
        "group_manager": payroll_world.group_manager,
        "union_rep": member_with_role(Role.UNION_REP, payroll_world.territory),
    }
    return payroll_world
