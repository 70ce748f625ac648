"""Pages of the economic model: a territory's model by phase, its what-ifs, a new version."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from maillage.core import idempotency
from maillage.economics import access, selectors
from maillage.economics.computation import (
    compute,
    what_ifs,
    with_fee_rate,
    with_share_at_24,
    with_volume_factor,
)
from maillage.economics.models import Assumptions, Phase
from maillage.economics.services import issue_assumptions
from maillage.execution.dates import parse_month
from maillage.people.models import Role
from maillage.www.economics import charts
from maillage.www.economics.forms import AssumptionsForm, WhatIfForm
from maillage.www.utils.access import allowed_or_403, found_or_404, role_required
from maillage.www.utils.forms import add_errors
from maillage.www.utils.requests import SignedInRequest

ROLES = access.VIEW_ROLES


def revenue_labels() -> dict[str, str]:
    return {
        "fee": _("Fee on billed hours"),
        "certification": _("Certification fees paid by buyers"),
        "training": _("Training funded by OPCOs and others (assumption)"),
        "grants": _("Grants"),
    }


def cost_labels() -> dict[str, str]:
    return {
        "coordination": _("Coordination staff (employer cost, OpenFisca)"),
        "premises": _("Premises"),
        "third_place_rent": _("Tiers-lieux rent"),
        "software_hosting": _("Software and hosting"),
        "insurance": _("Insurance"),
        "unbilled_hours": _("Unbilled paid hours (travel, preparation)"),
    }


def source_label(source: str) -> str:
    return {
        selectors.Source.INVOICES: _("issued invoices of the month"),
        selectors.Source.QUOTES: _("accepted quotes running that month"),
        selectors.Source.ASSUMPTION: _("the phase's expected volume (no invoice, no quote)"),
    }[source]


def _month(value: str | None) -> dt.date:
    return parse_month(value, default=timezone.localdate())


def _phase(value: str | None) -> str:
    return value if value in Phase.values else Phase.SEED


@role_required(*ROLES)
def home(request: SignedInRequest) -> HttpResponse:
    territories = list(access.territories_visible_to(request.user))
    if len(territories) == 1:
        return redirect("economics:model", slug=territories[0].slug)
    return render(request, "economics/home.html", {"territories": territories})


@role_required(*ROLES)
def model(request: SignedInRequest, slug: str) -> HttpResponse:
    territory = found_or_404(selectors.visible_territory(request.user, slug))
    phase = _phase(request.GET.get("phase"))
    month = _month(request.GET.get("month"))
    month_model = selectors.month_model(territory, phase, month)
    context: dict = {
        "territory": territory,
        "phase": phase,
        "phase_label": Phase(phase).label,
        "phases": Phase.choices,
        "month": month,
        "month_value": month.strftime("%Y-%m"),
        "model": month_model,
        "can_edit": access.can_edit(request.user, territory),
        "versions": list(selectors.versions(territory, phase)),
        "what_if_form": WhatIfForm(request.GET or None),
        "what_if": None,
    }
    if month_model is not None:
        result = month_model.result
        context.update(
            revenue_rows=[(revenue_labels()[k], v) for k, v in result.revenue_lines.items()],
            cost_rows=[(cost_labels()[k], v) for k, v in result.cost_lines.items()],
            source=source_label(month_model.volume.source),
            what_ifs=what_ifs(result.inputs),
            public=selectors.public_side(territory, month_model.assumptions),
            history=selectors.series(territory, phase, month),
        )
        context["monthly_chart"] = charts.monthly_bars(
            ident="economics-months",
            title=_("Revenue and costs by month"),
            desc=_("Green: revenue; orange: costs; the table below gives the figures."),
            rows=[
                (date_format(m.month, "M y"), m.result.revenue, m.result.costs)
                for m in context["history"]
            ],
        )
        what_if_form = context["what_if_form"]
        inputs = result.inputs
        if what_if_form.has_what_if():
            data = what_if_form.cleaned_data
            if data["fee_rate"] is not None:
                inputs = with_fee_rate(inputs, data["fee_rate"])
            if data["volume_percent"] is not None:
                inputs = with_volume_factor(inputs, data["volume_percent"] / 100)
            if data["share_at_24"] is not None:
                inputs = with_share_at_24(inputs, data["share_at_24"] / 100)
            context["what_if"] = compute(inputs)
        shown = context["what_if"] or result
        context["curve_chart"] = charts.break_even_curve(
            ident="economics-break-even",
            title=_("Result of the month against billed hours a week"),
            desc=_("Blue: the month's result; dashed: the break-even; the dot: this month."),
            inputs=shown.inputs,
            break_even_per_week=shown.break_even_hours_per_week,
        )
    return render(request, "economics/model.html", context)


@role_required(Role.COORDINATOR)
def new_version(request: SignedInRequest, slug: str, phase: str) -> HttpResponse:
    territory = found_or_404(selectors.visible_territory(request.user, slug))
    allowed_or_403(access.can_edit(request.user, territory))
    if phase not in Phase.values:
        raise Http404
    month = timezone.localdate().replace(day=1)
    current = Assumptions.objects.in_force(territory, phase, month) or (
        Assumptions.objects.filter(territory=territory, phase=phase).order_by("-number").first()
    )
    if request.method == "POST":
        form = AssumptionsForm(request.POST)
        if form.is_valid():
            try:
                idempotency.once(
                    user=request.user,
                    key=idempotency.token_of(request.POST),
                    create=lambda: issue_assumptions(
                        territory=territory,
                        phase=phase,
                        effective_month=form.cleaned_data["effective_month"],
                        lines=form.lines(),
                        grants=form.grants(),
                        note=form.cleaned_data["note"],
                        by=request.user,
                    ),
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The new version of the assumptions is saved."))
                url = reverse("economics:model", kwargs={"slug": territory.slug})
                return redirect(
                    f"{url}?phase={phase}&month={form.cleaned_data['effective_month']:%Y-%m}"
                )
        messages.error(request, _("The assumptions could not be saved: please correct them."))
    else:
        initial = AssumptionsForm.initial_from(current, month) if current else {}
        initial.setdefault("effective_month", month.strftime("%Y-%m"))
        form = AssumptionsForm(initial=initial)
    return render(
        request,
        "economics/new_version.html",
        {
            "territory": territory,
            "phase": phase,
            "phase_label": Phase(phase).label,
            "current": current,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )
