"""Needs: a buyer's list, the new-need form, a need's detail."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.absences.access import can_cancel_need
from maillage.absences.services import CANCELLABLE_NEED_STATES
from maillage.core import idempotency
from maillage.missions.access import can_change_need, missions_bought_by
from maillage.missions.lifecycle import (
    duplicate_need,
    next_term_description,
    not_editable_message,
    request_quote,
    update_need,
)
from maillage.missions.models import Mission, with_quote_request
from maillage.missions.selectors import visible_mission
from maillage.missions.services import NeedDescription, create_need, describe
from maillage.people.access import organisations_buying_for
from maillage.people.models import Role
from maillage.www.needs.forms import NeedFormParts, need_initial
from maillage.www.utils.access import allowed_or_403, found_or_404, role_required
from maillage.www.utils.forms import add_errors
from maillage.www.utils.pagination import page_of, searched
from maillage.www.utils.requests import SignedInRequest

# The service counts minutes; the form asks for hours: its errors show at the hours field.
NEED_FIELDS_IN_HOURS = {
    "flexible_weekly_minutes": "flexible_weekly_hours",
    "flexible_min_block_minutes": "flexible_min_block_hours",
}


@role_required(Role.BUYER_MEMBER, Role.GROUP_MANAGER)
def buyer_home(request: SignedInRequest) -> HttpResponse:
    organisations = organisations_buying_for(request.user)
    needs = (
        with_quote_request(missions_bought_by(request.user))
        .select_related("buyer", "commune", "third_place")
        .prefetch_related("slots", "skills__skill")
        .order_by("-created_at", "-pk")
    )
    query = request.GET.get("q", "").strip()
    if query:
        needs = searched(needs, query, "title", "buyer__name")
    return render(
        request,
        "needs/list.html",
        {"organisations": organisations, "needs": page_of(request, needs), "query": query},
    )


def _created_once(
    request: SignedInRequest,
    parts: NeedFormParts,
    section_errors: dict[str, list[str]],
    create: Callable[[NeedDescription], Mission],
) -> Mission | None:
    """The need created from a valid form, once per form token (a double click gives back the
    first one); None, with the errors on the form and a message, when it cannot be saved."""
    if parts.is_valid():
        need = parts.description()
        try:
            mission, _first = idempotency.once(
                user=request.user,
                key=idempotency.token_of(request.POST),
                create=lambda: create(need),
            )
        except ValidationError as error:
            add_errors(parts.form, error, section_errors, renamed=NEED_FIELDS_IN_HOURS)
        else:
            return mission
    messages.error(request, _("The need could not be saved: please correct the errors."))
    return None


@role_required(Role.BUYER_MEMBER, Role.GROUP_MANAGER)
def need_create(request: SignedInRequest) -> HttpResponse:
    organisations = list(organisations_buying_for(request.user))
    allowed_or_403(bool(organisations))
    wanted = request.POST.get("buyer") or request.GET.get("buyer")
    if wanted:  # a buyer named in the request must be one the user buys for
        named = [o for o in organisations if str(o.pk) == wanted]
        allowed_or_403(bool(named))
        buyer = named[0]
    else:
        buyer = organisations[0]
    data = request.POST if request.method == "POST" else None
    parts = NeedFormParts(data, territory=buyer.territory)
    section_errors: dict[str, list[str]] = {}
    if request.method == "POST":
        mission = _created_once(
            request,
            parts,
            section_errors,
            lambda need: create_need(
                buyer=buyer, created_by=request.user, need=need, today=timezone.localdate()
            ),
        )
        if mission is not None:
            messages.success(request, _("Your need is saved as a draft."))
            return redirect("needs:detail", pk=mission.pk)
    return render(
        request,
        "needs/form.html",
        {
            **parts.context(),
            "section_errors": section_errors,
            "buyer": buyer,
            "organisations": organisations,
            "mode": "create",
        },
        status=400 if request.method == "POST" else 200,
    )


def _own_need(request: SignedInRequest, pk: int) -> Mission:
    """A need the user may see (else 404) and change as its buyer (else 403)."""
    mission = found_or_404(visible_mission(request.user, pk))
    allowed_or_403(can_change_need(request.user, mission))
    return mission


@role_required(Role.BUYER_MEMBER, Role.GROUP_MANAGER)
def need_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    """Change a draft need; a priced or later need is refused with what to do instead."""
    mission = _own_need(request, pk)
    if not mission.is_editable:
        messages.error(request, not_editable_message(mission))
        return redirect("needs:detail", pk=mission.pk)
    data = request.POST if request.method == "POST" else None
    parts = NeedFormParts(
        data, territory=mission.territory, initial=need_initial(describe(mission))
    )
    section_errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if parts.is_valid():
            try:
                update_need(
                    mission=mission,
                    by=request.user,
                    need=parts.description(),
                    today=timezone.localdate(),
                )
            except ValidationError as error:
                if not hasattr(error, "error_dict"):  # no longer a draft (changed meanwhile)
                    messages.error(request, " ".join(error.messages))
                    return redirect("needs:detail", pk=mission.pk)
                add_errors(parts.form, error, section_errors, renamed=NEED_FIELDS_IN_HOURS)
            else:
                messages.success(request, _("The need is changed."))
                return redirect("needs:detail", pk=mission.pk)
        messages.error(request, _("The need could not be saved: please correct the errors."))
    return render(
        request,
        "needs/form.html",
        {
            **parts.context(),
            "section_errors": section_errors,
            "buyer": mission.buyer,
            "organisations": [],
            "mission": mission,
            "mode": "edit",
        },
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.BUYER_MEMBER, Role.GROUP_MANAGER)
def need_duplicate(request: SignedInRequest, pk: int) -> HttpResponse:
    """A copy of a need for the next term, on a form pre-filled with the shifted dates."""
    mission = _own_need(request, pk)
    data = request.POST if request.method == "POST" else None
    parts = NeedFormParts(
        data, territory=mission.territory, initial=need_initial(next_term_description(mission))
    )
    section_errors: dict[str, list[str]] = {}
    if request.method == "POST":
        copy = _created_once(
            request,
            parts,
            section_errors,
            lambda need: duplicate_need(
                mission=mission, by=request.user, need=need, today=timezone.localdate()
            ),
        )
        if copy is not None:
            messages.success(request, _("The copy is saved as a draft."))
            return redirect("needs:detail", pk=copy.pk)
    return render(
        request,
        "needs/form.html",
        {
            **parts.context(),
            "section_errors": section_errors,
            "buyer": mission.buyer,
            "organisations": [],
            "mission": mission,
            "mode": "duplicate",
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@role_required(Role.BUYER_MEMBER, Role.GROUP_MANAGER)
def need_request_quote(request: SignedInRequest, pk: int) -> HttpResponse:
    """Submit a draft for pricing; the coordinators are told and issue the quote."""
    mission = _own_need(request, pk)
    try:
        request_quote(mission=mission, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The quote is requested: the cooperative prices the need and tells you.")
        )
    return redirect("needs:detail", pk=mission.pk)


def need_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    mission = found_or_404(visible_mission(request.user, pk))
    return render(
        request,
        "needs/detail.html",
        {
            "mission": mission,
            "required_skills": mission.skills.select_related("skill"),
            "slots": mission.slots.all(),
            "windows": mission.windows.all(),
            "excluded": mission.excluded_periods.all(),
            "transitions": mission.transitions.select_related("by"),
            "can_change": can_change_need(request.user, mission),
            # Cancelling a need under way follows the charter's notice (maillage.absences).
            "can_cancel": mission.state in CANCELLABLE_NEED_STATES
            and can_cancel_need(request.user, mission),
        },
    )
