"""The weekly reminder, the needs that end done, and the validated minutes that invoicing and
payroll read (latest validated version only)."""

from __future__ import annotations

import datetime as dt

import pytest

from maillage.missions.models import Mission
from maillage.notifications.models import Notification
from maillage.timesheets.models import Timesheet
from maillage.timesheets.selectors import (
    validated_minutes_by_mission,
    validated_minutes_by_worker_organisation,
)
from maillage.timesheets.services import (
    LineInput,
    close_finished_missions,
    dispute_timesheet,
    remind_to_declare,
    settle_timesheet,
    validate_timesheet,
)
from maillage.timesheets.tasks import (
    close_finished_missions_task,
    remind_timesheets_to_declare,
    validate_overdue_timesheets,
)
from tests.factories.timesheets import as_planned, declared
from tests.timesheets.conftest import FIRST_WEEK, NOW, WEEK

pytestmark = pytest.mark.django_db


def _validate_all(dated, week):
    for timesheet in declared(dated.alice, week, now=NOW):
        buyer = (
            dated.school_buyer if timesheet.organisation == dated.school else dated.library_buyer
        )
        validate_timesheet(timesheet=timesheet, by=buyer)


def test_the_reminder_opens_each_undeclared_week_and_tells_the_worker_once_a_week(dated):
    declared(dated.alice, WEEK, organisation=dated.library)

    assert remind_to_declare(now=NOW) == 2  # the week of 9 Nov, and the school's of 16 Nov

    opened = Timesheet.objects.filter(state="to_declare")
    assert sorted((t.week, t.organisation.name) for t in opened) == [
        (FIRST_WEEK, "Médiathèque"),
        (FIRST_WEEK, "École Jules Ferry"),
        (WEEK, "École Jules Ferry"),
    ]
    told = Notification.objects.filter(kind="timesheet_to_declare")
    assert sorted(n.params["week"] for n in told) == ["2026-11-09", "2026-11-16"]
    assert {n.recipient for n in told} == {dated.alice.user}

    assert remind_to_declare(now=NOW) == 2  # still not declared: reminded again, no new row
    assert Timesheet.objects.filter(state="to_declare").count() == 3


def test_a_need_over_with_every_timesheet_validated_is_done(dated):
    after = dt.date(2026, 11, 21)
    _validate_all(dated, FIRST_WEEK)
    assert close_finished_missions(today=after) == 0  # the second week is not declared

    _validate_all(dated, WEEK)
    assert close_finished_missions(today=dt.date(2026, 11, 20)) == 0  # not over yet
    assert close_finished_missions(today=after) == 3

    workshop = Mission.objects.get(pk=dated.workshop.pk)
    assert workshop.state == "done"
    moves = [(t.from_state, t.to_state, t.by) for t in workshop.transitions.all()]
    # Through "running" (by the execution app at the first occurrence, or here if nobody did).
    assert ("planned", "running") in {(a, b) for a, b, _by in moves}
    assert moves[-1] == ("running", "done", None)
    assert close_finished_missions(today=after) == 0


def test_a_dispute_keeps_the_need_open(dated):
    _validate_all(dated, FIRST_WEEK)
    sheets = declared(dated.alice, WEEK, now=NOW)
    school = next(t for t in sheets if t.organisation == dated.school)
    dispute_timesheet(timesheet=school, by=dated.school_buyer, comment="Non")

    close_finished_missions(today=dt.date(2026, 11, 21))

    assert Mission.objects.get(pk=dated.workshop.pk).state in {"planned", "running"}


def test_validated_minutes_count_the_latest_validated_version_only(dated):
    _validate_all(dated, FIRST_WEEK)
    sheets = declared(dated.alice, WEEK, now=NOW)
    school = next(t for t in sheets if t.organisation == dated.school)
    dispute_timesheet(timesheet=school, by=dated.school_buyer, comment="Non")
    lines = [
        *as_planned([dated.occurrence(dated.workshop)]),
        LineInput(
            occurrence_id=dated.occurrence(dated.late_workshop).pk,
            outcome="not_done",
            reason="Absent",
        ),
    ]
    month = dt.date(2026, 11, 1)
    alice, school_id, library_id = dated.alice.pk, dated.school.pk, dated.library.pk
    # Week 1 validated: 90 + 60 for the school, 120 for the library; week 2 not yet.
    assert validated_minutes_by_worker_organisation(month) == {
        (alice, school_id): 150,
        (alice, library_id): 120,
    }

    settle_timesheet(timesheet=school, lines=lines, by=dated.coordinator, reason="Vu", now=NOW)

    assert validated_minutes_by_worker_organisation(month) == {
        (alice, school_id): 150 + 90,
        (alice, library_id): 120,
    }
    assert validated_minutes_by_worker_organisation(dt.date(2026, 12, 1)) == {}
    assert validated_minutes_by_mission(
        [dated.workshop.pk, dated.late_workshop.pk, dated.help_desk.pk]
    ) == {dated.workshop.pk: 180, dated.late_workshop.pk: 60, dated.help_desk.pk: 120}
    assert validated_minutes_by_mission([dated.workshop.pk], first=WEEK) == {dated.workshop.pk: 90}


def test_the_tasks_run_the_services(dated):
    assert validate_overdue_timesheets() == 0
    assert isinstance(remind_timesheets_to_declare(), int)
    assert close_finished_missions_task() == 0
