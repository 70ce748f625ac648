"""Every move of a timesheet's lifecycle, and every refusal: validate, dispute, settle,
correct, implied validation; each written with its log row, each refusal writing nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.notifications.models import Notification
from maillage.pricing.services import default_terms, issue_charter
from maillage.timesheets.models import Outcome, Timesheet, TimesheetTransition, TimesheetVersion
from maillage.timesheets.services import (
    LineInput,
    correct_timesheet,
    dispute_timesheet,
    settle_timesheet,
    validate_overdue,
    validate_timesheet,
)
from tests.factories import TerritoryFactory, UserFactory, buyer_member, member_with_role
from tests.factories.timesheets import as_planned, declared
from tests.timesheets.conftest import NOW, WEEK, at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def school_sheet(dated):
    declared(dated.alice, WEEK)
    return Timesheet.objects.get(organisation=dated.school)


def _moves(timesheet):
    return [(t.from_state, t.to_state, t.by, t.reason) for t in timesheet.transitions.all()]


def _school_lines(dated, **workshop):
    lines = as_planned([dated.occurrence(dated.workshop), dated.occurrence(dated.late_workshop)])
    if workshop:
        lines[0] = LineInput(occurrence_id=lines[0].occurrence_id, **workshop)
    return lines


def test_the_buyer_validates(dated, school_sheet):
    validate_timesheet(timesheet=school_sheet, by=dated.school_buyer, version_number=1)

    school_sheet.refresh_from_db()
    assert school_sheet.state == "validated"
    assert _moves(school_sheet)[-1] == ("declared", "validated", dated.school_buyer, "")


def test_the_buyer_disputes_with_a_comment_and_the_worker_and_coordinators_are_told(
    dated, school_sheet
):
    dispute_timesheet(timesheet=school_sheet, by=dated.school_buyer, comment="Absent à 17 h")

    school_sheet.refresh_from_db()
    assert school_sheet.state == "disputed"
    assert _moves(school_sheet)[-1] == ("declared", "disputed", dated.school_buyer, "Absent à 17 h")
    told = Notification.objects.filter(kind="timesheet_disputed")
    assert {n.recipient for n in told} == {dated.alice.user, dated.coordinator}


def test_a_dispute_without_a_comment_is_refused(dated, school_sheet):
    with pytest.raises(ValidationError) as refused:
        dispute_timesheet(timesheet=school_sheet, by=dated.school_buyer, comment="  ")

    assert "comment" in refused.value.message_dict
    school_sheet.refresh_from_db()
    assert school_sheet.state == "declared"


@pytest.mark.parametrize("who", ["library_buyer", "worker", "coordinator", "stranger", "elsewhere"])
def test_only_a_buyer_of_the_organisation_answers(dated, school_sheet, who):
    user = {
        "library_buyer": dated.library_buyer,
        "worker": dated.alice.user,
        "coordinator": dated.coordinator,
        "stranger": UserFactory(),
        "elsewhere": buyer_member(
            TerritoryFactory().organisations.create(
                kind="school", name="Ailleurs", commune=dated.school.commune
            )
        ),
    }[who]
    for answer in (validate_timesheet, dispute_timesheet):
        with pytest.raises(PermissionDenied) as refused:
            answer(timesheet=school_sheet, by=user, comment="Non")
        assert "École Jules Ferry" in str(refused.value)
    school_sheet.refresh_from_db()
    assert school_sheet.state == "declared"
    assert school_sheet.transitions.count() == 1


def test_an_answer_to_an_older_version_is_refused(dated, school_sheet):
    correct_timesheet(
        timesheet=school_sheet,
        lines=_school_lines(dated),
        by=dated.alice.user,
        reason="Oubli",
        now=NOW,
    )

    with pytest.raises(ValidationError) as refused:
        validate_timesheet(timesheet=school_sheet, by=dated.school_buyer, version_number=1)

    assert "corrected" in str(refused.value)


def test_a_timesheet_is_answered_once(dated, school_sheet):
    validate_timesheet(timesheet=school_sheet, by=dated.school_buyer)

    for answer in (validate_timesheet, dispute_timesheet):
        with pytest.raises(ValidationError):
            answer(timesheet=school_sheet, by=dated.school_buyer, comment="Encore")
    assert school_sheet.transitions.count() == 2


def _dispute(dated, sheet):
    dispute_timesheet(timesheet=sheet, by=dated.school_buyer, comment="Arrivée à 15 h 30")


def test_the_coordinator_settles_with_a_new_version_of_their_own_then_validates(
    dated, school_sheet
):
    _dispute(dated, school_sheet)
    lines = _school_lines(
        dated, outcome=Outcome.OTHER_TIMES, actual_start=at(15, 30), actual_end=at(16, 30)
    )

    settle_timesheet(
        timesheet=school_sheet, lines=lines, by=dated.coordinator, reason="Vu avec l'école", now=NOW
    )

    school_sheet.refresh_from_db()
    assert school_sheet.state == "validated"
    first, second = school_sheet.versions.order_by("number")
    assert first.superseded_at == NOW and second.superseded_at is None
    assert (second.number, second.by, second.reason) == (2, dated.coordinator, "Vu avec l'école")
    assert sorted(line.minutes for line in second.lines.all()) == [60, 60]
    assert _moves(school_sheet)[-1] == (
        "disputed",
        "validated",
        dated.coordinator,
        "Vu avec l'école",
    )
    told = Notification.objects.filter(kind="timesheet_settled")
    assert {n.recipient for n in told} == {dated.alice.user, dated.school_buyer}


@pytest.mark.parametrize("who", ["other_coordinator", "buyer", "worker", "stranger"])
def test_only_a_coordinator_of_the_territory_settles(dated, school_sheet, who):
    _dispute(dated, school_sheet)
    user = {
        "other_coordinator": member_with_role("coordinator", TerritoryFactory()),
        "buyer": dated.school_buyer,
        "worker": dated.alice.user,
        "stranger": UserFactory(),
    }[who]

    with pytest.raises(PermissionDenied):
        settle_timesheet(
            timesheet=school_sheet, lines=_school_lines(dated), by=user, reason="Non", now=NOW
        )
    assert school_sheet.versions.count() == 1


def test_only_a_dispute_is_settled_and_a_settlement_says_why(dated, school_sheet):
    with pytest.raises(ValidationError) as refused:
        settle_timesheet(
            timesheet=school_sheet, lines=_school_lines(dated), by=dated.coordinator, reason="x"
        )
    assert "no dispute" in str(refused.value)
    _dispute(dated, school_sheet)
    with pytest.raises(ValidationError) as refused:
        settle_timesheet(
            timesheet=school_sheet, lines=_school_lines(dated), by=dated.coordinator, reason=""
        )
    assert "reason" in refused.value.message_dict
    assert school_sheet.versions.count() == 1


@pytest.mark.parametrize("state", ["declared", "disputed", "validated"])
def test_a_correction_is_a_new_version_saying_who_when_why_back_to_declared(
    dated, school_sheet, state
):
    if state == "disputed":
        _dispute(dated, school_sheet)
    if state == "validated":
        validate_timesheet(timesheet=school_sheet, by=dated.school_buyer)
    later = NOW + dt.timedelta(days=2)

    correct_timesheet(
        timesheet=school_sheet,
        lines=_school_lines(dated, outcome=Outcome.NOT_DONE, reason="Malade"),
        by=dated.alice.user,
        reason="J'étais malade",
        now=later,
    )

    school_sheet.refresh_from_db()
    assert school_sheet.state == "declared"
    current = school_sheet.versions.get(superseded_at__isnull=True)
    assert (current.number, current.by, current.at, current.reason) == (
        2,
        dated.alice.user,
        later,
        "J'étais malade",
    )
    assert _moves(school_sheet)[-1] == (state, "declared", dated.alice.user, "J'étais malade")
    old = school_sheet.versions.get(number=1)
    assert [line.outcome for line in old.lines.all()] == ["as_planned", "as_planned"]


def test_a_correction_needs_a_reason_and_the_worker(dated, school_sheet):
    with pytest.raises(ValidationError):
        correct_timesheet(
            timesheet=school_sheet, lines=_school_lines(dated), by=dated.alice.user, reason=" "
        )
    with pytest.raises(PermissionDenied):
        correct_timesheet(
            timesheet=school_sheet, lines=_school_lines(dated), by=dated.bruno.user, reason="x"
        )
    with pytest.raises(PermissionDenied):
        correct_timesheet(
            timesheet=school_sheet, lines=_school_lines(dated), by=dated.school_buyer, reason="x"
        )
    assert school_sheet.versions.count() == 1


def test_a_correction_keeps_to_its_organisation(dated, school_sheet):
    help_desk = dated.occurrence(dated.help_desk)
    lines = [*_school_lines(dated), LineInput(occurrence_id=help_desk.pk, outcome="as_planned")]

    with pytest.raises(ValidationError) as refused:
        correct_timesheet(
            timesheet=school_sheet, lines=lines, by=dated.alice.user, reason="x", now=NOW
        )

    assert "not work for this organisation" in str(refused.value)


def test_the_buyers_silence_validates_after_the_charters_delay(dated, school_sheet):
    assert validate_overdue(now=NOW + dt.timedelta(days=7) - dt.timedelta(seconds=1)) == 0
    school_sheet.refresh_from_db()
    assert school_sheet.state == "declared"

    assert validate_overdue(now=NOW + dt.timedelta(days=7)) == 2  # the library's too

    school_sheet.refresh_from_db()
    assert school_sheet.state == "validated"
    move = school_sheet.transitions.last()
    assert (move.from_state, move.to_state, move.by, move.reason, move.implied_after_days) == (
        "declared",
        "validated",
        None,
        "implied after 7 days",
        7,
    )
    assert validate_overdue(now=NOW + dt.timedelta(days=30)) == 0


def test_the_delay_is_the_charters_in_force_that_week(dated, school_sheet, charter):
    terms = dataclasses.replace(default_terms(dt.date(2026, 11, 1)), timesheet_validation_days=3)
    issue_charter(territory=dated.territory, terms=terms, by=dated.coordinator)

    assert validate_overdue(now=NOW + dt.timedelta(days=3)) == 2
    assert school_sheet.transitions.last().implied_after_days == 3


def test_a_disputed_timesheet_is_not_validated_by_silence(dated, school_sheet):
    _dispute(dated, school_sheet)

    validate_overdue(now=NOW + dt.timedelta(days=60))

    school_sheet.refresh_from_db()
    assert school_sheet.state == "disputed"


def test_no_version_and_no_log_row_is_ever_lost(dated, school_sheet):
    _dispute(dated, school_sheet)
    settle_timesheet(
        timesheet=school_sheet,
        lines=_school_lines(dated),
        by=dated.coordinator,
        reason="Ok",
        now=NOW,
    )
    correct_timesheet(
        timesheet=school_sheet,
        lines=_school_lines(dated),
        by=dated.alice.user,
        reason="Re",
        now=NOW,
    )

    assert TimesheetVersion.objects.filter(timesheet=school_sheet).count() == 3
    assert [t.to_state for t in TimesheetTransition.objects.filter(timesheet=school_sheet)] == [
        "declared",
        "disputed",
        "validated",
        "declared",
    ]
