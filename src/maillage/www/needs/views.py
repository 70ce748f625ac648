"""Needs: a buyer's list, the new-need form, a need's detail."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core import idempotency
from maillage.missions.access import missions_bought_by
from maillage.missions.selectors import visible_mission
from maillage.missions.services import create_need
from maillage.people.access import organisations_buying_for
from maillage.people.models import Role
from maillage.www.needs.forms import (
    ExcludedFormSet,
    NeedForm,
    SkillFormSet,
    SlotFormSet,
    WindowFormSet,
    need_description,
)
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
        missions_bought_by(request.user)
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
    territory = buyer.territory
    data = request.POST if request.method == "POST" else None
    form = NeedForm(data, territory=territory, prefix="need")
    skills = SkillFormSet(data, prefix="skills")
    slots = SlotFormSet(data, prefix="slots")
    windows = WindowFormSet(data, prefix="windows")
    excluded = ExcludedFormSet(data, prefix="excluded")
    section_errors: dict[str, list[str]] = {}
    if request.method == "POST":
        parts: list[forms.BaseForm | forms.BaseFormSet] = [form, skills, slots, windows, excluded]
        if all(part.is_valid() for part in parts):
            need = need_description(form, skills, slots, windows, excluded)
            try:
                mission, _first = idempotency.once(
                    user=request.user,
                    key=idempotency.token_of(request.POST),
                    create=lambda: create_need(
                        buyer=buyer, created_by=request.user, need=need, today=timezone.localdate()
                    ),
                )
            except ValidationError as error:
                add_errors(form, error, section_errors, renamed=NEED_FIELDS_IN_HOURS)
            else:
                messages.success(request, _("Your need is saved as a draft."))
                return redirect("needs:detail", pk=mission.pk)
        messages.error(request, _("The need could not be saved: please correct the errors."))
    return render(
        request,
        "needs/form.html",
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
        },
    )
