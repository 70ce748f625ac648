"""Payroll exports, their lines, statements and group employments are written once:
read-only in the admin, refused by the database; only a group employment's end is set, once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from maillage.core.immutability import ERROR_PREFIX
from maillage.wages.models import GroupEmployment, GroupStatementLine, PayrollLine
from maillage.wages.services import end_group_employment, run_payroll_export
from tests.immutability import assert_admin_read_only, assert_frozen, assert_never_deleted
from tests.wages.conftest import NOVEMBER, TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def export(payroll_world):
    return run_payroll_export(
        territory=payroll_world.territory, month=NOVEMBER, by=payroll_world.coordinator, today=TODAY
    )


def test_an_export_and_its_statements_are_read_only_in_the_admin(admin_client, export):
    assert_admin_read_only(admin_client, export)
    assert_admin_read_only(admin_client, export.statements.first())


def test_the_database_keeps_every_figure_shown(export):
    line = PayrollLine.objects.filter(export=export).first()
    statement = export.statements.first()
    statement_line = GroupStatementLine.objects.filter(statement=statement).first()

    assert_frozen(export, net_pay=Decimal("1.00"))
    assert_frozen(line, gross=Decimal("1.00"), employer_cost=Decimal("1.00"))
    assert_frozen(statement, cost_share=Decimal("0.00"), total=Decimal("0.00"))
    assert_frozen(statement_line, member_minutes=0)
    for row in (statement_line, statement, line, export):
        assert_never_deleted(row)


def test_a_group_employment_ends_once_and_keeps_its_terms(payroll_world):
    employment = payroll_world.employment
    assert_frozen(employment, fee_rate=Decimal("0.10"))

    with pytest.raises(PermissionDenied):
        end_group_employment(
            employment=employment, last_month=dt.date(2027, 1, 1), by=payroll_world.school_buyer
        )
    with pytest.raises(ValidationError):
        end_group_employment(
            employment=employment, last_month=dt.date(2026, 10, 1), by=payroll_world.coordinator
        )
    ended = end_group_employment(
        employment=employment, last_month=dt.date(2027, 1, 1), by=payroll_world.coordinator
    )

    assert GroupEmployment.objects.get(pk=ended.pk).last_month == dt.date(2027, 1, 1)
    with pytest.raises(IntegrityError, match=ERROR_PREFIX), transaction.atomic():
        GroupEmployment.objects.filter(pk=ended.pk).update(last_month=dt.date(2027, 6, 1))
    with pytest.raises(ValidationError):
        end_group_employment(
            employment=ended, last_month=dt.date(2027, 3, 1), by=payroll_world.coordinator
        )
