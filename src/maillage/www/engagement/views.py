"""Pages of unpaid engagement: offers, placements and the paid versus unpaid indicator."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from maillage.core import idempotency
from maillage.engagement import access, selectors
from maillage.engagement.models import Offer
from maillage.engagement.services import create_offer, place
from maillage.people.models import Role
from maillage.territory.models import Territory
from maillage.www.engagement.forms import OfferForm, PlacementForm
from maillage.www.utils.access import allowed_or_403, found_or_404, role_required
from maillage.www.utils.forms import add_errors
from maillage.www.utils.requests import SignedInRequest


@role_required(*access.VIEW_ROLES)
def home(request: SignedInRequest) -> HttpResponse:
    territories = list(access.territories_visible_to(request.user))
    if len(territories) == 1:
        return redirect("engagement:territory", slug=territories[0].slug)
    return render(request, "engagement/home.html", {"territories": territories})


def _page(request, territory: Territory, offer_form=None, placement_form=None, status=200):
    can_record = access.can_record(request.user, territory)
    offers = selectors.offers_of(territory)
    return render(
        request,
        "engagement/territory.html",
        {
            "territory": territory,
            "indicator": selectors.indicator(territory, coordinator=can_record),
            "can_record": can_record,
            "offers": list(offers) if can_record else [],
            "placements": list(selectors.placements_of(territory)) if can_record else [],
            "offer_form": offer_form or OfferForm(),
            "placement_form": placement_form
            or PlacementForm(territory=territory, offers=Offer.objects.filter(territory=territory)),
        },
        status=status,
    )


@role_required(*access.VIEW_ROLES)
def territory_page(request: SignedInRequest, slug: str) -> HttpResponse:
    territory = found_or_404(selectors.visible_territory(request.user, slug))
    return _page(request, territory)


@role_required(Role.COORDINATOR)
def offer_create(request: SignedInRequest, slug: str) -> HttpResponse:
    territory = found_or_404(selectors.visible_territory(request.user, slug))
    allowed_or_403(access.can_record(request.user, territory))
    if request.method != "POST":
        return redirect("engagement:territory", slug=slug)
    form = OfferForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            idempotency.once(
                user=request.user,
                key=idempotency.token_of(request.POST),
                create=lambda: create_offer(territory=territory, by=request.user, **data),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The offer is recorded."))
            return redirect("engagement:territory", slug=slug)
    messages.error(request, _("The offer could not be saved: please correct it."))
    return _page(request, territory, offer_form=form, status=400)


@role_required(Role.COORDINATOR)
def placement_create(request: SignedInRequest, slug: str) -> HttpResponse:
    territory = found_or_404(selectors.visible_territory(request.user, slug))
    allowed_or_403(access.can_record(request.user, territory))
    if request.method != "POST":
        return redirect("engagement:territory", slug=slug)
    form = PlacementForm(
        request.POST, territory=territory, offers=Offer.objects.filter(territory=territory)
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            idempotency.once(
                user=request.user,
                key=idempotency.token_of(request.POST),
                create=lambda: place(by=request.user, **data),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The placement is recorded."))
            return redirect("engagement:territory", slug=slug)
    messages.error(request, _("The placement could not be saved: please correct it."))
    return _page(request, territory, placement_form=form, status=400)
