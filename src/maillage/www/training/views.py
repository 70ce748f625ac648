"""Pages of training: the sessions, planning one from a recommendation, attendance and
the trainer's assessment."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core import idempotency
from maillage.gpec.recommendations import skill_gaps
from maillage.people.models import Membership, Role, User
from maillage.people.roles import territories_for
from maillage.skills.models import Skill
from maillage.territory.models import Territory, ThirdPlace
from maillage.training.models import Participant
from maillage.training.selectors import outcomes, visible_to, with_people
from maillage.training.services import (
    assess,
    can_run,
    plan_session,
    recommended_gap,
    take_attendance,
)
from maillage.www.training.forms import AssessmentForm, AttendanceForm, SessionForm
from maillage.www.utils.access import role_required
from maillage.www.utils.forms import add_errors, report_refusal
from maillage.www.utils.requests import SignedInRequest


@role_required(Role.COORDINATOR, Role.TRAINER)
def home(request: SignedInRequest) -> HttpResponse:
    territories = list(territories_for(request.user, Role.COORDINATOR).order_by("name"))
    return render(
        request,
        "training/home.html",
        {
            "sessions": with_people(visible_to(request.user)).order_by("-starts_on", "-pk"),
            "territories": [
                {"territory": t, "gaps": skill_gaps(territory=t), "outcomes": outcomes(t)}
                for t in territories
            ],
        },
    )


def _trainers(territory: Territory):
    return User.objects.filter(
        pk__in=Membership.objects.filter(role=Role.TRAINER, territory=territory).values("user")
    ).order_by("last_name", "first_name")


@role_required(Role.COORDINATOR)
def new_session(request: SignedInRequest, slug: str, code: str, level: int) -> HttpResponse:
    territory = get_object_or_404(territories_for(request.user, Role.COORDINATOR), slug=slug)
    skill = get_object_or_404(Skill, code=code)
    gap = recommended_gap(territory, skill, level)
    if gap is None:
        raise Http404
    trainers = list(_trainers(territory))
    places = list(ThirdPlace.objects.filter(territory=territory).order_by("name"))
    options = {"trainers": trainers, "places": places, "candidates": gap.candidates}
    form = SessionForm(**options)
    if request.method == "POST":
        form = SessionForm(request.POST, **options)
        if form.is_valid():
            data = form.cleaned_data
            workers = [c.worker for c in gap.candidates if c.worker.pk in data["workers"]]
            try:
                session, _created = idempotency.once(
                    user=request.user,
                    key=idempotency.token_of(request.POST),
                    create=lambda: plan_session(
                        territory=territory,
                        skill=skill,
                        level=level,
                        trainer=next(t for t in trainers if t.pk == data["trainer"]),
                        starts_on=data["starts_on"],
                        ends_on=data["ends_on"],
                        hours=data["hours"],
                        place_kind=data["place_kind"],
                        third_place=next((p for p in places if p.pk == data["third_place"]), None),
                        funding=data["funding"],
                        funding_amount=data["funding_amount"],
                        workers=workers,
                        by=request.user,
                    ),
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The training is planned."))
                return redirect("training:session", session.pk)
    return render(
        request,
        "training/new.html",
        {"territory": territory, "gap": gap, "form": form},
        status=400 if form.errors else 200,
    )


def _session(request: SignedInRequest, pk: int):
    return get_object_or_404(with_people(visible_to(request.user)), pk=pk)


@role_required(Role.COORDINATOR, Role.TRAINER)
def session_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    participants = list(session.participants.all())
    return render(
        request,
        "training/session.html",
        {
            "session": session,
            "participants": participants,
            "attendance_form": AttendanceForm(participants=participants),
            "assessment_form": AssessmentForm(),
            "may_run": can_run(request.user, session),
            "is_trainer": request.user.pk == session.trainer_id,
        },
    )


@require_POST
@role_required(Role.COORDINATOR, Role.TRAINER)
def attendance(request: SignedInRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    form = AttendanceForm(request.POST, participants=list(session.participants.all()))
    if form.is_valid():
        try:
            take_attendance(session=session, present=form.cleaned_data["present"], by=request.user)
        except PermissionDenied:
            raise
        except ValidationError as error:
            report_refusal(request, error)
        else:
            messages.success(request, _("Attendance is recorded."))
    else:
        messages.error(request, _("Choose who was present."))
    return redirect("training:session", session.pk)


@require_POST
@role_required(Role.TRAINER)
def assessment(request: SignedInRequest, pk: int, participant_id: int) -> HttpResponse:
    session = _session(request, pk)
    participant = get_object_or_404(Participant, pk=participant_id, session=session)
    form = AssessmentForm(request.POST)
    if form.is_valid():
        try:
            assess(
                participant=participant,
                level=form.cleaned_data["level"],
                comment=form.cleaned_data["comment"],
                by=request.user,
            )
        except ValidationError as error:
            report_refusal(request, error)
        else:
            messages.success(request, _("The assessment is recorded."))
    else:
        messages.error(request, _("Choose a level."))
    return redirect("training:session", session.pk)
