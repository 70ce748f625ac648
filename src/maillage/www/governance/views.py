"""The steering's pages: proposals and their lifecycle, the union's opinion, the secret vote,
the colleges and their members, and the union's pay indicators."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core import idempotency
from maillage.governance import access, indicators, services
from maillage.governance.models import (
    College,
    CollegeKind,
    CollegeMembership,
    Participation,
    ProposalKind,
    ProposalState,
    UnionOpinion,
)
from maillage.governance.selectors import decisions_of, followed_territory, visible_proposal
from maillage.people.models import User
from maillage.pricing.services import charter_in_force
from maillage.www.governance.forms import (
    OpenVoteForm,
    OpinionForm,
    ProposalForm,
    SeatForm,
    VoteForm,
    WithdrawForm,
)
from maillage.www.utils.access import allowed_or_403, found_or_404
from maillage.www.utils.forms import report_invalid, report_refusal
from maillage.www.utils.requests import SignedInRequest


def index(request: SignedInRequest) -> HttpResponse:
    """The territories whose steering the user follows: colleges, proposals, decisions."""
    territories = []
    for territory in access.governance_territories(request.user).order_by("name"):
        statutes = services.statutes_in_force(territory)
        members = dict(
            CollegeMembership.objects.filter(territory=territory)
            .values_list("college__kind")
            .annotate(n=Count("pk"))
            .values_list("college__kind", "n")
        )
        weights = statutes.weights if statutes else {}
        territories.append(
            {
                "territory": territory,
                "statutes": statutes,
                "colleges": [
                    (CollegeKind(kind).label, weight / 100, members.get(kind, 0))
                    for kind, weight in weights.items()
                ],
                "seat": services.seat_of(request.user, territory),
                "proposals": list(
                    territory.proposals.exclude(state=ProposalState.WITHDRAWN).order_by(
                        "-created_at", "-pk"
                    )[:50]
                ),
                "may_propose": access.can_propose(request.user, territory),
                "may_seat": access.can_seat_members(request.user, territory),
                "reads_pay": access.pay_indicator_territories(request.user)
                .filter(pk=territory.pk)
                .exists(),
            }
        )
    return render(request, "governance/index.html", {"territories": territories})


def proposal_new(request: SignedInRequest, territory_id: int) -> HttpResponse:
    """Put a text, fee or weights proposal on the agenda (coordinators, union reps)."""
    territory = found_or_404(followed_territory(request.user, territory_id))
    allowed_or_403(access.can_propose(request.user, territory))
    form = ProposalForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                proposal, _first = idempotency.once(
                    user=request.user,
                    key=idempotency.token_of(request.POST),
                    create=lambda: services.create_proposal(
                        territory=territory,
                        kind=data["kind"],
                        title=data["title"],
                        text=data["text"],
                        change=form.change(),
                        union_opinion_due=data.get("union_opinion_due"),
                        by=request.user,
                    ),
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("The proposal is on the agenda, as a draft."))
                return redirect("governance:proposal_detail", pk=proposal.pk)
        messages.error(request, _("The proposal could not be saved: please correct the errors."))
    return render(
        request,
        "governance/proposal_form.html",
        {"territory": territory, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def proposal_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = found_or_404(visible_proposal(request.user, pk))
    user = request.user
    seat = services.seat_of(user, proposal.territory)
    now = timezone.now()
    window_open = (
        proposal.state == ProposalState.VOTING
        and proposal.voting_opens_at is not None
        and proposal.voting_closes_at is not None
        and proposal.voting_opens_at <= now < proposal.voting_closes_at
    )
    has_voted = Participation.objects.filter(proposal=proposal, user=user).exists()
    opinion = UnionOpinion.objects.filter(proposal=proposal).select_related("recorded_by").first()
    decision = (
        getattr(proposal, "decision", None)
        if proposal.state
        in (
            ProposalState.ADOPTED,
            ProposalState.REJECTED,
        )
        else None
    )
    change = proposal.change or {}
    return render(
        request,
        "governance/proposal_detail.html",
        {
            "proposal": proposal,
            "change_json": json.dumps(change, indent=2, ensure_ascii=False) if change else "",
            "transitions": [
                (move, _state_label(move.to_state))
                for move in proposal.transitions.select_related("by")
            ],
            "opinion": opinion,
            "waits_for_union": services.waits_for_union(proposal),
            "decision": decision,
            "colleges": _tally_rows(decision.tally) if decision else [],
            "seat": seat,
            "has_voted": has_voted,
            "may_vote": window_open and seat is not None and not has_voted,
            "may_run": access.can_run(user, proposal),
            "may_withdraw": access.can_withdraw(user, proposal)
            and proposal.can_transition(ProposalState.WITHDRAWN),
            "may_record_opinion": opinion is None
            and proposal.state in (ProposalState.DRAFT, ProposalState.DISCUSSION)
            and access.can_record_opinion(user, proposal),
            "may_close": access.can_run(user, proposal)
            and proposal.state == ProposalState.VOTING
            and proposal.voting_closes_at is not None
            and proposal.voting_closes_at <= now,
            "participants": Participation.objects.filter(proposal=proposal).count(),
            "vote_form": VoteForm(),
            "opinion_form": OpinionForm(),
            "open_form": OpenVoteForm(),
            "withdraw_form": WithdrawForm(),
            "is_charter": proposal.kind in (ProposalKind.CHARTER, ProposalKind.FEE),
        },
    )


def _state_label(state: str) -> str:
    return str(ProposalState(state).label) if state in ProposalState.values else state


def _tally_rows(tally: dict) -> list[dict]:
    rows = []
    for college in tally.get("colleges", []):
        rows.append(
            {
                **college,
                "label": CollegeKind(college["kind"]).label,
                "weight": college["weight_bp"] / 100,
            }
        )
    return rows


@require_POST
def proposal_discuss(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = found_or_404(visible_proposal(request.user, pk))
    allowed_or_403(access.can_run(request.user, proposal))
    try:
        services.start_discussion(proposal=proposal, by=request.user)
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("The discussion is open."))
    return redirect("governance:proposal_detail", pk=proposal.pk)


@require_POST
def proposal_open_vote(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = found_or_404(visible_proposal(request.user, pk))
    allowed_or_403(access.can_run(request.user, proposal))
    form = OpenVoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid closing date and time."))
        return redirect("governance:proposal_detail", pk=proposal.pk)
    try:
        services.open_vote(
            proposal=proposal, closes_at=form.cleaned_data["closes_at"], by=request.user
        )
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("The vote is open."))
    return redirect("governance:proposal_detail", pk=proposal.pk)


@require_POST
def proposal_withdraw(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = found_or_404(visible_proposal(request.user, pk))
    allowed_or_403(access.can_withdraw(request.user, proposal))
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        report_invalid(request, form)
        return redirect("governance:proposal_detail", pk=proposal.pk)
    try:
        services.withdraw(proposal=proposal, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("The proposal is withdrawn."))
    return redirect("governance:proposal_detail", pk=proposal.pk)


@require_POST
def proposal_opinion(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = found_or_404(visible_proposal(request.user, pk))
    allowed_or_403(access.can_record_opinion(request.user, proposal))
    form = OpinionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a position and write the opinion."))
        return redirect("governance:proposal_detail", pk=proposal.pk)
    try:
        services.record_union_opinion(
            proposal=proposal,
            position=form.cleaned_data["position"],
            text=form.cleaned_data["text"],
            by=request.user,
        )
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("The union college's opinion is recorded."))
    return redirect("governance:proposal_detail", pk=proposal.pk)


@require_POST
def proposal_vote(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = found_or_404(visible_proposal(request.user, pk))
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose for, against or abstain."))
        return redirect("governance:proposal_detail", pk=proposal.pk)
    try:
        services.cast_vote(proposal=proposal, user=request.user, choice=form.cleaned_data["choice"])
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("Your vote is recorded. It is secret: nobody can see it."))
    return redirect("governance:proposal_detail", pk=proposal.pk)


@require_POST
def proposal_close(request: SignedInRequest, pk: int) -> HttpResponse:
    """Close a vote whose window has ended (beat does it too, every few minutes)."""
    proposal = found_or_404(visible_proposal(request.user, pk))
    allowed_or_403(access.can_run(request.user, proposal))
    try:
        services.close_vote(proposal=proposal)
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("The vote is closed and its decision recorded."))
    return redirect("governance:proposal_detail", pk=proposal.pk)


def members(request: SignedInRequest, territory_id: int) -> HttpResponse:
    """The colleges' members of a territory; its coordinators seat new ones."""
    territory = found_or_404(followed_territory(request.user, territory_id))
    allowed_or_403(access.can_seat_members(request.user, territory))
    form = SeatForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            user = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
            college = College.objects.filter(
                territory=territory, kind=form.cleaned_data["college"]
            ).first()
            if user is None:
                form.add_error("email", _("Nobody has an account with this address."))
            elif college is None:
                form.add_error("college", _("The statutes of this territory have no such college."))
            else:
                try:
                    services.join_college(user=user, college=college, by=request.user)
                except ValidationError as error:
                    form.add_error(None, error.messages[0])
                else:
                    messages.success(request, _("The member is seated in the college."))
                    return redirect("governance:members", territory_id=territory.pk)
    seats = (
        CollegeMembership.objects.filter(territory=territory)
        .select_related("college", "user")
        .order_by("college__kind", "user__last_name", "user__email")
    )
    return render(
        request,
        "governance/members.html",
        {"territory": territory, "seats": seats, "form": form},
        status=status,
    )


def pay_indicators(request: SignedInRequest, territory_id: int) -> HttpResponse:
    """The union's aggregated pay figures: floors against actual pay, share to pay, 24 h."""
    territory = found_or_404(followed_territory(request.user, territory_id))
    allowed_or_403(access.pay_indicator_territories(request.user).filter(pk=territory.pk).exists())
    return render(
        request,
        "governance/pay.html",
        {
            "territory": territory,
            "charter": charter_in_force(territory),
            "bands": indicators.pay_by_band(territory),
            "payroll": indicators.actual_pay(territory),
            "headline": indicators.headline(territory),
            "decisions": decisions_of(territory)[:10],
        },
    )
