"""GPEC pages: dashboard, exports, printable report, background computations, my figures."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core import idempotency
from maillage.gpec import services
from maillage.gpec.access import (
    GPEC_ROLES,
    can_see_own_figures,
    can_start_gpec_job,
    dashboard_territories,
    figures_worker,
    gpec_audience,
    own_household_situation,
)
from maillage.gpec.exports import table_csv, table_xlsx
from maillage.gpec.models import GpecJob, JobKind
from maillage.gpec.recommendations import skill_gaps
from maillage.gpec.selectors import dashboard_territory, visible_job
from maillage.gpec.supply_demand import offered_minutes, studied_period
from maillage.gpec.tables import COORDINATOR
from maillage.people.models import Role, WorkerProfile
from maillage.territory.models import Territory
from maillage.training.selectors import outcomes as training_outcomes
from maillage.www.gpec.dashboard import cached_dashboard, tables_html
from maillage.www.gpec.forms import HouseholdForm
from maillage.www.utils.access import allowed_or_403, found_or_404, role_required
from maillage.www.utils.forms import add_errors
from maillage.www.utils.requests import SignedInRequest


def _territory(request: SignedInRequest, slug: str) -> tuple[Territory, str]:
    """The territory and the user's audience on it; 404 when the user has none there."""
    territory = found_or_404(dashboard_territory(request.user, slug))
    return territory, found_or_404(gpec_audience(request.user, territory))


@role_required(*GPEC_ROLES)
def home(request: SignedInRequest) -> HttpResponse:
    territories = list(dashboard_territories(request.user))
    if len(territories) == 1:
        return redirect("gpec:dashboard", slug=territories[0].slug)
    return render(request, "gpec/home.html", {"territories": territories})


@role_required(*GPEC_ROLES)
def dashboard(request: SignedInRequest, slug: str) -> HttpResponse:
    territory, audience = _territory(request, slug)
    board = cached_dashboard(territory=territory, audience=audience)
    # What the trainings held unlocked, against the prediction: names no one, but a session
    # of one attendee would tell their hours, so coordinators only.
    trained = training_outcomes(territory) if audience == COORDINATOR else []
    return render(
        request,
        "gpec/dashboard.html",
        {
            "board": board,
            "tables": tables_html(board, print_version=False),
            "print": False,
            "trained": trained,
        },
    )


@role_required(*GPEC_ROLES)
def report(request: SignedInRequest, slug: str) -> HttpResponse:
    territory, audience = _territory(request, slug)
    board = cached_dashboard(territory=territory, audience=audience)
    return render(
        request,
        "gpec/report.html",
        {"board": board, "tables": tables_html(board, print_version=True), "print": True},
    )


@role_required(*GPEC_ROLES)
def export(request: SignedInRequest, slug: str, table: str, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    territory, audience = _territory(request, slug)
    tables = cached_dashboard(territory=territory, audience=audience).tables
    if table not in tables:
        raise Http404
    name = f"maillage-{territory.slug}-{table}"
    if fmt == "csv":
        response = HttpResponse(
            table_csv(table=tables[table], language=get_language()),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    response = HttpResponse(
        table_xlsx(table=tables[table]),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@require_POST
@role_required(Role.COORDINATOR)
def start_job(request: SignedInRequest, slug: str, kind: str) -> HttpResponse:
    territory, _audience = _territory(request, slug)
    allowed_or_403(kind in JobKind.values and can_start_gpec_job(request.user, territory))
    _period, published = studied_period(territory)
    if published is None:
        messages.error(request, _("Publish a plan first: the computation studies its period."))
        return redirect("gpec:dashboard", slug=slug)
    params = {}
    if kind == JobKind.WHAT_IF:
        params = {k: request.POST.get(k, "") for k in ("worker_id", "skill", "level")}
    try:
        job, _first = idempotency.once(
            user=request.user,
            key=idempotency.token_of(request.POST),
            create=lambda: services.start_job(
                kind=kind,
                territory=territory,
                period_start=published.period_start,  # the studied period is the plan's
                period_end=published.period_end,
                requested_by=request.user,
                params=params,
            ),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("gpec:dashboard", slug=slug)
    return redirect("gpec:job", pk=job.pk)


@role_required(*GPEC_ROLES)
def job_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    job = found_or_404(visible_job(request.user, pk))  # a what-if only for coordinators
    audience = gpec_audience(request.user, job.territory)
    context = {"job": job, "audience": audience, "outcome": _what_if_outcome(job)}
    if request.htmx:
        return render(request, "gpec/_job_progress.html", context)
    return render(request, "gpec/job.html", context)


def _what_if_outcome(job: GpecJob) -> dict | None:
    if job.kind != JobKind.WHAT_IF or not job.result:
        return None
    result = job.result
    worker = WorkerProfile.objects.filter(pk=result["worker_id"]).select_related("user").first()
    return {
        "worker": worker,
        "hours_gained": round(result["covered_minutes_gained"] / 60, 2),
        "jobs_gained": result["workers_at_threshold_gained"],
        "worker_hours_before": round(result["worker_minutes_before"] / 60, 2),
        "worker_hours_after": round(result["worker_minutes_after"] / 60, 2),
        "before": result["before"],
        "after": result["after"],
        "newly_covered": len(result["newly_covered"]),
    }


def my_figures(request: SignedInRequest) -> HttpResponse:
    """A worker's own figures: hours offered, the gaps they are one level away from."""
    allowed_or_403(can_see_own_figures(request.user))
    worker = found_or_404(figures_worker(request.user))
    situation = own_household_situation(request.user)
    if request.method == "POST":
        form = HouseholdForm(request.POST, instance=situation)
        if form.is_valid():
            try:
                services.declare_household(worker=worker, **form.cleaned_data)
            except ValidationError as error:  # the model's constraints, said at their field
                add_errors(form, error)
            else:
                messages.success(request, _("Your household situation is recorded."))
                return redirect("gpec:me")
    else:
        form = HouseholdForm(instance=situation)
    gaps = [
        (gap, candidate)
        for gap in skill_gaps(territory=worker.territory)
        for candidate in gap.candidates
        if candidate.worker.pk == worker.pk
    ]
    return render(
        request,
        "gpec/me.html",
        {
            "worker": worker,
            "offered_hours": round(offered_minutes(worker) / 60, 1),
            "gaps": gaps,
            "form": form,
            "situation": situation,
        },
    )
