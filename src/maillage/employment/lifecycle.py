"""The worker's answer to a contract proposal, and the start of their employment.

A proposal issued to the worker is theirs to accept (it becomes signed) or decline (with a
reason). Once signed, the worker is an employee of the carrier structure from the contract's
start date: their status changes that day (at once if the day has come, else by the daily
task), and the payroll of every month from then on counts them (``employees_on``).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.employment.models import ContractProposal, ContractState
from maillage.missions.access import coordinators_of
from maillage.notifications.kinds import Kind
from maillage.notifications.services import notify
from maillage.people.models import User, WorkerProfile, WorkerStatus
from maillage.territory.models import Territory

#: How the worker's status reads once the contract has started.
EMPLOYEE = WorkerStatus.COOPERATIVE_EMPLOYEE


def can_answer_contract(user: User, proposal: ContractProposal) -> bool:
    """Only the worker the proposal is made to answers it."""
    return user.is_authenticated and proposal.worker.user_id == user.pk


def own_contract_proposals(user: User) -> QuerySet[ContractProposal]:
    """The proposals issued to the user as a worker (a proposal not yet issued is not shown)."""
    if not user.is_authenticated:
        return ContractProposal.objects.none()
    return ContractProposal.objects.filter(worker__user=user).exclude(state=ContractState.PROPOSED)


def _answerable(proposal: ContractProposal, by: User) -> ContractProposal:
    """The locked proposal, if it is the worker's and still waits for their answer."""
    if not can_answer_contract(by, proposal):
        raise PermissionDenied(_("Only the worker the contract is proposed to answers it."))
    locked = (
        ContractProposal.objects.select_for_update().select_related("worker").get(pk=proposal.pk)
    )
    if locked.state == ContractState.SIGNED:
        raise ValidationError(_("You already accepted this contract."))
    if locked.state == ContractState.DECLINED:
        raise ValidationError(_("You already declined this contract."))
    if locked.state == ContractState.WITHDRAWN:
        raise ValidationError(_("This proposal was withdrawn by the cooperative."))
    if locked.state != ContractState.ISSUED:
        raise ValidationError(_("This proposal is not issued to you yet."))
    return locked


def start_employment_if_due(proposal: ContractProposal, *, today: dt.date) -> bool:
    """From the start date of a signed contract, the worker is an employee (once)."""
    if (
        proposal.state != ContractState.SIGNED
        or proposal.employment_started_at is not None
        or proposal.start_date > today
    ):
        return False
    worker = WorkerProfile.objects.select_for_update().get(pk=proposal.worker_id)
    if worker.status != EMPLOYEE:
        worker.status = EMPLOYEE
        worker.save(update_fields=["status", "updated_at"])
    proposal.employment_started_at = timezone.now()
    proposal.save(update_fields=["employment_started_at", "updated_at"])
    return True


def accept_contract(
    *, proposal: ContractProposal, by: User, today: dt.date | None = None
) -> ContractProposal:
    """The worker accepts: the proposal is signed, the coordinators are told, and the worker
    becomes an employee on the start date."""
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _answerable(proposal, by)
        locked.transition(ContractState.SIGNED, by=by, reason=_("Accepted by the worker."))
        start_employment_if_due(locked, today=today)
        notify(
            recipients=coordinators_of(locked.worker.territory_id),
            kind=Kind.CONTRACT_ACCEPTED,
            params={"worker": by.get_full_name() or str(by)},
            url=reverse("employment:contract_detail", args=[locked.pk]),
        )
    return locked


def decline_contract(*, proposal: ContractProposal, by: User, reason: str) -> ContractProposal:
    """The worker declines, saying why (the coordinators read it in the proposal's history)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why you decline the contract.")})
    with transaction.atomic():
        locked = _answerable(proposal, by)
        locked.transition(ContractState.DECLINED, by=by, reason=reason.strip())
    return locked


def start_due_employments(*, today: dt.date | None = None) -> int:
    """Signed contracts whose start date has come make their worker an employee (daily)."""
    today = today or timezone.localdate()
    started = 0
    due = ContractProposal.objects.filter(
        state=ContractState.SIGNED, employment_started_at__isnull=True, start_date__lte=today
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            proposal = ContractProposal.objects.select_for_update().get(pk=pk)
            started += start_employment_if_due(proposal, today=today)
    return started


def employees_on(territory: Territory, day: dt.date) -> QuerySet[WorkerProfile]:
    """Workers of the territory employed by the carrier structure on ``day``: a signed
    contract started by then (what the payroll export of a month starts from)."""
    return WorkerProfile.objects.filter(
        territory=territory,
        contracts__state=ContractState.SIGNED,
        contracts__start_date__lte=day,
    ).distinct()
