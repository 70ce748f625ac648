"""Employment pages: the worker's status comparison, the coordinator's contract proposals.

Access rules come from the domain (`people.access`, `employment.access`).
"""

from __future__ import annotations

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
from maillage.employment import labels, services
from maillage.employment.access import (
    can_manage_contract,
    can_propose_contract,
    comparison_worker,
    contract_proposals_visible_to,
    contract_territories,
)
from maillage.employment.lifecycle import (
    accept_contract,
    decline_contract,
    own_contract_proposals,
)
from maillage.employment.models import ContractProposal, ContractState
from maillage.employment.pdf import contract_pdf
from maillage.employment.selectors import visible_contract_proposal
from maillage.people.models import Role, WorkerProfile
from maillage.people.selectors import visible_worker
from maillage.www.employment.forms import (
    COORDINATOR_MOVES,
    ComparisonForm,
    ContractMoveForm,
    DeclineForm,
)
from maillage.www.utils.access import allowed_or_404, found_or_403, found_or_404, role_required
from maillage.www.utils.forms import report_invalid, report_refusal
from maillage.www.utils.requests import SignedInRequest


def _rights(column):
    return [
        {
            "code": right.code,
            "label": labels.RIGHT_LABELS[right.code],
            "granted": right.granted,
            "quantity": right.quantity,
            "unit": labels.UNIT_LABELS.get(right.unit, "") if right.unit else "",
            "explanation": labels.right_explanation(column.status, right.code, right.granted),
        }
        for right in column.rights
    ]


@role_required(Role.WORKER)
def comparison(request: SignedInRequest) -> HttpResponse:
    """Same budget, two statuses: salaried in the cooperative or micro-entrepreneur."""
    worker = found_or_403(comparison_worker(request.user))  # a worker without a profile yet
    defaults, planned = services.comparison_defaults(worker)
    initial = {"hours_per_week": defaults.hours_per_week, "hourly_budget": defaults.hourly_budget}
    form = ComparisonForm(request.GET or None, initial=initial)
    what_if = defaults
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        what_if = services.WhatIf(
            hours_per_week=data["hours_per_week"],
            hourly_budget=data["hourly_budget"],
            activity=data["activity"],
            versement_liberatoire=data["versement_liberatoire"],
        )
    result = None
    if not form.is_bound or form.is_valid():
        try:
            result = services.compare(what_if=what_if, year=timezone.localdate().year)
        except ValidationError as error:
            form.add_error(None, error)
    columns = []
    if result is not None:
        for column in (result.salaried, result.micro):
            columns.append(
                {
                    "status": column.status,
                    "label": labels.STATUS_LABELS[column.status],
                    "column": column,
                    "rights": _rights(column),
                }
            )
    return render(
        request,
        "employment/comparison.html",
        {
            "form": form,
            "planned": planned,
            "what_if": what_if,
            "result": result,
            "columns": columns,
            "notes": labels.NOTE_LABELS,
            "activity_label": labels.ACTIVITY_LABELS[what_if.activity],
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@role_required(Role.COORDINATOR)
def contracts(request: SignedInRequest) -> HttpResponse:
    """Workers whose published portfolio supports a permanent contract, and the proposals."""
    proposals = list(contract_proposals_visible_to(request.user).select_related("worker__user"))
    open_workers = {
        p.worker_id for p in proposals if p.state in (ContractState.PROPOSED, ContractState.ISSUED)
    }
    candidates = services.contract_candidates(contract_territories(request.user))
    return render(
        request,
        "employment/contracts.html",
        {
            "candidates": candidates,
            "open_workers": open_workers,
            "proposals": proposals,
            "threshold_hours": services.threshold_minutes() // 60,
        },
    )


def _coordinated_worker(request: SignedInRequest, worker_id: int) -> WorkerProfile:
    """A worker the user may propose a contract to; 404 for any other."""
    worker = found_or_404(visible_worker(request.user, worker_id))
    allowed_or_404(can_propose_contract(request.user, worker))
    return worker


def _coordinated_proposal(request: SignedInRequest, pk: int) -> ContractProposal:
    """A proposal the user follows as coordinator; 404 for any other."""
    proposal = found_or_404(visible_contract_proposal(request.user, pk))
    allowed_or_404(can_manage_contract(request.user, proposal))
    return proposal


@require_POST
@role_required(Role.COORDINATOR)
def contract_propose(request: SignedInRequest, worker_id: int) -> HttpResponse:
    worker = _coordinated_worker(request, worker_id)
    try:
        proposal, _first = idempotency.once(
            user=request.user,
            key=idempotency.token_of(request.POST),
            create=lambda: services.propose_contract(worker=worker, by=request.user),
        )
    except ValidationError as error:
        report_refusal(request, error)
        return redirect("employment:contracts")
    messages.success(request, _("The contract proposal is recorded."))
    return redirect("employment:contract_detail", pk=proposal.pk)


@role_required(Role.COORDINATOR)
def contract_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = _coordinated_proposal(request, pk)
    return render(
        request,
        "employment/contract_detail.html",
        {
            "proposal": proposal,
            "transitions": proposal.transitions.select_related("by"),
            "next_states": [
                (state, ContractState(state).label)
                for state in COORDINATOR_MOVES
                if proposal.can_transition(state)
            ],
        },
    )


@require_POST
@role_required(Role.COORDINATOR)
def contract_move(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = _coordinated_proposal(request, pk)
    form = ContractMoveForm(request.POST)
    if not form.is_valid():
        report_invalid(request, form)
        return redirect("employment:contract_detail", pk=proposal.pk)
    try:
        services.move_contract(
            proposal=proposal,
            to_state=form.cleaned_data["to_state"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except IllegalTransition:
        messages.error(request, _("This move is not possible from the current state."))
    else:
        messages.success(request, _("The contract proposal is updated."))
    return redirect("employment:contract_detail", pk=proposal.pk)


@role_required(Role.COORDINATOR)
def contract_pdf_download(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = _coordinated_proposal(request, pk)
    response = HttpResponse(contract_pdf(proposal), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="maillage-contract-{proposal.pk}.pdf"'
    return response


# The worker's own proposal ----------------------------------------------------------------


def _own_proposal(request: SignedInRequest, pk: int) -> ContractProposal:
    """A proposal issued to the signed-in worker, else 404 (another's is not revealed)."""
    return found_or_404(own_contract_proposals(request.user).filter(pk=pk).first())


@role_required(Role.WORKER)
def my_contract(request: SignedInRequest) -> HttpResponse:
    """The contract proposals issued to the worker: hours, pay, start date, what changes."""
    worker = found_or_403(comparison_worker(request.user))
    proposals = list(
        own_contract_proposals(request.user)
        .select_related("worker")
        .prefetch_related("transitions")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "employment/my_contract.html",
        {"worker": worker, "proposals": proposals, "decline_form": DeclineForm()},
    )


@require_POST
@role_required(Role.WORKER)
def my_contract_accept(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = _own_proposal(request, pk)
    try:
        accept_contract(proposal=proposal, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("You accepted the contract. You are an employee of the cooperative from %(day)s.")
            % {"day": date_format(proposal.start_date, "DATE_FORMAT")},
        )
    return redirect("employment:my_contract")


@require_POST
@role_required(Role.WORKER)
def my_contract_decline(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = _own_proposal(request, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        for message in form.errors.get("reason", []):
            messages.error(request, str(message))
        return redirect("employment:my_contract")
    try:
        decline_contract(proposal=proposal, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You declined the contract; the cooperative is told why."))
    return redirect("employment:my_contract")
