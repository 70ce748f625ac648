"""The demo's employer group employs a worker and November's statements are written, once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from maillage.demo.wages import build_wages
from maillage.timesheets.services import validate_timesheet
from maillage.wages.models import GroupEmployment, GroupStatement, PayrollExport
from tests.factories import BuyerGroupFactory, ContractProposalFactory
from tests.factories.timesheets import declared
from tests.timesheets.conftest import WEEK

pytestmark = pytest.mark.django_db


def test_nothing_before_a_plan_is_published(territory, coordinator):
    assert build_wages(territory, coordinator=coordinator) is False
    assert not PayrollExport.objects.exists()


def test_the_group_employs_the_signed_worker_with_the_most_member_hours(dated):
    for worker in (dated.bruno, dated.alice):
        ContractProposalFactory(
            worker=worker, plan_version=dated.version, signed=True, start_date=dt.date(2026, 10, 1)
        )
    group = BuyerGroupFactory(
        employer=True, territory=dated.territory, members=[dated.school, dated.library]
    )
    buyers = {dated.school.pk: dated.school_buyer, dated.library.pk: dated.library_buyer}
    for timesheet in declared(dated.alice, WEEK):
        validate_timesheet(timesheet=timesheet, by=buyers[timesheet.organisation_id])

    built = build_wages(dated.territory, coordinator=dated.coordinator)

    employment = GroupEmployment.objects.get()
    export = PayrollExport.objects.get()
    statements = GroupStatement.objects.filter(export=export)
    assert built is True
    assert (employment.group, employment.worker, employment.fee_rate) == (
        group,
        dated.alice,
        Decimal("0.0800"),
    )
    assert statements.count() == 2
    cost = export.lines.get(worker=dated.alice).employer_cost
    assert sum(s.cost_share for s in statements) == cost
    assert build_wages(dated.territory, coordinator=dated.coordinator) is False
    assert PayrollExport.objects.count() == 1
