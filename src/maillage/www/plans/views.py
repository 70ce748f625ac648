"""Plan pages: coordinators run, compare, pin and publish; workers see and answer their week."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Min, Prefetch, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from maillage.consolidation.access import (
    can_add_pair_rule,
    can_publish_plan,
    can_restore_plan,
    can_start_run,
    own_assignments,
    planning_territories,
)
from maillage.consolidation.engine.objectives import LEVELS
from maillage.consolidation.engine.tradeoff import choose_index
from maillage.consolidation.explanations import describe_all_unassigned, describe_solver_status
from maillage.consolidation.models import (
    AssignmentResponse,
    ConsolidationRun,
    Method,
    PairRule,
    PlanState,
    PlanVersion,
)
from maillage.consolidation.selectors import (
    engine_summary,
    own_assignment,
    planning_territory,
    publication_check,
    version_mission,
    version_pair_rule,
    version_workers,
    visible_plan_version,
    visible_run,
)
from maillage.consolidation.services import (
    add_pair_rule,
    compare_versions,
    effective_status,
    publish_version,
    respond_to_assignment,
    restore_version,
    revoke_pair_rule,
    start_run,
    worse_levels_text,
)
from maillage.core import idempotency
from maillage.core.formatting import format_duration
from maillage.missions.models import Mission
from maillage.people.access import own_worker_profile
from maillage.people.models import Role, WorkerProfile
from maillage.pricing.services import CharterTerms, charter_in_force
from maillage.territory.models import Territory, Weekday
from maillage.www.plans.forms import PairRuleForm, ResponseForm, RunForm
from maillage.www.plans.periods import school_term_period
from maillage.www.utils.access import allowed_or_404, found_or_403, found_or_404, role_required
from maillage.www.utils.forms import add_errors, report_invalid, report_refusal
from maillage.www.utils.requests import SignedInRequest

METRIC_LABELS = {
    "covered_minutes": gettext_lazy("Demand covered a week"),
    "workers_at_threshold": gettext_lazy("Workers at the contract threshold"),
    "workers_wishing_threshold": gettext_lazy("Workers who wish the threshold"),
    "active_workers": gettext_lazy("Active workers"),
    "km_week": gettext_lazy("Kilometres a week"),
    "stability": gettext_lazy("Stability (missions kept by the same worker)"),
}
LEVEL_LABELS = {
    "covered_minutes": gettext_lazy("Demand covered a week"),
    "workers_at_threshold": gettext_lazy("Workers at the contract threshold"),
    "stable_missions": gettext_lazy("Missions kept by the same worker"),
    "km_hectometres": gettext_lazy("Travel a week"),
}
# The table follows the engine's lexicographic order (decision 0005).
LEVEL_ORDER = [name for name, _ in LEVELS]
# A plan of the real period (decision 0043) counts its levels over every date of the period.
PERIOD_LEVEL_LABELS = {
    **LEVEL_LABELS,
    "covered_minutes": gettext_lazy("Demand covered over the period"),
    "km_hectometres": gettext_lazy("Travel over the period"),
}


def _metric_text(key: str, value) -> str:
    """A plan figure as people read it: hours and minutes, km, a share, in their language."""
    if value is None:
        return _("none held before") if key == "stability" else "—"
    if key in ("covered_minutes", "demand_minutes"):
        return format_duration(value)
    if key == "km_week":
        return f"{number_format(value, decimal_pos=1, use_l10n=True, force_grouping=True)}\u00a0km"
    if key == "km_hectometres":  # the engine counts travel in hundreds of metres
        km = number_format(value / 10, decimal_pos=1, use_l10n=True, force_grouping=True)
        return f"{km}\u00a0km"
    if key == "stability":  # a share of the missions, 0 to 1
        return f"{number_format(value * 100, decimal_pos=0, use_l10n=True)}\u00a0%"
    return number_format(value, use_l10n=True)


def _km_budget_text(metrics: dict) -> str | None:
    """What the engine's km budget (decision 0048) did to this plan, in words; None when the
    run had none (a baseline, an older run, a territory above the budget's size)."""
    if "lns_km_budget_hectometres" not in metrics:
        return None
    if metrics.get("lns_km_budget_raised_for_people_at_threshold"):
        return _(
            "This plan drives more than the marketplace would, for more people at the contract "
            "threshold: otherwise the engine never drives more than the marketplace."
        )
    driven = round(10 * metrics.get("km_period", 0))  # hectometres, as the budget
    if metrics.get("lns_km_budget_raised_for_renewals") and driven > metrics.get(
        "lns_baseline_km_hectometres", driven
    ):
        return _(
            "This plan drives more than the marketplace of the nearest free worker would, to "
            "keep last term's workers on their renewed needs: at most what a marketplace in "
            "which each buyer rebooks its worker would drive."
        )
    if metrics.get("lns_km_budget_restart_from_baseline"):
        return _(
            "The engine started again from the marketplace's plan, so as to drive no more than it."
        )
    return _("This plan drives no more than the marketplace would.")


def _labelled(comparison: dict) -> dict:
    comparison["rows"] = [
        (METRIC_LABELS.get(key, key), _metric_text(key, mine), _metric_text(key, theirs))
        for key, mine, theirs in comparison["rows"]
    ]
    return comparison


def _level_gaps(version: PlanVersion, levels: dict) -> list[tuple[str, str, str]]:
    """Each objective level, in the engine's order, its value and the best possible one.

    A proven plan is the best on each level given the levels above it: its own figures are
    the best possible, though the run's per-level bounds (each level alone) say less; "0 km,
    no trip at all" beside "best possible plan (proven)" read as a contradiction. Without a
    proof, the km bound is that 0, which bounds nothing a coordinator can use: a dash.
    """
    value, bound = levels.get("value", {}), levels.get("bound", {})
    labels = (
        PERIOD_LEVEL_LABELS if "covered_minutes_week" in (version.metrics or {}) else LEVEL_LABELS
    )
    rows = []
    for key in LEVEL_ORDER:
        if key not in labels or key not in value or key not in bound:
            continue
        label = labels[key]
        if version.proven:
            best = value[key]
        elif key == "km_hectometres" and not bound[key]:
            best = None
        else:
            best = bound[key]
        rows.append((str(label), _metric_text(key, value[key]), _metric_text(key, best)))
    return rows


def _publication(version: PlanVersion) -> dict | None:
    """What publishing this draft changes against the plan in force, as the page shows it."""
    check = publication_check(version)
    if check.in_force is None:
        return None
    names = sorted(
        f"{first} {last}".strip()
        for first, last in WorkerProfile.objects.filter(pk__in=check.workers_changed).values_list(
            "user__first_name", "user__last_name"
        )
    )
    return {
        "check": check,
        "worse": worse_levels_text(check) if check.worse else "",
        "better": [str(METRIC_LABELS[name]) for name in check.better],
        "workers_changed": names,
    }


def _tradeoff(version: PlanVersion) -> dict | None:
    """The plans of the coverage / people at 24 h front this version belongs to, side by side
    in hours and people, with the one the charter's policy recommends (decision 0046)."""
    result = version.run.result or {}
    if "tradeoff_of" in result:
        main = ConsolidationRun.objects.filter(pk=result["tradeoff_of"]).first()
        result = (main.result or {}) if main else {}
    front = result.get("front")
    if not front or len(front) < 2:
        return None
    charter = charter_in_force(version.territory, on=version.period_start)
    policy = charter.coverage_points_per_job if charter else CharterTerms.coverage_points_per_job
    chosen = choose_index(
        [(p["coverage"], p["workers_at_threshold"]) for p in front], float(policy)
    )
    first = front[0]
    rows = [
        {
            **point,
            "current": point["version_id"] == version.pk,
            "recommended": index == chosen,
            "coverage_percent": round(100 * point["coverage"], 1),
            "points_given_up": round(100 * (first["coverage"] - point["coverage"]), 1),
            "minutes_given_up": first["covered_minutes_week"] - point["covered_minutes_week"],
            "more_people": point["workers_at_threshold"] - first["workers_at_threshold"],
        }
        for index, point in enumerate(front)
    ]
    return {"rows": rows, "policy": policy}


def _threshold_bound(levels: dict) -> dict | None:
    """How the engine bounded the workers at the threshold (``levels.bound_method``), with
    every key the page reads (older results lack some)."""
    method = levels.get("bound_method", {}).get("workers_at_threshold")
    if not method:
        return None
    keys = ("value", "at_plan_coverage", "counting", "reachable", "flow", "lp")
    optional = ("integer_relaxation", "column_generation", "whole_model_at_plan_coverage")
    found = {**dict.fromkeys(keys), **dict.fromkeys(optional), **method}
    budget = found.get("whole_model_km_budget_hectometres")
    found["whole_model_km"] = None if budget is None else _metric_text("km_hectometres", budget)
    return found


def _planning_territory(request: SignedInRequest, pk: int) -> Territory:
    """A territory the user may start a run on; 404 for any other."""
    territory = found_or_404(planning_territory(request.user, pk))
    allowed_or_404(can_start_run(request.user, territory))
    return territory


def _default_period(territory: Territory) -> tuple[dt.date, dt.date]:
    """The period of the territory's earliest accepted needs, or else the current (or next)
    school term."""
    first = Mission.objects.filter(territory=territory, state="accepted").aggregate(
        start=Min("period_start")
    )["start"]
    if first is None:
        return school_term_period(timezone.localdate())
    end = (
        Mission.objects.filter(territory=territory, state="accepted", period_start=first)
        .order_by("-period_end")
        .values_list("period_end", flat=True)
        .first()
    )
    return first, end or first  # end is there: a need started on `first`


def _plans_page(request: SignedInRequest, *, refused: RunForm | None = None) -> HttpResponse:
    """The coordinator's territories, each with its run form, versions and recent runs.

    ``refused`` is a run form sent back with its errors: its territory shows it, with what
    the coordinator typed, in place of a fresh one.
    """
    sections = []
    for territory in planning_territories(request.user):
        runs = list(ConsolidationRun.objects.filter(territory=territory)[:8])
        for run in runs:
            run.effective_status = effective_status(run)
        prefix = f"t{territory.pk}"
        if refused is not None and refused.prefix == prefix:
            form = refused
        else:
            start, end = _default_period(territory)
            form = RunForm(initial={"period_start": start, "period_end": end}, prefix=prefix)
        sections.append(
            {
                "territory": territory,
                "form": form,
                "runs": runs,
                "versions": PlanVersion.objects.filter(territory=territory)
                .select_related("run")
                .order_by("-period_start", "-number")[:12],
            }
        )
    return render(request, "plans/list.html", {"sections": sections})


@role_required(Role.COORDINATOR)
def plans(request: SignedInRequest) -> HttpResponse:
    return _plans_page(request)


@require_POST
@role_required(Role.COORDINATOR)
def plan_run(request: SignedInRequest, territory_id: int) -> HttpResponse:
    territory = _planning_territory(request, territory_id)
    form = RunForm(request.POST, prefix=f"t{territory.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            run, _first = idempotency.once(
                user=request.user,
                key=idempotency.token_of(request.POST),
                create=lambda: start_run(
                    territory=territory,
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    method=data["method"],
                    time_limit_seconds=data["time_limit_seconds"],
                    requested_by=request.user,
                    explore_tradeoff=data["explore_tradeoff"],
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The run has started."))
            return redirect("plans:run_detail", pk=run.pk)
    # The page again, the refused form beside its fields with what was typed kept.
    return _plans_page(request, refused=form)


@role_required(Role.COORDINATOR)
def plan_run_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    run = found_or_404(visible_run(request.user, pk))
    run.effective_status = effective_status(run)
    version = PlanVersion.objects.filter(run=run).first()
    template = "plans/_run_progress.html" if request.htmx else "plans/run.html"
    return render(request, template, {"run": run, "version": version})


def _day_grid(assignments) -> list[tuple[str, list]]:
    by_day = defaultdict(list)
    for assignment in assignments:
        for block in assignment.blocks:
            by_day[block["day"]].append((block["start"], block["end"], assignment))
    return [
        (str(label), sorted(by_day.get(day, []), key=lambda item: item[0]))
        for day, label in Weekday.choices
        if by_day.get(day)
    ]


VERSION_SECTIONS = ("workers", "buyers", "days")


@role_required(Role.COORDINATOR)
def plan_version(request: SignedInRequest, pk: int) -> HttpResponse:
    version = found_or_404(visible_plan_version(request.user, pk))
    section = request.GET.get("section", "")
    section = section if section in VERSION_SECTIONS else ""
    assignments: list = []
    per_worker: dict[int, dict] = {}
    per_buyer: dict[int, dict] = {}
    if section:
        assignments = list(
            version.assignments.select_related(
                "mission__buyer", "worker__user", "worker__home_commune"
            )
            .prefetch_related(
                Prefetch("responses", queryset=AssignmentResponse.objects.order_by("at"))
            )
            .order_by("worker__user__last_name", "mission__title")
        )
    else:
        # The summary shows each worker's totals only: one aggregate, not every assignment.
        totals = version.assignments.values("worker_id").annotate(
            minutes=Sum("weekly_minutes"), count=Count("pk")
        )
        profiles = WorkerProfile.objects.select_related("user").in_bulk(
            [total["worker_id"] for total in totals]
        )
        for total in totals:
            per_worker[total["worker_id"]] = {
                "worker": profiles[total["worker_id"]],
                "minutes": total["minutes"],
                "count": total["count"],
                "assignments": [],
            }
    for assignment in assignments:
        assignment.response = assignment.latest_response()
        row = per_worker.setdefault(
            assignment.worker_id,
            {"worker": assignment.worker, "minutes": 0, "assignments": []},
        )
        row["minutes"] += assignment.weekly_minutes
        row["assignments"].append(assignment)
        buyer_row = per_buyer.setdefault(
            assignment.mission.buyer_id,
            {"buyer": assignment.mission.buyer, "minutes": 0, "assignments": []},
        )
        buyer_row["minutes"] += assignment.weekly_minutes
        buyer_row["assignments"].append(assignment)
        row["count"] = len(row["assignments"])
    levels, threshold = engine_summary(version)
    for row in per_worker.values():
        row["at_threshold"] = row["minutes"] >= (threshold or 1440)
        row["wished"] = row["worker"].wished_weekly_minutes
    unassigned = list(version.unassigned.select_related("mission__buyer"))
    same_period = PlanVersion.objects.filter(
        territory=version.territory,
        period_start=version.period_start,
        period_end=version.period_end,
    )
    previous = same_period.filter(number__lt=version.number, method=Method.ENGINE).first()
    baseline = same_period.filter(method=Method.BASELINE).first()
    publication = _publication(version) if version.state == PlanState.DRAFT else None
    if publication and previous and publication["check"].in_force.pk == previous.pk:
        previous = publication["check"].in_force  # one instance: its assignments read once
    workers = version_workers(version)
    rules = PairRule.objects.filter(
        mission__territory=version.territory, revoked_at__isnull=True
    ).select_related("mission", "worker__user")
    context = {
        "version": version,
        "per_worker": sorted(per_worker.values(), key=lambda r: -r["minutes"]),
        "per_buyer": sorted(per_buyer.values(), key=lambda r: r["buyer"].name),
        "days": _day_grid(assignments),
        # (item, why): the reasons' skill names are read in one query for all of them.
        "unassigned": list(zip(unassigned, describe_all_unassigned(unassigned), strict=True)),
        "publication": publication,
        "vs_previous": _labelled(compare_versions(version, previous)),
        "vs_baseline": _labelled(compare_versions(version, baseline)),
        "level_gaps": _level_gaps(version, levels),
        "threshold_bound": _threshold_bound(levels),
        "km_budget": _km_budget_text(version.metrics or {}),
        "tradeoff": _tradeoff(version),
        "rule_form": PairRuleForm(workers=workers),
        "workers": workers,
        "rules": rules,
        "threshold_hours": (threshold or 1440) // 60,
        "solver_status": describe_solver_status(version.solver_status),
        "stability": _metric_text("stability", version.figure("stability")),
        "PlanState": PlanState,
        # The page opens on a summary; each long section (missions of every worker with
        # their pin/forbid forms, per buyer, per day) comes on demand: htmx fetches it
        # alone, and without JavaScript its link reloads the page with it open.
        "section": section,
    }
    if request.htmx and section:
        return render(request, f"plans/_version_{section}.html", context)
    return render(request, "plans/version.html", context)


@require_POST
@role_required(Role.COORDINATOR)
def plan_publish(request: SignedInRequest, pk: int) -> HttpResponse:
    version = found_or_404(visible_plan_version(request.user, pk))
    allowed_or_404(can_publish_plan(request.user, version))
    try:
        # Already published: nothing to do. Worse than the plan in force: only once confirmed.
        publish_version(
            version=version,
            by=request.user,
            confirm_worse=request.POST.get("confirm_worse") == "1",
        )
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(
            request, _("Version %(number)s is published.") % {"number": version.number}
        )
    return redirect("plans:version", pk=version.pk)


@require_POST
@role_required(Role.COORDINATOR)
def plan_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    version = found_or_404(visible_plan_version(request.user, pk))
    allowed_or_404(can_restore_plan(request.user, version))
    try:
        restored = restore_version(version=version, by=request.user)
    except ValidationError as error:
        report_refusal(request, error)
        return redirect("plans:version", pk=version.pk)
    messages.success(
        request,
        _("Version %(old)s is back as draft version %(new)s: publish it to put it in force.")
        % {"old": version.number, "new": restored.number},
    )
    return redirect("plans:version", pk=restored.pk)


@require_POST
@role_required(Role.COORDINATOR)
def plan_pair_rule(request: SignedInRequest, pk: int) -> HttpResponse:
    version = found_or_404(visible_plan_version(request.user, pk))
    allowed_or_404(can_add_pair_rule(request.user, version))
    workers = version_workers(version)
    form = PairRuleForm(request.POST, workers=workers)
    if form.is_valid():
        mission = found_or_404(version_mission(version, form.cleaned_data["mission"]))
        worker = workers.get(pk=form.cleaned_data["worker"])
        try:
            add_pair_rule(
                mission=mission,
                worker=worker,
                kind=form.cleaned_data["kind"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            report_refusal(request, error)
        else:
            messages.success(request, _("Saved. It applies to the next run."))
    else:
        report_invalid(request, form)
    return redirect("plans:version", pk=version.pk)


@require_POST
@role_required(Role.COORDINATOR)
def plan_pair_rule_remove(request: SignedInRequest, pk: int, rule_pk: int) -> HttpResponse:
    """Remove a pin or a prohibition of the version's territory from the next runs."""
    version = found_or_404(visible_plan_version(request.user, pk))
    allowed_or_404(can_add_pair_rule(request.user, version))
    rule = found_or_404(version_pair_rule(version, rule_pk))
    try:
        revoke_pair_rule(rule=rule, by=request.user)
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("Removed. The next run is free of it."))
    return redirect("plans:version", pk=version.pk)


# Worker ---------------------------------------------------------------------------------


@role_required(Role.WORKER)
def worker_week(request: SignedInRequest) -> HttpResponse:
    worker = found_or_403(own_worker_profile(request.user))  # a worker without a profile yet
    assignments = list(
        own_assignments(request.user)
        .select_related("mission__buyer", "mission__commune", "mission__third_place", "version")
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=AssignmentResponse.objects.select_related("answer").order_by("at"),
            )
        )
        .order_by("version__period_start", "mission__title")
    )
    for assignment in assignments:
        assignment.response = assignment.latest_response()
        if assignment.response is not None:
            assignment.response.review_answer = getattr(assignment.response, "answer", None)
        assignment.form = ResponseForm(prefix=f"a{assignment.pk}")
    total = sum(a.weekly_minutes for a in assignments)
    return render(
        request,
        "plans/worker_week.html",
        {
            "worker": worker,
            "assignments": assignments,
            "days": _day_grid(assignments),
            "total_minutes": total,
        },
    )


@require_POST
@role_required(Role.WORKER)
def worker_respond(request: SignedInRequest, pk: int) -> HttpResponse:
    assignment = found_or_404(own_assignment(request.user, pk))
    form = ResponseForm(request.POST, prefix=f"a{assignment.pk}")
    if form.is_valid():
        try:
            respond_to_assignment(
                assignment=assignment,
                by=request.user,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            report_refusal(request, error)
        else:
            messages.success(request, _("Your answer is recorded."))
    else:
        messages.error(request, _("Choose an answer."))
    return redirect("plans:worker_week")
