"""The demo's term under way: one absence already replaced, one buyer's cancellation.

The demo's "today" is Monday 30 November 2026 (the fall term runs 2 November – 18 December).
Everything goes through the services, as on the platform: a worker declares a sickness for
Tuesday 1 December, the engine proposes replacements (run here synchronously), a
coordinator confirms them; a buyer cancels a session from 8 December on.

It needs the term's published plan: ``build_demo`` calls it (nothing to do there before the
plan exists); the demo's plan publication step calls it again once dated. Idempotent.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count

from maillage.absences.models import Absence
from maillage.absences.services import (
    buyer_members,
    cancel_occurrence,
    confirm_proposal,
    declare_absence,
    execute_proposal,
    request_proposal,
)
from maillage.consolidation.models import PlanState
from maillage.execution.dates import PARIS
from maillage.execution.models import Occurrence
from maillage.missions.access import coordinators_of
from maillage.people.models import User
from maillage.territory.models import Territory

DEMO_NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=PARIS)
ABSENCE_DAY = dt.date(2026, 12, 1)
CANCELLED_DAY = dt.date(2026, 12, 8)


def build_absences(
    territory: Territory, *, showcase: User | None = None, buyer: User | None = None
) -> bool:
    """Declare, replace and cancel as described above; False when there is nothing to do."""
    if not territory.plans.filter(state=PlanState.PUBLISHED).exists():
        return False
    if Absence.objects.filter(worker__territory=territory).exists():
        return False
    coordinator = coordinators_of(territory.pk).order_by("pk").first()
    if coordinator is None:
        return False
    planned = Occurrence.objects.filter(
        worker__territory=territory, date=ABSENCE_DAY, state="planned"
    )
    busiest = (
        planned.values("worker_id").annotate(n=Count("pk")).order_by("-n", "worker_id").first()
    )
    own = planned.filter(worker__user=showcase).first() if showcase else None
    absent = own.worker if own else None
    if absent is None and busiest is not None:
        absent = planned.filter(worker_id=busiest["worker_id"]).first().worker  # type: ignore[union-attr]
    if absent is not None:
        absence = declare_absence(
            worker=absent,
            kind="sickness",
            first_day=ABSENCE_DAY,
            last_day=ABSENCE_DAY,
            note="Grippe",
            by=absent.user,
            now=DEMO_NOW,
        )
        proposal = request_proposal(
            absence=absence, by=coordinator, time_limit_seconds=5, enqueue=False, now=DEMO_NOW
        )
        proposal = execute_proposal(proposal_id=proposal.pk)
        if proposal.lines.filter(worker__isnull=False).exists():
            confirm_proposal(proposal=proposal, by=coordinator, now=DEMO_NOW)
    _one_cancellation(territory, buyer)
    return True


def _one_cancellation(territory: Territory, buyer: User | None) -> None:
    """The demo buyer's first session from 8 December on (else any buyer's) is cancelled."""
    rows = Occurrence.objects.filter(
        mission__territory=territory, date__gte=CANCELLED_DAY, state="planned"
    ).select_related("mission")
    own = rows.filter(mission__buyer__memberships__user=buyer) if buyer is not None else rows
    row = own.order_by("starts_at", "pk").first() or rows.order_by("starts_at", "pk").first()
    if row is None:
        return
    members = buyer_members(row.mission.buyer_id)
    by = buyer if buyer in members else next(iter(members), None)
    if by is None:
        return
    cancel_occurrence(occurrence=row, by=by, reason="Sortie scolaire ce jour-là", now=DEMO_NOW)
