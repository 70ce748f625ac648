"""Pages of accounts: one's account, onboarding (organisation, invitations, roles, territory,
worker profile and its approval). Each page checks, calls one service, renders."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.forms import ChoiceField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.accounts import access, gdpr, services
from maillage.accounts.errors import AccountsError
from maillage.accounts.mfa import may_use_two_factor
from maillage.accounts.models import InvitationState, ProfileReviewState
from maillage.core import idempotency
from maillage.people.models import Membership, Organisation, Role, WorkerProfile
from maillage.people.roles import buyer_organisations, coordinated_territories, roles_of
from maillage.territory.models import Territory
from maillage.www.accounts import forms
from maillage.www.utils.forms import report_invalid
from maillage.www.utils.requests import SignedInRequest


def account_home(request: SignedInRequest) -> HttpResponse:
    """Links to everything about one's own account: address, password, sessions, data."""
    return render(
        request,
        "accounts/home.html",
        {"two_factor": may_use_two_factor(request.user)},
    )


def start(request: SignedInRequest) -> HttpResponse:
    """Where a new account starts: register an organisation, complete a worker profile."""
    roles = roles_of(request.user)
    return render(
        request,
        "accounts/start.html",
        {
            "is_worker": Role.WORKER in roles,
            "may_invite": bool(roles & {Role.BUYER_MEMBER, Role.COORDINATOR, Role.ADMIN}),
            "coordinates": bool(roles & {Role.COORDINATOR, Role.ADMIN}),
        },
    )


def organisation_register(request: SignedInRequest) -> HttpResponse:
    form = forms.OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation, _first = idempotency.once(
                user=request.user,
                key=idempotency.token_of(request.POST),
                create=lambda: services.register_organisation(
                    user=request.user, **form.cleaned_data
                ),
            )
        except AccountsError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("%(name)s is registered; you are its member.") % {"name": organisation}
            )
            return redirect("accounts:invitations")
    return render(request, "accounts/organisation_form.html", {"form": form})


def _invitation_form(request: SignedInRequest, data=None) -> forms.InvitationForm:
    user = request.user
    organisations = list(buyer_organisations(user))
    territories = list(coordinated_territories(user))
    organisations += list(Organisation.objects.filter(territory__in=territories))
    roles = forms.INVITABLE_ROLES if territories else forms.INVITABLE_ROLES[:1]
    return forms.InvitationForm(
        data,
        scopes=forms.scope_choices(dict.fromkeys(organisations), territories),
        roles=roles,
    )


def invitations(request: SignedInRequest) -> HttpResponse:
    """Invite a colleague (buyers) or a worker, buyer, union rep (coordinators); list them."""
    form = _invitation_form(request, request.POST or None)
    if not cast(ChoiceField, form.fields["scope"]).choices:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        scope = form.cleaned_data["scope"]
        organisation = (
            Organisation.objects.filter(pk=scope[1:]).first() if scope[0] == "o" else None
        )
        territory = Territory.objects.filter(pk=scope[1:]).first() if scope[0] == "t" else None
        try:
            idempotency.once(
                user=request.user,
                key=idempotency.token_of(request.POST),
                create=lambda: services.invite(
                    by=request.user,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    organisation=organisation,
                    territory=territory or (organisation.territory if organisation else None),
                )[0],
            )
        except AccountsError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The invitation is sent."))
            return redirect("accounts:invitations")
    listed = access.invitations_visible_to(request.user).select_related(
        "organisation", "territory", "invited_by"
    )[:200]
    return render(request, "accounts/invitations.html", {"form": form, "invitations": listed})


@require_POST
def invitation_revoke(request: SignedInRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(access.invitations_visible_to(request.user), pk=pk)
    try:
        services.revoke_invitation(invitation=invitation, by=request.user)
    except AccountsError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The invitation is revoked."))
    return redirect("accounts:invitations")


@login_not_required
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link of an invitation: accept it (signed in) or create the account to accept it."""
    found = services.find_invitation(token)
    if found is None:
        raise Http404
    pending = found.state == InvitationState.PENDING
    form = forms.JoinForm(request.POST or None)
    if request.method == "POST" and pending:
        try:
            if request.user.is_authenticated:
                services.accept_invitation(invitation=found, user=request.user)
                user = request.user
            elif form.is_valid():
                user = services.join_by_invitation(invitation=found, **form.cleaned_data)
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            else:
                user = None
        except AccountsError as error:
            messages.error(request, error.message)
        else:
            if user is not None:
                messages.success(request, _("Welcome: your role is active."))
                return redirect("home:role_home")
    return render(
        request,
        "accounts/invitation.html",
        {
            "invitation": found,
            "pending": pending,
            "form": form,
            "login_url": f"{reverse('home:login')}?next={request.path}",
        },
    )


def roles(request: SignedInRequest) -> HttpResponse:
    """The roles the user may withdraw (colleagues, people of their territories)."""
    memberships = access.memberships_manageable_by(request.user).order_by(
        "role", "user__last_name", "pk"
    )[:500]
    if not memberships and not roles_of(request.user) & {Role.BUYER_MEMBER, Role.COORDINATOR}:
        raise PermissionDenied
    return render(request, "accounts/roles.html", {"memberships": memberships})


@require_POST
def role_withdraw(request: SignedInRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(access.memberships_manageable_by(request.user), pk=pk)
    try:
        services.withdraw_role(membership=membership, by=request.user)
    except AccountsError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The role is withdrawn."))
    return redirect("accounts:roles")


def territory_create(request: SignedInRequest) -> HttpResponse:
    if not access.may_create_territory(request.user):
        raise PermissionDenied
    form = forms.TerritoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            territory, _first = idempotency.once(
                user=request.user,
                key=idempotency.token_of(request.POST),
                create=lambda: services.create_territory(by=request.user, **form.cleaned_data),
            )
        except AccountsError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is open (%(count)s communes); you coordinate it.")
                % {"name": territory, "count": territory.communes.count()},
            )
            return redirect("accounts:invitations")
    return render(request, "accounts/territory_form.html", {"form": form})


def worker_profile(request: SignedInRequest) -> HttpResponse:
    """A worker's profile step by step: where, hours, availability and skills, then submit."""
    membership = (
        Membership.objects.filter(user=request.user, role=Role.WORKER)
        .select_related("territory")
        .first()
    )
    if membership is None or membership.territory is None:
        raise PermissionDenied
    territory = membership.territory
    profile = WorkerProfile.objects.filter(user=request.user).select_related("home_commune").first()
    step = request.POST.get("step", "")
    where = forms.WorkerWhereForm(
        request.POST if step == "where" else None,
        initial={
            "home_commune": profile.home_commune.insee_code if profile else "",
            "travel_mode": profile.travel_mode if profile else "car",
            "max_km": profile.max_km if profile else 20,
        },
    )
    hours = forms.WorkerHoursForm(
        request.POST if step == "hours" else None,
        initial={
            "wished_hours": (profile.wished_weekly_minutes // 60) if profile else 24,
            "max_hours": (profile.max_weekly_minutes // 60) if profile else 35,
        },
    )
    if request.method == "POST":
        try:
            if step == "where" and where.is_valid():
                services.save_worker_profile(
                    user=request.user,
                    territory=territory,
                    wished_weekly_minutes=profile.wished_weekly_minutes if profile else 24 * 60,
                    max_weekly_minutes=profile.max_weekly_minutes if profile else 35 * 60,
                    **where.cleaned_data,
                )
                return redirect("accounts:worker_profile")
            if step == "hours" and profile and hours.is_valid():
                services.save_worker_profile(
                    user=request.user,
                    territory=territory,
                    home_commune=profile.home_commune,
                    travel_mode=profile.travel_mode,
                    max_km=profile.max_km,
                    wished_weekly_minutes=hours.cleaned_data["wished_hours"] * 60,
                    max_weekly_minutes=hours.cleaned_data["max_hours"] * 60,
                )
                return redirect("accounts:worker_profile")
            if step == "submit" and profile:
                services.submit_profile(profile=profile, by=request.user)
                messages.success(request, _("Your profile is sent to a coordinator."))
                return redirect("accounts:worker_profile")
        except AccountsError as error:
            messages.error(request, error.message)
    review = getattr(profile, "review", None) if profile else None
    return render(
        request,
        "accounts/worker_profile.html",
        {
            "territory": territory,
            "profile": profile,
            "where": where,
            "hours": hours,
            "review": review,
            "availability_count": profile.availability.count() if profile else 0,
            "skills_count": profile.skills.count() if profile else 0,
        },
    )


def profile_reviews(request: SignedInRequest) -> HttpResponse:
    """Coordinators: the worker profiles waiting for approval on their territories."""
    if not roles_of(request.user) & {Role.COORDINATOR, Role.ADMIN}:
        raise PermissionDenied
    reviews = (
        access.reviews_visible_to(request.user)
        .filter(state=ProfileReviewState.SUBMITTED)
        .prefetch_related(Prefetch("profile__availability"))
        .order_by("updated_at", "pk")[:200]
    )
    return render(
        request, "accounts/profile_reviews.html", {"reviews": reviews, "form": forms.ReasonForm()}
    )


@require_POST
def profile_decide(request: SignedInRequest, pk: int, decision: str) -> HttpResponse:
    if decision not in {"approve", "return"}:
        raise Http404
    review = get_object_or_404(access.reviews_visible_to(request.user), pk=pk)
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        report_invalid(request, form)
        return redirect("accounts:profile_reviews")
    try:
        services.decide_profile(
            review=review,
            by=request.user,
            approve=decision == "approve",
            reason=form.cleaned_data["reason"],
        )
    except AccountsError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The decision is recorded."))
    return redirect("accounts:profile_reviews")


def my_data(request: SignedInRequest) -> HttpResponse:
    """Download one's data, read its summary, ask for erasure."""
    return render(request, "accounts/my_data.html", {"form": forms.ErasureForm()})


def data_json(request: SignedInRequest) -> HttpResponse:
    response = HttpResponse(
        gdpr.export_json(request.user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="maillage-my-data.json"'
    return response


def data_summary(request: SignedInRequest) -> HttpResponse:
    """The same data as the JSON, to read: one table per kind of record."""
    data = gdpr.export_data(request.user)
    sections = [
        {"label": label, "columns": list(rows[0]), "rows": [list(r.values()) for r in rows]}
        for label, rows in data["records"].items()
    ]
    return render(
        request,
        "accounts/data_summary.html",
        {
            "sections": sections,
            "acts": sorted(data["acts"].items()),
            "data": data,
            # The export writes ISO 8601 for machines; the page says when, in the reader's words.
            "made_at": dt.datetime.fromisoformat(data["generated_at"]),
        },
    )


@require_POST
def erase(request: SignedInRequest) -> HttpResponse:
    """Erase one's own account, after the password and a confirmation; then sign out."""
    form = forms.ErasureForm(request.POST)
    if not form.is_valid() or not request.user.check_password(form.cleaned_data["password"]):
        messages.error(request, _("The erasure needs your password and your confirmation."))
        return redirect("accounts:my_data")
    erasure = gdpr.erase_person(user=request.user, by=request.user)
    logout(request)
    return render(request, "accounts/erased.html", {"report": erasure.report})
