"""A November 2026 payroll: Alice (whole month, employed by an employer group of the school
and the library), Bruno (from 17 November) and their validated hours.

Built on the dated weeks of tests/timesheets: Alice works on Tuesdays 10 and 17 November, for
the library 10:00-12:00 and the school 15:00-16:30 and 17:00-18:00; both weeks are declared as
planned and validated by the buyers, so the school has 300 validated minutes, the library 240.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from maillage.payroll import tax_benefit_system
from maillage.people.models import Role
from maillage.timesheets.services import validate_timesheet
from tests.factories import BuyerGroupFactory, ContractProposalFactory, member_with_role
from tests.factories.timesheets import declared
from tests.factories.wages import GroupEmploymentFactory
from tests.timesheets.conftest import FIRST_WEEK, WEEK, dated  # noqa: F401 (a fixture)

NOVEMBER = dt.date(2026, 11, 1)
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="session", autouse=True)
def france_system():
    """Build OpenFisca-France once for the whole session (about 3 s)."""
    return tax_benefit_system()


@pytest.fixture
def payroll_world(dated):  # noqa: F811
    alice_contract = ContractProposalFactory(
        worker=dated.alice,
        plan_version=dated.version,
        signed=True,
        start_date=dt.date(2026, 10, 1),
    )
    bruno_contract = ContractProposalFactory(
        worker=dated.bruno,
        plan_version=dated.version,
        signed=True,
        start_date=dt.date(2026, 11, 17),
    )
    group = BuyerGroupFactory(
        employer=True,
        territory=dated.territory,
        name="Groupement d'employeurs du Libournais",
        members=[dated.school, dated.library],
    )
    employment = GroupEmploymentFactory(worker=dated.alice, group=group, fee_rate=Decimal("0.05"))
    buyers = {dated.school.pk: dated.school_buyer, dated.library.pk: dated.library_buyer}
    for monday in (FIRST_WEEK, WEEK):
        for timesheet in declared(dated.alice, monday):
            validate_timesheet(timesheet=timesheet, by=buyers[timesheet.organisation_id])
    return SimpleNamespace(
        **vars(dated),
        alice_contract=alice_contract,
        bruno_contract=bruno_contract,
        group=group,
        employment=employment,
        group_manager=member_with_role(Role.GROUP_MANAGER, None, buyer_group=group),
    )
