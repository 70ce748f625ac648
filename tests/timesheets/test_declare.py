"""Declaring a week: one timesheet per organisation, in one transaction; every refusal
writes nothing and says why, at the line it is about."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.notifications.models import Notification
from maillage.timesheets.models import (
    Outcome,
    Timesheet,
    TimesheetLine,
    TimesheetTransition,
    TimesheetVersion,
)
from maillage.timesheets.services import LineInput, declare_week, line_field
from tests.factories.timesheets import declared
from tests.timesheets.conftest import NOW, TUESDAY, WEEK, at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def _lines(dated, **outcomes):
    """All three Tuesday lines, as planned unless given (mission name → LineInput kwargs)."""
    lines = []
    for name in ("help_desk", "workshop", "late_workshop"):
        occurrence = dated.occurrence(getattr(dated, name))
        extra = outcomes.get(name, {"outcome": Outcome.AS_PLANNED})
        lines.append(LineInput(occurrence_id=occurrence.pk, **extra))
    return lines


def _declare(dated, lines, *, now=NOW, worker=None):
    worker = worker or dated.alice
    return declare_week(worker=worker, week=WEEK, lines=lines, by=worker.user, now=now)


def _nothing_written():
    assert not Timesheet.objects.exists()
    assert not TimesheetVersion.objects.exists()
    assert not TimesheetLine.objects.exists()
    assert not TimesheetTransition.objects.exists()


def test_one_submission_declares_one_timesheet_per_organisation(dated):
    lines = _lines(
        dated,
        workshop={
            "outcome": Outcome.OTHER_TIMES,
            "actual_start": at(15, 15),
            "actual_end": at(16, 45),
        },
        late_workshop={"outcome": Outcome.NOT_DONE, "reason": "Salle fermée"},
    )

    timesheets = _declare(dated, lines)

    assert [(t.organisation, t.week, t.state) for t in timesheets] == [
        (dated.school, WEEK, "declared"),
        (dated.library, WEEK, "declared"),
    ] or [(t.organisation, t.week, t.state) for t in timesheets] == [
        (dated.library, WEEK, "declared"),
        (dated.school, WEEK, "declared"),
    ]
    school = Timesheet.objects.get(organisation=dated.school)
    version = school.versions.get()
    assert (version.number, version.by, version.at, version.reason) == (
        1,
        dated.alice.user,
        NOW,
        "",
    )
    assert sorted((line.outcome, line.minutes, line.reason) for line in version.lines.all()) == [
        ("not_done", 0, "Salle fermée"),
        ("other_times", 90, ""),
    ]
    assert [(t.from_state, t.to_state, t.by) for t in school.transitions.all()] == [
        ("to_declare", "declared", dated.alice.user)
    ]
    library = Timesheet.objects.get(organisation=dated.library)
    assert [line.minutes for line in library.versions.get().lines.all()] == [120]


def test_each_buyer_is_told_of_their_own_timesheet_only(dated):
    _declare(dated, _lines(dated))

    notified = Notification.objects.filter(kind="timesheet_to_validate")
    assert {n.recipient for n in notified} == {dated.school_buyer, dated.library_buyer}
    school_note = notified.get(recipient=dated.school_buyer)
    assert school_note.params["organisation"] == "École Jules Ferry"
    assert school_note.url.endswith(
        f"/timesheets/{Timesheet.objects.get(organisation=dated.school).pk}/"
    )


def test_an_organisation_alone_may_be_declared(dated):
    timesheets = declared(dated.alice, WEEK, organisation=dated.library)

    assert [t.organisation for t in timesheets] == [dated.library]


def test_a_second_submission_of_the_same_week_is_refused(dated):
    _declare(dated, _lines(dated))

    with pytest.raises(ValidationError) as refused:
        _declare(dated, _lines(dated))

    assert "already declared" in str(refused.value.message_dict["lines"])
    assert TimesheetVersion.objects.count() == 2


def test_a_week_opened_by_the_reminder_is_declared_from_to_declare(dated):
    from tests.factories import TimesheetFactory

    opened = TimesheetFactory(worker=dated.alice, organisation=dated.school, week=WEEK)

    _declare(dated, _lines(dated))

    opened.refresh_from_db()
    assert opened.state == "declared"


def _refused(dated, lines, field, words, **kwargs):
    with pytest.raises(ValidationError) as refused:
        _declare(dated, lines, **kwargs)
    messages = refused.value.message_dict
    assert field in messages, messages
    assert words in " ".join(messages[field])
    _nothing_written()


def test_someone_elses_occurrence_is_refused(dated):
    lines = _lines(dated)
    with pytest.raises(PermissionDenied):
        declare_week(worker=dated.alice, week=WEEK, lines=lines, by=dated.bruno.user, now=NOW)
    _refused(
        dated,
        lines,
        line_field(lines[0].occurrence_id, "outcome"),
        "not one of your occurrences",
        worker=dated.bruno,
    )


def test_an_occurrence_of_another_week_is_refused(dated):
    earlier = dated.occurrence(dated.workshop, dt.date(2026, 11, 10))
    lines = [*_lines(dated), LineInput(occurrence_id=earlier.pk, outcome=Outcome.AS_PLANNED)]

    _refused(dated, lines, line_field(earlier.pk, "outcome"), "not in the week")


def test_an_unknown_occurrence_is_refused(dated):
    lines = [LineInput(occurrence_id=999_999, outcome=Outcome.AS_PLANNED)]

    _refused(dated, lines, line_field(999_999, "outcome"), "not one of your occurrences")


def test_a_cancelled_occurrence_is_refused(dated):
    cancelled = dated.occurrence(dated.late_workshop)
    cancelled.transition("cancelled", reason="test")

    _refused(dated, _lines(dated), line_field(cancelled.pk, "outcome"), "cancelled or replaced")


def test_an_occurrence_not_over_yet_is_refused(dated):
    during = at(15, 30)

    _refused(
        dated,
        _lines(dated),
        line_field(dated.occurrence(dated.late_workshop).pk, "outcome"),
        "not over yet",
        now=during,
    )


def test_a_missing_occurrence_of_a_declared_organisation_is_refused(dated):
    lines = [
        line
        for line in _lines(dated)
        if line.occurrence_id != dated.occurrence(dated.late_workshop).pk
    ]

    _refused(dated, lines, "lines", "Atelier du soir")


def test_the_same_occurrence_twice_is_refused(dated):
    lines = _lines(dated)

    _refused(dated, [*lines, lines[0]], "lines", "twice")


def test_nothing_to_declare_is_refused(dated):
    _refused(dated, [], "lines", "at least one")


@pytest.mark.parametrize(
    ("extra", "field", "words"),
    [
        ({"outcome": "maybe"}, "outcome", "Choose"),
        ({"outcome": Outcome.NOT_DONE, "reason": "  "}, "reason", "why"),
        ({"outcome": Outcome.OTHER_TIMES}, "actual_start", "started"),
        (
            {"outcome": Outcome.OTHER_TIMES, "actual_start": at(15), "actual_end": at(15)},
            "actual_end",
            "after the start",
        ),
        (
            {"outcome": Outcome.OTHER_TIMES, "actual_start": at(16), "actual_end": at(15)},
            "actual_end",
            "after the start",
        ),
        (
            {
                "outcome": Outcome.OTHER_TIMES,
                "actual_start": at(15, day=dt.date(2026, 11, 18)),
                "actual_end": at(16, day=dt.date(2026, 11, 18)),
            },
            "actual_start",
            "occurrence's date",
        ),
        (
            {
                "outcome": Outcome.OTHER_TIMES,
                "actual_start": at(23),
                "actual_end": at(1, day=dt.date(2026, 11, 18)),
            },
            "actual_end",
            "occurrence's date",
        ),
        (
            {
                "outcome": Outcome.OTHER_TIMES,
                "actual_start": dt.datetime(2026, 11, 17, 15, 0),
                "actual_end": dt.datetime(2026, 11, 17, 16, 0),
            },
            "actual_start",
            "time zone",
        ),
        ({"outcome": Outcome.NOT_DONE, "reason": "x" * 1001}, "reason", "1000"),
    ],
)
def test_a_line_that_says_nothing_sensible_is_refused(dated, extra, field, words):
    workshop = dated.occurrence(dated.workshop)

    _refused(dated, _lines(dated, workshop=extra), line_field(workshop.pk, field), words)


def test_other_times_overlapping_another_line_of_the_submission_are_refused(dated):
    workshop = dated.occurrence(dated.workshop)
    late = dated.occurrence(dated.late_workshop)
    lines = _lines(
        dated,
        workshop={"outcome": Outcome.OTHER_TIMES, "actual_start": at(15), "actual_end": at(17, 30)},
    )

    with pytest.raises(ValidationError) as refused:
        _declare(dated, lines)

    messages = refused.value.message_dict
    assert set(messages) & {
        line_field(workshop.pk, "actual_start"),
        line_field(late.pk, "actual_start"),
    }
    _nothing_written()


def test_times_overlapping_work_declared_for_another_organisation_are_refused(dated):
    declared(dated.alice, WEEK, organisation=dated.library)  # 10:00-12:00
    school_lines = [
        line
        for line in _lines(
            dated,
            workshop={
                "outcome": Outcome.OTHER_TIMES,
                "actual_start": at(11),
                "actual_end": at(12, 30),
            },
        )
        if line.occurrence_id != dated.occurrence(dated.help_desk).pk
    ]

    with pytest.raises(ValidationError) as refused:
        _declare(dated, school_lines)

    workshop = dated.occurrence(dated.workshop)
    assert "Accueil" in " ".join(
        refused.value.message_dict[line_field(workshop.pk, "actual_start")]
    )
    assert Timesheet.objects.count() == 1


def test_more_than_ten_hours_in_a_day_is_refused(dated):
    lines = _lines(
        dated,
        help_desk={"outcome": Outcome.OTHER_TIMES, "actual_start": at(6), "actual_end": at(14, 31)},
    )

    _refused(dated, lines, "lines", "10 hours a day")


def test_exactly_ten_hours_in_a_day_is_accepted(dated):
    lines = _lines(
        dated,
        help_desk={"outcome": Outcome.OTHER_TIMES, "actual_start": at(6), "actual_end": at(13, 30)},
    )

    assert len(_declare(dated, lines)) == 2
    assert TUESDAY.weekday() == 1
