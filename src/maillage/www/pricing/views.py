"""Pricing pages: the charter (coordinators), issuing a quote (coordinators), the quote
(buyers and coordinators) with its PDF, and the buyer's acceptance or refusal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.statemachine import IllegalTransition
from maillage.missions.models import MissionKind
from maillage.missions.selectors import get_visible_mission
from maillage.people.models import Role
from maillage.people.roles import buyer_organisations, coordinated_territories, has_role
from maillage.pricing import services
from maillage.pricing.models import Charter, LevelBand, Quote, QuoteState
from maillage.pricing.pdf import quote_pdf
from maillage.pricing.presentation import segments
from maillage.www.pricing.forms import CharterForm, QuoteForm, RefusalForm
from maillage.www.utils.access import role_required


def _coordinated_territory(request: HttpRequest, territory_id: int):
    territory = coordinated_territories(request.user).filter(pk=territory_id).first()
    if territory is None:
        raise Http404
    return territory


def _grid(charter: Charter):
    """Rows (kind label, [floor per band], preparation) of a charter for the template."""
    floors = {(r.kind, r.band): r.floor_hourly_gross for r in charter.rates.all()}
    preparation = {p.kind: p.hours_per_hour for p in charter.preparations.all()}
    return [
        (label, [floors.get((kind, band)) for band in LevelBand.values], preparation.get(kind))
        for kind, label in MissionKind.choices
    ]


def add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, field_errors in error.message_dict.items():
        for message in field_errors:
            form.add_error(field if field in form.fields else None, message)


@role_required(Role.COORDINATOR)
def charter_overview(request: HttpRequest) -> HttpResponse:
    """The charter in force today on each coordinated territory, the upcoming versions apart,
    and the history."""
    today = timezone.localdate()
    territories = []
    for territory in coordinated_territories(request.user).order_by("name"):
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
            }
        )
    return render(
        request,
        "pricing/charter_overview.html",
        {"territories": territories, "bands": LevelBand.choices},
    )


@role_required(Role.COORDINATOR)
def charter_version(request: HttpRequest, pk: int) -> HttpResponse:
    charter = get_object_or_404(Charter, pk=pk)
    _coordinated_territory(request, charter.territory_id)
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


@role_required(Role.COORDINATOR)
def charter_new(request: HttpRequest, territory_id: int) -> HttpResponse:
    """Issue a new charter version, starting from the one in force (or the defaults)."""
    territory = _coordinated_territory(request, territory_id)
    current = services.charter_in_force(territory)
    today = timezone.localdate()
    terms = services.terms_of(current) if current else services.default_terms(today)
    initial = CharterForm.initial_from(terms)
    initial["starts_on"] = today
    form = CharterForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                charter = services.issue_charter(
                    territory=territory, terms=form.terms(), by=request.user
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                if charter.starts_on > today:
                    messages.success(
                        request,
                        _("The new charter version is issued; it comes into force on %(day)s.")
                        % {"day": date_format(charter.starts_on, "DATE_FORMAT")},
                    )
                else:
                    messages.success(request, _("The new charter version is in force."))
                return redirect("pricing:charter_version", pk=charter.pk)
        messages.error(request, _("The charter could not be issued: please correct the errors."))
    return render(
        request,
        "pricing/charter_form.html",
        {
            "territory": territory,
            "current": current,
            "form": form,
            "bands": LevelBand.choices,
            "smic": services.legal_minimum_on(today),
        },
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.COORDINATOR)
def quote_new(request: HttpRequest, mission_id: int) -> HttpResponse:
    """Preview and issue a quote for a need of a coordinated territory."""
    mission = get_visible_mission(request.user, mission_id)
    if not coordinated_territories(request.user).filter(pk=mission.territory_id).exists():
        raise Http404
    form = QuoteForm(request.POST or None)
    preview = preview_error = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                quote = services.issue_quote(
                    mission=mission, by=request.user, hourly_gross=form.cleaned_data["hourly_gross"]
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
            "preview_error": preview_error,
            "quotes": mission.quotes.order_by("-number"),
        },
        status=status,
    )


def _visible_quote(request: HttpRequest, pk: int) -> Quote:
    quote = get_object_or_404(Quote.objects.select_related("charter", "mission"), pk=pk)
    get_visible_mission(request.user, quote.mission_id)  # 404 when the need is not visible
    return quote


def _may_answer(request: HttpRequest, quote: Quote) -> bool:
    return buyer_organisations(request.user).filter(pk=quote.mission.buyer_id).exists()


@login_required
def quote_detail(request: HttpRequest, pk: int) -> HttpResponse:
    quote = _visible_quote(request, pk)
    may_answer = _may_answer(request, quote) and quote.state == QuoteState.ISSUED
    return render(
        request,
        "pricing/quote_detail.html",
        {
            "quote": quote,
            "mission": quote.mission,
            "segments": segments(quote),
            "may_answer": may_answer,
            "refusal_form": RefusalForm(),
            "is_coordinator": has_role(request.user, Role.COORDINATOR),
            "transitions": quote.transitions.select_related("by"),
        },
    )


@login_required
def quote_pdf_download(request: HttpRequest, pk: int) -> HttpResponse:
    quote = _visible_quote(request, pk)
    response = HttpResponse(quote_pdf(quote), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="maillage-quote-{quote.mission_id}-{quote.number}.pdf"'
    )
    return response


@require_POST
@login_required
def quote_accept(request: HttpRequest, pk: int) -> HttpResponse:
    quote = _visible_quote(request, pk)
    if not _may_answer(request, quote):
        raise PermissionDenied
    try:
        services.accept_quote(quote=quote, by=request.user)
    except IllegalTransition:
        messages.error(request, _("This quote can no longer be answered."))
    else:
        messages.success(request, _("You accepted the quote. The need will now be planned."))
    return redirect("pricing:quote_detail", pk=quote.pk)


@require_POST
@login_required
def quote_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    quote = _visible_quote(request, pk)
    if not _may_answer(request, quote):
        raise PermissionDenied
    form = RefusalForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.refuse_quote(quote=quote, by=request.user, reason=reason)
    except IllegalTransition:
        messages.error(request, _("This quote can no longer be answered."))
    else:
        messages.success(request, _("You refused the quote. The need is back to draft."))
    return redirect("pricing:quote_detail", pk=quote.pk)
