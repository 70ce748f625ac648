"""A worker's own profile: wished hours, availability, declared skills."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core import idempotency
from maillage.people.access import own_worker_profile
from maillage.people.models import Role, WorkerProfile
from maillage.people.services import add_availability, remove_availability, update_worker_profile
from maillage.skills.services import claim_skill
from maillage.www.utils.access import found_or_403, role_required
from maillage.www.utils.forms import add_errors, minutes_of
from maillage.www.utils.requests import SignedInRequest
from maillage.www.workers.forms import AvailabilityForm, WorkerProfileForm, WorkerSkillForm


def _own_worker_profile(request: SignedInRequest) -> WorkerProfile:
    """The signed-in worker's own profile; 403 for a worker account without one."""
    return found_or_403(own_worker_profile(request.user))


@role_required(Role.WORKER)
def worker_home(request: SignedInRequest) -> HttpResponse:
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
                add_errors(profile_form, error)
            else:
                messages.success(request, _("Your profile is saved."))
                return redirect("workers:home")
        worker.refresh_from_db()
    return render(
        request,
        "workers/home.html",
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
def worker_add_availability(request: SignedInRequest) -> HttpResponse:
    worker = _own_worker_profile(request)
    form = AvailabilityForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            idempotency.once(
                user=request.user,
                key=idempotency.token_of(request.POST),
                create=lambda: add_availability(
                    worker=worker,
                    weekday=data["weekday"],
                    start_minute=minutes_of(data["start"]),
                    end_minute=minutes_of(data["end"]),
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
    if form.errors:
        for field_errors in form.errors.values():
            for message in field_errors:  # an ErrorList gives its messages as text
                messages.error(request, str(message))
    else:
        messages.success(request, _("Availability added."))
    return redirect("workers:home")


@require_POST
@role_required(Role.WORKER)
def worker_remove_availability(request: SignedInRequest, window_id: int) -> HttpResponse:
    worker = _own_worker_profile(request)
    try:
        remove_availability(worker=worker, window_id=window_id)
    except worker.availability.model.DoesNotExist:
        return HttpResponse(status=404)
    messages.success(request, _("Availability removed."))
    return redirect("workers:home")


@require_POST
@role_required(Role.WORKER)
def worker_claim_skill(request: SignedInRequest) -> HttpResponse:
    worker = _own_worker_profile(request)
    form = WorkerSkillForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        claimed, _first = idempotency.once(
            user=request.user,
            key=idempotency.token_of(request.POST),
            create=lambda: claim_skill(
                worker=worker,
                skill=data["skill"],
                level=data["level"],
                by=request.user,
                on=timezone.localdate(),
            ),
        )
        if claimed.is_pending_confirmation:
            messages.success(
                request,
                _(
                    "Skill saved. Level %(declared)s waits for a coordinator's confirmation; "
                    "until then, level %(level)s is used."
                )
                % {"declared": claimed.declared_level, "level": claimed.level},
            )
        else:
            messages.success(request, _("Skill saved."))
    else:
        messages.error(request, _("Choose a skill and a level from 1 to 8."))
    return redirect("workers:home")
