"""Timesheet pages: the worker declares and corrects a week, the buyer validates or
disputes, the coordinator settles; everyone concerned reads the versions and the log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from maillage.core import idempotency
from maillage.core.models import IdempotencyKey
from maillage.execution.access import own_occurrences
from maillage.execution.dates import iso_week_label, parse_iso_week, week_monday
from maillage.people.access import own_worker_profile
from maillage.people.models import Role
from maillage.timesheets.access import (
    can_answer,
    may_correct_now,
    may_settle_now,
    may_validate_now,
)
from maillage.timesheets.models import Timesheet, TimesheetState
from maillage.timesheets.selectors import (
    disputes,
    log_of,
    timesheets_to_validate,
    versions_of,
    visible_timesheet,
    week_to_declare,
    worker_timesheets,
)
from maillage.timesheets.services import (
    correct_timesheet,
    declarable_occurrences,
    declare_week,
    dispute_timesheet,
    settle_timesheet,
    validate_timesheet,
)
from maillage.www.timesheets.forms import AnswerForm, LinesForm
from maillage.www.utils.access import allowed_or_403, found_or_403, found_or_404, role_required
from maillage.www.utils.forms import add_errors
from maillage.www.utils.pagination import page_of
from maillage.www.utils.requests import SignedInRequest

BUYER_ROLES = (Role.BUYER_MEMBER, Role.GROUP_MANAGER)


def _error_text(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


@role_required(Role.WORKER)
def mine(request: SignedInRequest) -> HttpResponse:
    found_or_403(own_worker_profile(request.user))
    page = page_of(request, worker_timesheets(request.user))
    last_week = week_monday(timezone.localdate()) - dt.timedelta(days=7)
    return render(
        request,
        "timesheets/mine.html",
        {"page": page, "last_week": iso_week_label(last_week)},
    )


@role_required(Role.WORKER)
def declare(request: SignedInRequest) -> HttpResponse:
    worker = found_or_403(own_worker_profile(request.user))
    today = timezone.localdate()
    monday = parse_iso_week(
        request.GET.get("week"), default=week_monday(today) - dt.timedelta(days=7)
    )
    now = timezone.now()
    occurrences, timesheets = week_to_declare(worker, monday, now=now)
    open_ids = {org_id for org_id, t in timesheets.items() if t.state != TimesheetState.TO_DECLARE}
    to_declare = [o for o in occurrences if o.mission.buyer_id not in open_ids]
    declared = [t for t in timesheets.values() if t.state != TimesheetState.TO_DECLARE]
    form = LinesForm(request.POST if request.method == "POST" else None, occurrences=to_declare)
    status = 200
    token = idempotency.token_of(request.POST) if request.method == "POST" else ""
    if token and IdempotencyKey.objects.filter(user=request.user, key=token).exists():
        return redirect("timesheets:mine")  # the same click again: the week is declared
    if request.method == "POST":
        if to_declare and form.is_valid():
            try:
                idempotency.once(
                    user=request.user,
                    key=token,
                    create=lambda: declare_week(
                        worker=worker, week=monday, lines=form.lines(), by=request.user, now=now
                    )[0],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Your week is declared: the buyers are told."))
                return redirect("timesheets:mine")
        status = 400
        messages.error(request, _("The week could not be declared: please correct the errors."))
    return render(
        request,
        "timesheets/declare.html",
        {
            "form": form,
            "monday": monday,
            "sunday": monday + dt.timedelta(days=6),
            "week": iso_week_label(monday),
            "previous_week": iso_week_label(monday - dt.timedelta(days=7)),
            "next_week": iso_week_label(monday + dt.timedelta(days=7)),
            "has_next_week": monday + dt.timedelta(days=7) <= week_monday(today),
            "declared": sorted(declared, key=lambda t: t.organisation.name),
        },
        status=status,
    )


@role_required(Role.WORKER)
@require_GET
def line_extra(request: SignedInRequest) -> HttpResponse:
    """htmx: the fields an outcome needs (times for other times, a reason for not done)."""
    pk = request.GET.get("occurrence", "")
    if not pk.isdigit():
        raise Http404
    occurrence = found_or_404(
        own_occurrences(request.user).select_related("mission").filter(pk=int(pk)).first()
    )
    form = LinesForm(None, occurrences=[occurrence])
    outcome = request.GET.get(f"o{occurrence.pk}-outcome", "")
    return render(
        request,
        "timesheets/_line_extra.html",
        {"row": form.rows()[0], "chosen": outcome},
    )


def _detail_context(request: SignedInRequest, timesheet: Timesheet, **extra: Any) -> dict:
    versions = versions_of(timesheet)
    current = next((v for v in versions if v.superseded_at is None), None)
    user = request.user
    log = log_of(timesheet)
    for move in log:
        move.from_label = TimesheetState(move.from_state).label  # type: ignore[attr-defined]
        move.to_label = TimesheetState(move.to_state).label  # type: ignore[attr-defined]
    return {
        "timesheet": timesheet,
        "versions": versions,
        "current": current,
        "current_minutes": sum(line.minutes for line in current.lines.all()) if current else 0,
        "log": log,
        "may_validate": may_validate_now(user, timesheet),
        "may_settle": may_settle_now(user, timesheet),
        "may_correct": may_correct_now(user, timesheet),
        "answer_form": extra.pop(
            "answer_form", AnswerForm(initial={"version": current.number if current else 1})
        ),
        **extra,
    }


def detail(request: SignedInRequest, pk: int) -> HttpResponse:
    timesheet = found_or_404(visible_timesheet(request.user, pk))
    return render(request, "timesheets/detail.html", _detail_context(request, timesheet))


def _answer(request: SignedInRequest, pk: int, *, dispute: bool) -> HttpResponse:
    timesheet = found_or_404(visible_timesheet(request.user, pk))
    allowed_or_403(can_answer(request.user, timesheet))
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            if dispute:
                dispute_timesheet(
                    timesheet=timesheet,
                    by=request.user,
                    comment=form.cleaned_data["comment"],
                    version_number=form.cleaned_data["version"],
                )
            else:
                validate_timesheet(
                    timesheet=timesheet,
                    by=request.user,
                    comment=form.cleaned_data["comment"],
                    version_number=form.cleaned_data["version"],
                )
        except ValidationError as error:
            add_errors(form, error)
        except PermissionDenied:
            raise
        else:
            if dispute:
                messages.success(
                    request, _("The timesheet is disputed: the coordinator settles it.")
                )
            else:
                messages.success(request, _("The timesheet is validated."))
            return redirect("timesheets:detail", pk=timesheet.pk)
    messages.error(request, _("Your answer could not be saved: please correct the errors."))
    return render(
        request,
        "timesheets/detail.html",
        _detail_context(request, timesheet, answer_form=form),
        status=400,
    )


@role_required(*BUYER_ROLES)
@require_POST
def validate(request: SignedInRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, dispute=False)


@role_required(*BUYER_ROLES)
@require_POST
def dispute(request: SignedInRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, dispute=True)


@role_required(*BUYER_ROLES)
def to_validate(request: SignedInRequest) -> HttpResponse:
    state = request.GET.get("state", TimesheetState.DECLARED)
    if state not in {"", *TimesheetState.values} or state == TimesheetState.TO_DECLARE:
        raise Http404
    page = page_of(request, timesheets_to_validate(request.user, state=state))
    states = [(value, label) for value, label in TimesheetState.choices if value != "to_declare"]
    return render(
        request,
        "timesheets/to_validate.html",
        {"page": page, "state": state, "states": states},
    )


@role_required(Role.COORDINATOR)
def dispute_list(request: SignedInRequest) -> HttpResponse:
    page = page_of(request, disputes(request.user))
    return render(request, "timesheets/disputes.html", {"page": page})


def _lines_page(request: SignedInRequest, timesheet: Timesheet, *, settle: bool) -> HttpResponse:
    now = timezone.now()
    versions = versions_of(timesheet)
    current = next((v for v in versions if v.superseded_at is None), None)
    occurrences = list(
        declarable_occurrences(
            timesheet.worker, timesheet.week, now=now, organisation_id=timesheet.organisation_id
        )
    )
    form = LinesForm(
        request.POST if request.method == "POST" else None,
        occurrences=occurrences,
        previous=current.lines.all() if current else (),
        with_reason=True,
        reason_label=_("Why these times (shown to the worker and the buyer)")
        if settle
        else _("Why this correction (shown to the buyer)"),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if settle:
                    settle_timesheet(
                        timesheet=timesheet,
                        lines=form.lines(),
                        by=request.user,
                        reason=form.cleaned_data["reason"],
                        now=now,
                    )
                else:
                    correct_timesheet(
                        timesheet=timesheet,
                        lines=form.lines(),
                        by=request.user,
                        reason=form.cleaned_data["reason"],
                        now=now,
                    )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The dispute is settled: the timesheet is validated.")
                    if settle
                    else _("Your correction is sent: the buyer validates it again."),
                )
                return redirect("timesheets:detail", pk=timesheet.pk)
        status = 400
        messages.error(request, _("The timesheet could not be saved: please correct the errors."))
    return render(
        request,
        "timesheets/lines.html",
        {"timesheet": timesheet, "form": form, "settle": settle, "current": current},
        status=status,
    )


@role_required(Role.COORDINATOR)
def settle(request: SignedInRequest, pk: int) -> HttpResponse:
    timesheet = found_or_404(visible_timesheet(request.user, pk))
    allowed_or_403(may_settle_now(request.user, timesheet))
    return _lines_page(request, timesheet, settle=True)


@role_required(Role.WORKER)
def correct(request: SignedInRequest, pk: int) -> HttpResponse:
    timesheet = found_or_404(visible_timesheet(request.user, pk))
    allowed_or_403(may_correct_now(request.user, timesheet))
    return _lines_page(request, timesheet, settle=False)
