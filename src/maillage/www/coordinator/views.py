"""The coordinator's territory: its needs by state and its workers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.missions.access import missions_coordinated_by
from maillage.missions.models import FixedSlot, MissionSkill, MissionState
from maillage.people.access import territories_coordinated_by, workers_coordinated_by
from maillage.people.models import Role
from maillage.skills.models import WorkerSkill
from maillage.skills.services import confirm_skill_level
from maillage.www.utils.access import found_or_404, role_required
from maillage.www.utils.forms import report_refusal
from maillage.www.utils.pagination import page_of, searched
from maillage.www.utils.requests import SignedInRequest

NEED_COLUMNS = (
    "title",
    "state",
    "place_kind",
    "schedule_kind",
    "flexible_weekly_minutes",
    "buyer__name",
    "commune__name",
    "third_place__name",
)
WORKER_COLUMNS = (
    "travel_mode",
    "max_km",
    "wished_weekly_minutes",
    "status",
    "user__first_name",
    "user__last_name",
    "home_commune__name",
)


@role_required(Role.COORDINATOR)
def coordinator_home(request: SignedInRequest) -> HttpResponse:
    territories = territories_coordinated_by(request.user)
    state = request.GET.get("state", "")
    # Only the columns the lists show: the home is the coordinator's most visited page, and
    # whole rows (timestamps, descriptions, every skill's texts) were a third of its cost.
    needs = (
        missions_coordinated_by(request.user)
        .select_related("buyer", "commune", "third_place")
        .only(*NEED_COLUMNS)
        .prefetch_related(
            Prefetch(
                "skills",
                queryset=MissionSkill.objects.select_related("skill").only(
                    "mission", "min_level", "skill__name_fr", "skill__name_en"
                ),
                to_attr="required_skills",  # a list: no queryset cloned per need
            ),
            Prefetch(
                "slots", queryset=FixedSlot.objects.only("mission", "start_minute", "end_minute")
            ),
        )
        .order_by("buyer__name", "title")
    )
    if state in MissionState.values:
        needs = needs.filter(state=state)
    query = request.GET.get("q", "").strip()
    if query:
        needs = searched(needs, query, "title", "buyer__name")
    workers = (
        workers_coordinated_by(request.user)
        .select_related("user", "home_commune")
        .only(*WORKER_COLUMNS)
        .prefetch_related(
            Prefetch(
                "skills",
                queryset=WorkerSkill.objects.select_related("skill").only(
                    "worker",
                    "level",
                    "declared_level",
                    "certified_level",
                    "skill__name_fr",
                    "skill__name_en",
                ),
                to_attr="claimed_skills",
            )
        )
        .annotate(available=Sum("availability__end_minute") - Sum("availability__start_minute"))
        .order_by("user__last_name", "user__first_name")
    )
    state_counts = dict(
        missions_coordinated_by(request.user)
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    # A page of each list: the page's cost does not grow with the territory.
    context = {
        "territories": territories,
        "needs": page_of(request, needs),
        "workers": page_of(request, workers, param="workers_page"),
        "state": state,
        "query": query,
        "states": [
            (value, label, state_counts.get(value, 0)) for value, label in MissionState.choices
        ],
    }
    if request.htmx:
        return render(request, "coordinator/_needs.html", context)
    return render(request, "coordinator/home.html", context)


@require_POST
@role_required(Role.COORDINATOR)
def confirm_level(request: SignedInRequest, pk: int) -> HttpResponse:
    """Confirm a level a worker of the coordinator's territory declared above 4."""
    claimed = found_or_404(
        WorkerSkill.objects.filter(pk=pk, worker__in=workers_coordinated_by(request.user))
        .select_related("worker__territory", "skill")
        .first()
    )
    try:
        confirmed = confirm_skill_level(worker_skill=claimed, by=request.user)
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(
            request,
            _("Level %(level)s of %(skill)s is confirmed.")
            % {"level": confirmed.level, "skill": confirmed.skill.name},
        )
    return redirect("coordinator:home")
