"""Absences (workers, coordinators), replacement proposals (coordinators), and a buyer's
cancellations of an occurrence or a need. Thin over maillage.absences.services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from maillage.absences import services
from maillage.absences.access import can_handle_replacements, can_withdraw
from maillage.absences.selectors import (
    absence_list,
    absence_occurrences,
    buyer_need,
    buyer_occurrence,
    visible_absence,
    visible_proposal,
)
from maillage.core import idempotency
from maillage.people.access import (
    own_worker_profile,
    territories_coordinated_by,
    workers_coordinated_by,
)
from maillage.people.models import Role
from maillage.www.absences.forms import AbsenceForm, ReasonForm
from maillage.www.utils.access import allowed_or_403, found_or_404, role_required
from maillage.www.utils.forms import add_errors
from maillage.www.utils.pagination import page_of
from maillage.www.utils.requests import SignedInRequest

BUYER_ROLES = (Role.BUYER_MEMBER, Role.GROUP_MANAGER)


def _form_errors(form, error: ValidationError) -> None:
    """A service's field messages on their fields; a message about the whole on the form."""
    if hasattr(error, "error_dict"):
        add_errors(form, error)
    else:
        form.add_error(None, error.messages)


@role_required(Role.WORKER, Role.COORDINATOR)
def index(request: SignedInRequest) -> HttpResponse:
    """The worker's own absences; a coordinator's: those of their territories' workers."""
    page = page_of(request, absence_list(request.user))
    return render(
        request,
        "absences/index.html",
        {
            "page": page,
            "is_coordinator": territories_coordinated_by(request.user).exists(),
        },
    )


@role_required(Role.WORKER, Role.COORDINATOR)
def declare(request: SignedInRequest) -> HttpResponse:
    own = own_worker_profile(request.user)
    coordinated = workers_coordinated_by(request.user).select_related("user")
    is_coordinator = territories_coordinated_by(request.user).exists()
    allowed_or_403(own is not None or is_coordinator)
    workers = None
    if is_coordinator:
        workers = coordinated.order_by("user__last_name", "user__first_name")
    data = request.POST if request.method == "POST" else None
    form = AbsenceForm(data, workers=workers, initial={"first_day": timezone.localdate()})
    if request.method == "POST":
        if form.is_valid():
            worker = form.cleaned_data.get("worker") or own
            assert worker is not None  # a coordinator chooses one; a worker is themself
            try:
                absence, _first = idempotency.once(
                    user=request.user,
                    key=idempotency.token_of(request.POST),
                    create=lambda: services.declare_absence(
                        worker=worker,
                        kind=form.cleaned_data["kind"],
                        first_day=form.cleaned_data["first_day"],
                        last_day=form.cleaned_data["last_day"],
                        note=form.cleaned_data["note"],
                        by=request.user,
                    ),
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The absence is declared; the coordinators are told."))
                return redirect("absences:detail", pk=absence.pk)
        messages.error(request, _("The absence could not be declared: please correct the errors."))
    return render(
        request,
        "absences/declare.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.WORKER, Role.COORDINATOR)
def detail(request: SignedInRequest, pk: int) -> HttpResponse:
    absence = found_or_404(visible_absence(request.user, pk))
    coordinator = can_handle_replacements(request.user, absence)
    return render(
        request,
        "absences/detail.html",
        {
            "absence": absence,
            "occurrences": absence_occurrences(absence),
            "proposals": list(absence.proposals.order_by("-created_at", "-pk")[:10])
            if coordinator
            else [],
            "may_handle": coordinator,
            "may_withdraw": can_withdraw(request.user, absence)
            and absence.state == "declared"
            and absence.first_day > timezone.localdate(),
        },
    )


@require_POST
@role_required(Role.WORKER, Role.COORDINATOR)
def withdraw(request: SignedInRequest, pk: int) -> HttpResponse:
    absence = found_or_404(visible_absence(request.user, pk))
    allowed_or_403(can_withdraw(request.user, absence))
    try:
        services.withdraw_absence(absence=absence, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The absence is withdrawn."))
    return redirect("absences:detail", pk=absence.pk)


@require_POST
@role_required(Role.COORDINATOR)
def propose(request: SignedInRequest, pk: int) -> HttpResponse:
    absence = found_or_404(visible_absence(request.user, pk))
    allowed_or_403(can_handle_replacements(request.user, absence))
    try:
        proposal = services.request_proposal(absence=absence, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("absences:detail", pk=absence.pk)
    return redirect("absences:proposal", pk=proposal.pk)


@role_required(Role.COORDINATOR)
def proposal(request: SignedInRequest, pk: int) -> HttpResponse:
    found = found_or_404(visible_proposal(request.user, pk))
    context = {"proposal": found, "lines": list(found.lines.all()), "now": timezone.now()}
    if request.htmx:
        return render(request, "absences/_proposal.html", context)
    return render(request, "absences/proposal.html", context)


@require_POST
@role_required(Role.COORDINATOR)
def confirm(request: SignedInRequest, pk: int) -> HttpResponse:
    found = found_or_404(visible_proposal(request.user, pk))
    wanted = [int(v) for v in request.POST.getlist("line") if v.isdigit() and len(v) < 12]
    try:
        done = services.confirm_proposal(proposal=found, by=request.user, line_ids=wanted)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("absences:proposal", pk=found.pk)
    if done.confirmed:
        messages.success(
            request,
            ngettext(
                "%(count)s replacement confirmed; the worker and the buyer are told.",
                "%(count)s replacements confirmed; the workers and the buyers are told.",
                len(done.confirmed),
            )
            % {"count": len(done.confirmed)},
        )
    if done.overtaken:
        messages.warning(
            request,
            ngettext(
                "%(count)s occurrence was replaced, cancelled or taken by another "
                "confirmation in the meantime: it was left as it is.",
                "%(count)s occurrences were replaced, cancelled or taken by another "
                "confirmation in the meantime: they were left as they are.",
                len(done.overtaken),
            )
            % {"count": len(done.overtaken)},
        )
    return redirect("absences:proposal", pk=found.pk)


@role_required(*BUYER_ROLES)
def cancel_occurrence(request: SignedInRequest, pk: int) -> HttpResponse:
    occurrence = found_or_404(buyer_occurrence(request.user, pk))
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            done = services.cancel_occurrence(
                occurrence=occurrence, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("Cancelled. Within the charter's notice, it is still invoiced.")
                if done.billable
                else _("Cancelled; it will not be invoiced."),
            )
            return redirect(reverse("execution:buyer_week") + f"?week={done.date:%G-W%V}")
    hours = services.late_cancellation_hours(occurrence.mission, timezone.localdate())
    return render(
        request,
        "absences/cancel_occurrence.html",
        {"occurrence": occurrence, "form": form, "hours": hours},
        status=400 if request.method == "POST" else 200,
    )


@role_required(*BUYER_ROLES)
def cancel_need(request: SignedInRequest, pk: int) -> HttpResponse:
    mission = found_or_404(buyer_need(request.user, pk))
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            done = services.cancel_need(
                mission=mission, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The need is cancelled: %(count)s occurrence to come cancelled, "
                    "%(billable)s of them within the notice and invoiced.",
                    "The need is cancelled: %(count)s occurrences to come cancelled, "
                    "%(billable)s of them within the notice and invoiced.",
                    done.cancelled,
                )
                % {"count": done.cancelled, "billable": done.billable},
            )
            return redirect("needs:detail", pk=mission.pk)
    days = services.need_notice_days(mission, timezone.localdate())
    return render(
        request,
        "absences/cancel_need.html",
        {
            "mission": mission,
            "form": form,
            "days": days,
            "cancellable": mission.state in services.CANCELLABLE_NEED_STATES,
        },
        status=400 if request.method == "POST" else 200,
    )
