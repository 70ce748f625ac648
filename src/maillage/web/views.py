"""Pages: sign-in lands on the home of the user's role; each home is a thin view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.missions.models import Mission, MissionSkill, MissionState
from maillage.missions.services import create_need
from maillage.people.models import Role, WorkerProfile
from maillage.people.roles import buyer_organisations, roles_of, territories_for
from maillage.people.services import add_availability, remove_availability, update_worker_profile
from maillage.skills.models import WorkerSkill
from maillage.skills.services import claim_skill
from maillage.web import aggregates
from maillage.web.forms import (
    AvailabilityForm,
    ExcludedFormSet,
    NeedForm,
    SkillFormSet,
    SlotFormSet,
    WindowFormSet,
    WorkerProfileForm,
    WorkerSkillForm,
    minutes_of,
    need_description,
)
from maillage.web.permissions import get_visible_mission, role_required

HOME_BY_ROLE = [
    (Role.COORDINATOR, "coordinator_home"),
    (Role.ADMIN, "coordinator_home"),
    (Role.BUYER_MEMBER, "buyer_home"),
    (Role.GROUP_MANAGER, "buyer_home"),
    (Role.WORKER, "worker_home"),
    (Role.UNION_REP, "union_home"),
    (Role.TRAINER, "union_home"),
    (Role.THIRD_PLACE_MANAGER, "union_home"),
]


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "web/landing.html")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send the user to the home of their main role."""
    roles = roles_of(request.user)
    for role, url_name in HOME_BY_ROLE:
        if role in roles:
            return redirect(url_name)
    return render(request, "web/no_role.html")


# Worker -------------------------------------------------------------------------------


def _own_worker_profile(request: HttpRequest) -> WorkerProfile:
    try:
        return request.user.worker_profile
    except WorkerProfile.DoesNotExist as exc:
        raise PermissionDenied from exc


@role_required(Role.WORKER)
def worker_home(request: HttpRequest) -> HttpResponse:
    worker = _own_worker_profile(request)
    profile_form = WorkerProfileForm(instance=worker)
    if request.method == "POST":
        profile_form = WorkerProfileForm(request.POST, instance=worker)
        if profile_form.is_valid():
            data = profile_form.cleaned_data
            changes = {name: data[name] for name in profile_form.Meta.fields}
            try:
                update_worker_profile(
                    worker=worker,
                    changes=changes,
                    wished_minutes=round(data["wished_hours"] * 60),
                    max_minutes=round(data["max_hours"] * 60),
                )
            except ValidationError as error:
                _add_errors(profile_form, error)
            else:
                messages.success(request, _("Your profile is saved."))
                return redirect("worker_home")
        worker.refresh_from_db()
    return render(
        request,
        "web/worker_home.html",
        {
            "worker": worker,
            "profile_form": profile_form,
            "skills": worker.skills.select_related("skill").order_by("skill__code"),
            "skill_form": WorkerSkillForm(),
            "availability": worker.availability.all(),
            "availability_form": AvailabilityForm(),
            "available_minutes": sum(w.minutes for w in worker.availability.all()),
        },
    )


@require_POST
@role_required(Role.WORKER)
def worker_add_availability(request: HttpRequest) -> HttpResponse:
    worker = _own_worker_profile(request)
    form = AvailabilityForm(request.POST)
    if form.is_valid():
        try:
            add_availability(
                worker=worker,
                weekday=form.cleaned_data["weekday"],
                start_minute=minutes_of(form.cleaned_data["start"]),
                end_minute=minutes_of(form.cleaned_data["end"]),
            )
        except ValidationError as error:
            _add_errors(form, error)
    if form.errors:
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, message)
    else:
        messages.success(request, _("Availability added."))
    return redirect("worker_home")


@require_POST
@role_required(Role.WORKER)
def worker_remove_availability(request: HttpRequest, window_id: int) -> HttpResponse:
    worker = _own_worker_profile(request)
    try:
        remove_availability(worker=worker, window_id=window_id)
    except worker.availability.model.DoesNotExist:
        return HttpResponse(status=404)
    messages.success(request, _("Availability removed."))
    return redirect("worker_home")


@require_POST
@role_required(Role.WORKER)
def worker_claim_skill(request: HttpRequest) -> HttpResponse:
    worker = _own_worker_profile(request)
    form = WorkerSkillForm(request.POST)
    if form.is_valid():
        claim_skill(
            worker=worker,
            skill=form.cleaned_data["skill"],
            level=form.cleaned_data["level"],
            by=request.user,
            on=timezone.localdate(),
        )
        messages.success(request, _("Skill saved."))
    else:
        messages.error(request, _("Choose a skill and a level from 1 to 8."))
    return redirect("worker_home")


# Buyer --------------------------------------------------------------------------------


@role_required(Role.BUYER_MEMBER, Role.GROUP_MANAGER)
def buyer_home(request: HttpRequest) -> HttpResponse:
    organisations = buyer_organisations(request.user)
    needs = (
        Mission.objects.filter(buyer__in=organisations)
        .select_related("buyer", "commune", "third_place")
        .prefetch_related("slots", "skills__skill")
        .order_by("-created_at", "-pk")
    )
    return render(request, "web/buyer_home.html", {"organisations": organisations, "needs": needs})


def _add_errors(form, error: ValidationError, sections: dict | None = None) -> None:
    """Put a service's field-level errors on the form (or on a named section)."""
    for field_name, field_errors in error.message_dict.items():
        for message in field_errors:
            if field_name in form.fields:
                form.add_error(field_name, message)
            elif sections is not None:
                sections.setdefault(field_name, []).append(message)
            else:
                form.add_error(None, message)


@role_required(Role.BUYER_MEMBER, Role.GROUP_MANAGER)
def need_create(request: HttpRequest) -> HttpResponse:
    organisations = list(buyer_organisations(request.user))
    if not organisations:
        raise PermissionDenied
    buyer = organisations[0]
    if request.POST.get("buyer") or request.GET.get("buyer"):
        wanted = request.POST.get("buyer") or request.GET.get("buyer")
        buyer = next((o for o in organisations if str(o.pk) == wanted), None)
        if buyer is None:
            raise PermissionDenied
    territory = buyer.territory
    data = request.POST if request.method == "POST" else None
    form = NeedForm(data, territory=territory, prefix="need")
    skills = SkillFormSet(data, prefix="skills")
    slots = SlotFormSet(data, prefix="slots")
    windows = WindowFormSet(data, prefix="windows")
    excluded = ExcludedFormSet(data, prefix="excluded")
    section_errors: dict[str, list[str]] = {}
    if request.method == "POST":
        parts = [form, skills, slots, windows, excluded]
        if all(part.is_valid() for part in parts):
            need = need_description(form, skills, slots, windows, excluded)
            try:
                mission = create_need(buyer=buyer, created_by=request.user, need=need)
            except ValidationError as error:
                _add_errors(form, error, section_errors)
            else:
                messages.success(request, _("Your need is saved as a draft."))
                return redirect("need_detail", pk=mission.pk)
        messages.error(request, _("The need could not be saved: please correct the errors."))
    return render(
        request,
        "web/need_form.html",
        {
            "form": form,
            "skills_formset": skills,
            "slots_formset": slots,
            "windows_formset": windows,
            "excluded_formset": excluded,
            "section_errors": section_errors,
            "buyer": buyer,
            "organisations": organisations,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mission = get_visible_mission(request.user, pk)
    return render(
        request,
        "web/need_detail.html",
        {
            "mission": mission,
            "required_skills": mission.skills.select_related("skill"),
            "slots": mission.slots.all(),
            "windows": mission.windows.all(),
            "excluded": mission.excluded_periods.all(),
            "transitions": mission.transitions.select_related("by"),
        },
    )


# Coordinator --------------------------------------------------------------------------


@role_required(Role.COORDINATOR)
def coordinator_home(request: HttpRequest) -> HttpResponse:
    territories = territories_for(request.user, Role.COORDINATOR)
    state = request.GET.get("state", "")
    needs = (
        Mission.objects.filter(territory__in=territories)
        .select_related("buyer", "commune", "third_place")
        .prefetch_related(
            Prefetch("skills", queryset=MissionSkill.objects.select_related("skill")), "slots"
        )
        .order_by("buyer__name", "title")
    )
    if state in MissionState.values:
        needs = needs.filter(state=state)
    workers = (
        WorkerProfile.objects.filter(territory__in=territories)
        .select_related("user", "home_commune")
        .prefetch_related(Prefetch("skills", queryset=WorkerSkill.objects.select_related("skill")))
        .annotate(available=Sum("availability__end_minute") - Sum("availability__start_minute"))
        .order_by("user__last_name", "user__first_name")
    )
    state_counts = dict(
        Mission.objects.filter(territory__in=territories)
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    context = {
        "territories": territories,
        "needs": needs,
        "workers": workers,
        "state": state,
        "states": [
            (value, label, state_counts.get(value, 0)) for value, label in MissionState.choices
        ],
    }
    if request.htmx:
        return render(request, "web/_coordinator_needs.html", context)
    return render(request, "web/coordinator_home.html", context)


# Union representatives, trainers, tiers-lieux: aggregated views only -------------------


@role_required(Role.UNION_REP, Role.TRAINER, Role.THIRD_PLACE_MANAGER, Role.COORDINATOR)
def union_home(request: HttpRequest) -> HttpResponse:
    territories = list(
        territories_for(
            request.user,
            Role.UNION_REP,
            Role.TRAINER,
            Role.THIRD_PLACE_MANAGER,
            Role.COORDINATOR,
        )
    )
    overviews = [aggregates.territory_overview(territory=t) for t in territories]
    return render(request, "web/union_home.html", {"overviews": overviews})
