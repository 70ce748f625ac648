"""The demo's employer group employs one worker, and November 2026's payroll is exported.

Once the term's plan is published (and its timesheets validated, see demo/timesheets.py):
- the worker of the employer group is the one who worked in November for the most members
  (then the most validated hours), among those with a signed contract or a portfolio that
  supports one (24 h);
  their contract is proposed, issued and signed (as on paper: the demo sends no email);
- the group employs them from November at an 8 % fee;
- November's payroll is computed once: each member of the group gets its statement.

Nothing to do before a plan is published (``build_demo`` calls it; the demo's publication
step calls it again). Idempotent: a second call finds the export and does nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from maillage.consolidation.models import PlanState
from maillage.employment.models import ContractProposal, ContractState
from maillage.employment.services import contract_candidates, propose_contract
from maillage.people.models import BuyerGroup, User, WorkerProfile
from maillage.territory.models import Territory
from maillage.timesheets.selectors import validated_minutes_by_worker_organisation
from maillage.wages.models import GroupEmployment, PayrollExport
from maillage.wages.services import employ_for_group, run_payroll_export

MONTH = dt.date(2026, 11, 1)
DEMO_TODAY = dt.date(2026, 11, 30)
GROUP_FEE_RATE = Decimal("0.08")


def _group_worker(territory: Territory, group: BuyerGroup) -> WorkerProfile | None:
    """The worker who worked in November for the most members of the group, then the most
    validated hours there (a statement shared among several members shows the split)."""
    members = set(group.members.values_list("pk", flat=True))
    minutes: dict[int, int] = {}
    served: dict[int, int] = {}
    for (worker_id, organisation_id), total in validated_minutes_by_worker_organisation(
        MONTH, territory_id=territory.pk
    ).items():
        if organisation_id in members and total:
            minutes[worker_id] = minutes.get(worker_id, 0) + total
            served[worker_id] = served.get(worker_id, 0) + 1
    signed = list(
        WorkerProfile.objects.filter(
            territory=territory, contracts__state=ContractState.SIGNED
        ).distinct()
    )
    candidates = signed or [terms.worker for terms in contract_candidates([territory])]
    if not candidates:
        return None
    return max(
        candidates,
        key=lambda worker: (served.get(worker.pk, 0), minutes.get(worker.pk, 0), -worker.pk),
    )


def _signed_contract(worker: WorkerProfile, by: User | None) -> ContractProposal | None:
    """The worker's signed contract, proposing, issuing and signing one if needed."""
    signed = worker.contracts.filter(state=ContractState.SIGNED).first()
    if signed is not None:
        return signed
    proposal = worker.contracts.filter(
        state__in=(ContractState.PROPOSED, ContractState.ISSUED)
    ).first() or propose_contract(worker=worker, by=by)
    if proposal.state == ContractState.PROPOSED:
        proposal.transition(ContractState.ISSUED, by=by)
    proposal.transition(ContractState.SIGNED, by=by, reason="Signed on paper (demo).")
    return proposal


def employ_for_the_group(territory: Territory, *, coordinator: User | None) -> bool:
    """The employer group employs a worker from November (before invoicing: its members pay
    that worker's hours through the group's statement, not an invoice); False if already."""
    group = (
        BuyerGroup.objects.filter(territory=territory, kind=BuyerGroup.Kind.EMPLOYER)
        .order_by("name", "pk")
        .first()
    )
    if group is None or GroupEmployment.objects.filter(group=group).exists():
        return False
    with transaction.atomic():
        worker = _group_worker(territory, group)
        if worker is None or _signed_contract(worker, coordinator) is None:
            return False
        employ_for_group(
            group=group,
            worker=worker,
            first_month=MONTH,
            fee_rate=GROUP_FEE_RATE,
            by=coordinator,
            check_access=False,
        )
    return True


def build_wages(territory: Territory, *, coordinator: User | None) -> bool:
    """Export November's payroll (and the group's statements); False if nothing done."""
    if not territory.plans.filter(state=PlanState.PUBLISHED).exists():
        return False
    if PayrollExport.objects.filter(territory=territory, month=MONTH).exists():
        return False
    employ_for_the_group(territory, coordinator=coordinator)
    run_payroll_export(
        territory=territory, month=MONTH, by=coordinator, check_access=False, today=DEMO_TODAY
    )
    return True
