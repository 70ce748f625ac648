"""Versions, lines and the log are never rewritten; a timesheet's state moves only along its
lifecycle (the database refuses the rest, whatever writes the SQL)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from maillage.core.immutability import ERROR_PREFIX
from maillage.timesheets.models import (
    Timesheet,
    TimesheetLine,
    TimesheetTransition,
    TimesheetVersion,
)
from tests.factories.timesheets import declared
from tests.timesheets.conftest import WEEK

pytestmark = pytest.mark.django_db


def _refused(action):
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        action()
    assert ERROR_PREFIX in str(refused.value)


def _raw(sql, pk):
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])


def test_versions_lines_and_log_are_written_once(dated):
    declared(dated.alice, WEEK)
    version = TimesheetVersion.objects.first()
    line = TimesheetLine.objects.first()
    move = TimesheetTransition.objects.first()

    _refused(lambda: TimesheetVersion.objects.filter(pk=version.pk).update(reason="changé"))
    _refused(lambda: TimesheetLine.objects.filter(pk=line.pk).update(minutes=1))
    _refused(lambda: TimesheetTransition.objects.filter(pk=move.pk).update(reason="changé"))
    _refused(lambda: TimesheetLine.objects.filter(pk=line.pk).delete())
    _refused(lambda: _raw("DELETE FROM timesheets_timesheetversion WHERE id = %s", version.pk))


def test_a_timesheet_moves_along_its_lifecycle_only(dated):
    timesheet = declared(dated.alice, WEEK)[0]

    _refused(lambda: Timesheet.objects.filter(pk=timesheet.pk).update(state="to_declare"))
    _refused(lambda: Timesheet.objects.filter(pk=timesheet.pk).update(week="2026-11-23"))
    _refused(lambda: _raw("DELETE FROM timesheets_timesheet WHERE id = %s", timesheet.pk))
    Timesheet.objects.filter(pk=timesheet.pk).update(state="validated")  # an allowed move


@pytest.mark.parametrize(
    "table",
    [
        "timesheets_timesheet",
        "timesheets_timesheetversion",
        "timesheets_timesheetline",
        "timesheets_timesheettransition",
    ],
)
def test_every_protected_table_has_its_triggers(table):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [table],
            )
            assert f"{table}_immutable" in {name for (name,) in cursor.fetchall()}
            return
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
        )
        assert {f"{table}_no_delete", f"{table}_no_update"} <= {n for (n,) in cursor.fetchall()}
