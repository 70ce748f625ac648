"""Pricing pages: the charter (coordinators and union representatives read it; they propose a
new version, which the colleges vote on: maillage.governance), issuing a quote (coordinators),
the quote (buyers and coordinators) with its PDF, and the buyer's acceptance or refusal."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core import idempotency
from maillage.core.statemachine import IllegalTransition
from maillage.governance import changes as governance_changes
from maillage.governance import services as governance
from maillage.governance.models import Proposal, ProposalKind
from maillage.missions.models import MissionKind
from maillage.missions.selectors import visible_mission
from maillage.people.models import Role
from maillage.pricing import services
from maillage.pricing.access import (
    can_accept_quote,
    can_edit_charter,
    can_issue_quote,
    can_propose_charter,
    can_refuse_quote,
    charter_reader_territories,
    charters_readable_by,
)
from maillage.pricing.models import Charter, LevelBand, QuoteState
from maillage.pricing.pdf import quote_pdf
from maillage.pricing.presentation import segments
from maillage.pricing.selectors import visible_quote
from maillage.territory.models import Territory
from maillage.www.pricing.forms import CharterForm, QuoteForm, RefusalForm
from maillage.www.utils.access import allowed_or_403, allowed_or_404, found_or_404, role_required
from maillage.www.utils.forms import add_errors, report_invalid
from maillage.www.utils.requests import SignedInRequest


def _grid(charter: Charter):
    """Rows (kind label, [floor per band], preparation) of a charter for the template."""
    floors = {(r.kind, r.band): r.floor_hourly_gross for r in charter.rates.all()}
    preparation = {p.kind: p.hours_per_hour for p in charter.preparations.all()}
    return [
        (label, [floors.get((kind, band)) for band in LevelBand.values], preparation.get(kind))
        for kind, label in MissionKind.choices
    ]


#: Days the union college has to give its opinion on a charter proposal (its vote waits).
UNION_OPINION_DAYS = 14


@role_required(Role.COORDINATOR, Role.UNION_REP)
def charter_overview(request: SignedInRequest) -> HttpResponse:
    """The charter in force today on each territory the user reads, the upcoming versions
    apart, and the history."""
    today = timezone.localdate()
    territories = []
    for territory in charter_reader_territories(request.user).order_by("name"):
        versions = list(
            Charter.objects.filter(territory=territory)
            .prefetch_related("rates", "preparations")
            .order_by("-number")
        )
        in_force = services.charter_in_force(territory, on=today)
        upcoming = services.upcoming_charters(territory, on=today)
        by_pk = {c.pk: c for c in versions}  # the prefetched rows, for the grids
        in_force = by_pk.get(in_force.pk) if in_force else None
        upcoming = [by_pk[c.pk] for c in upcoming]
        territories.append(
            {
                "territory": territory,
                "in_force": in_force,
                "grid": _grid(in_force) if in_force else [],
                "upcoming": upcoming,
                "upcoming_grids": [(c, _grid(c)) for c in upcoming],
                "history": [(c, c.status_on(today)) for c in versions],
                "may_propose": can_propose_charter(request.user, territory),
            }
        )
    return render(
        request,
        "pricing/charter_overview.html",
        {"territories": territories, "bands": LevelBand.choices},
    )


@role_required(Role.COORDINATOR, Role.UNION_REP)
def charter_version(request: SignedInRequest, pk: int) -> HttpResponse:
    charter = found_or_404(charters_readable_by(request.user).filter(pk=pk).first())
    return render(
        request,
        "pricing/charter_version.html",
        {
            "charter": charter,
            "status": charter.status_on(timezone.localdate()),
            "grid": _grid(charter),
            "bands": LevelBand.choices,
        },
    )


@role_required(Role.COORDINATOR, Role.UNION_REP)
def charter_new(request: SignedInRequest, territory_id: int) -> HttpResponse:
    """Propose a new charter version, starting from the latest one (or the defaults): the
    proposal goes to the colleges' vote and, adopted, comes into force on its start date.

    The founding charter of a territory that has none yet is issued by its coordinator: there
    is nothing to price with before it, and the colleges vote every version after it.
    """
    territory = found_or_404(
        charter_reader_territories(request.user).filter(pk=territory_id).first()
    )
    founding = not Charter.objects.filter(territory=territory).exists()
    allowed_or_404(
        can_edit_charter(request.user, territory)
        if founding
        else can_propose_charter(request.user, territory)
    )
    current = services.charter_in_force(territory)
    today = timezone.localdate()
    terms = services.terms_of(current) if current else services.default_terms(today)
    initial = CharterForm.initial_from(terms)
    initial["starts_on"] = today
    if current is not None:  # the after-planning terms carry over from the version in force
        initial.update(CharterForm.after_planning_initial(current))
    form = CharterForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                terms = form.terms()
                created, _first = idempotency.once(
                    user=request.user,
                    key=idempotency.token_of(request.POST),
                    create=lambda: (
                        services.issue_charter(territory=territory, terms=terms, by=request.user)
                        if founding
                        else _propose_charter(request, territory, terms, today)
                    ),
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                # A double click replays the first answer, whichever path the first one took.
                if isinstance(created, Charter):
                    messages.success(request, _("The founding charter is issued."))
                    return redirect("pricing:charter_version", pk=created.pk)
                messages.success(
                    request,
                    _(
                        "The charter change is proposed. It comes into force on its start date "
                        "if the colleges adopt it."
                    ),
                )
                return redirect("governance:proposal_detail", pk=created.pk)
        messages.error(
            request,
            _("The charter could not be issued: please correct the errors.")
            if founding
            else _("The charter change could not be proposed: please correct the errors."),
        )
    return render(
        request,
        "pricing/charter_form.html",
        {
            "territory": territory,
            "current": current,
            "form": form,
            "founding": founding,
            "bands": LevelBand.choices,
            "smic": services.legal_minimum_on(today),
        },
        status=400 if request.method == "POST" else 200,
    )


def _propose_charter(
    request: SignedInRequest, territory: Territory, terms: services.CharterTerms, today: dt.date
) -> Proposal:
    """The proposal of a new charter version, to the colleges' vote."""
    latest = Charter.objects.filter(territory=territory).order_by("-number").first()
    return governance.create_proposal(
        territory=territory,
        kind=ProposalKind.CHARTER,
        title=_("New pricing charter from %(day)s")
        % {"day": date_format(terms.starts_on, "DATE_FORMAT")},
        text=terms.note or _("A new version of the pricing charter."),
        change=governance_changes.terms_as_change(terms, latest),
        union_opinion_due=today + dt.timedelta(days=UNION_OPINION_DAYS),
        by=request.user,
    )


@role_required(Role.COORDINATOR)
def quote_new(request: SignedInRequest, mission_id: int) -> HttpResponse:
    """Preview and issue a quote for a need of a coordinated territory."""
    mission = found_or_404(visible_mission(request.user, mission_id))
    allowed_or_404(can_issue_quote(request.user, mission))
    form = QuoteForm(request.POST or None)
    preview = preview_error = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                hourly_gross = form.cleaned_data["hourly_gross"]
                quote, _first = idempotency.once(
                    user=request.user,
                    key=idempotency.token_of(request.POST),
                    create=lambda: services.issue_quote(
                        mission=mission, by=request.user, hourly_gross=hourly_gross
                    ),
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The quote is issued; the buyer can now answer it."))
                return redirect("pricing:quote_detail", pk=quote.pk)
        status = 400
    try:
        preview = services.prepare_quote(mission=mission)
    except ValidationError as error:
        preview_error = " ".join(error.messages)
    return render(
        request,
        "pricing/quote_form.html",
        {
            "mission": mission,
            "form": form,
            "preview": preview,
            "band_label": LevelBand(preview.band).label if preview else "",
            "preview_error": preview_error,
            "quotes": mission.quotes.order_by("-number"),
        },
        status=status,
    )


def quote_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    quote = found_or_404(visible_quote(request.user, pk))
    may_answer = quote.state == QuoteState.ISSUED and can_accept_quote(request.user, quote)
    return render(
        request,
        "pricing/quote_detail.html",
        {
            "quote": quote,
            "mission": quote.mission,
            "segments": segments(quote),
            "may_answer": may_answer,
            "refusal_form": RefusalForm(),
            "is_coordinator": can_issue_quote(request.user, quote.mission),
            "transitions": quote.transitions.select_related("by"),
        },
    )


def quote_pdf_download(request: SignedInRequest, pk: int) -> HttpResponse:
    quote = found_or_404(visible_quote(request.user, pk))
    response = HttpResponse(quote_pdf(quote), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="maillage-quote-{quote.mission_id}-{quote.number}.pdf"'
    )
    return response


@require_POST
def quote_accept(request: SignedInRequest, pk: int) -> HttpResponse:
    quote = found_or_404(visible_quote(request.user, pk))
    allowed_or_403(can_accept_quote(request.user, quote))
    try:
        services.accept_quote(quote=quote, by=request.user)
    except IllegalTransition:
        messages.error(request, _("This quote can no longer be answered."))
    else:
        messages.success(request, _("You accepted the quote. The need will now be planned."))
    return redirect("pricing:quote_detail", pk=quote.pk)


@require_POST
def quote_refuse(request: SignedInRequest, pk: int) -> HttpResponse:
    quote = found_or_404(visible_quote(request.user, pk))
    allowed_or_403(can_refuse_quote(request.user, quote))
    form = RefusalForm(request.POST)
    if not form.is_valid():
        report_invalid(request, form)
        return redirect("pricing:quote_detail", pk=quote.pk)
    try:
        services.refuse_quote(quote=quote, by=request.user, reason=form.cleaned_data["reason"])
    except IllegalTransition:
        messages.error(request, _("This quote can no longer be answered."))
    else:
        messages.success(request, _("You refused the quote. The need is back to draft."))
    return redirect("pricing:quote_detail", pk=quote.pk)
