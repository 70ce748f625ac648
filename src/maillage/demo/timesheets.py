"""The demo's past weeks of the fall term, declared and validated through the services.

The demo's "today" is Monday 30 November 2026 (the term runs 2 November – 18 December).
Every worker declared the weeks of 2, 9 and 16 November on the following Monday morning, as
planned; a buyer member of each organisation validated them (an organisation without one
let the charter's 7 days pass: validated by nobody, "implied"). The demo worker's week of
16 November for one organisation is disputed (for the coordinator to settle). The week of
23 November is declared this morning and awaits validation, but the demo worker's, left to
declare (to try the page).

It needs the term's dated plan: ``build_demo`` calls it (nothing to do before the plan
exists); the demo's plan publication step calls it again once dated. Idempotent.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.exceptions import ValidationError

from maillage.consolidation.models import PlanState
from maillage.execution.dates import PARIS, week_monday
from maillage.execution.models import Occurrence
from maillage.people.models import Membership, Role, User, WorkerProfile
from maillage.territory.models import Territory
from maillage.timesheets.models import Outcome, Timesheet, TimesheetState
from maillage.timesheets.services import (
    LineInput,
    declarable_occurrences,
    declare_week,
    dispute_timesheet,
    validate_overdue,
    validate_timesheet,
)

DEMO_NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=PARIS)
TERM_START = dt.date(2026, 11, 2)
# The weeks validated by now, and the week declared this morning.
VALIDATED_WEEKS = (dt.date(2026, 11, 2), dt.date(2026, 11, 9), dt.date(2026, 11, 16))
AWAITING_WEEK = dt.date(2026, 11, 23)
DISPUTED_WEEK = dt.date(2026, 11, 16)


def _declared_on(monday: dt.date) -> dt.datetime:
    """The Monday after the week, 8:00 (Paris)."""
    after = monday + dt.timedelta(days=7)
    return dt.datetime(after.year, after.month, after.day, 8, 0, tzinfo=PARIS)


def build_timesheets(territory: Territory, *, showcase: User | None = None) -> bool:
    """Declare, validate and dispute as described above; False when there is nothing to do."""
    if not territory.plans.filter(state=PlanState.PUBLISHED).exists():
        return False
    if Timesheet.objects.filter(organisation__territory=territory).exists():
        return False
    weeks = defaultdict(set)
    rows = Occurrence.objects.filter(
        mission__territory=territory,
        date__gte=TERM_START,
        date__lt=AWAITING_WEEK + dt.timedelta(days=7),
    ).values_list("worker_id", "date")
    for worker_id, day in rows.distinct():
        weeks[worker_id].add(week_monday(day))
    if not weeks:
        return False
    workers = WorkerProfile.objects.select_related("user").in_bulk(list(weeks))
    buyers: dict[int, User] = {}
    for membership in (
        Membership.objects.filter(role=Role.BUYER_MEMBER, organisation__territory=territory)
        .select_related("user")
        .order_by("pk")
    ):
        if membership.organisation_id is not None:
            buyers.setdefault(membership.organisation_id, membership.user)
    for worker_id in sorted(weeks):
        worker = workers[worker_id]
        for monday in sorted(weeks[worker_id]):
            if monday == AWAITING_WEEK and worker.user == showcase:
                continue  # left for the demo worker to declare
            _declare(worker, monday)
    answered = (
        Timesheet.objects.filter(
            organisation__territory=territory,
            week__in=VALIDATED_WEEKS,
            state=TimesheetState.DECLARED,
            organisation_id__in=list(buyers),
        )
        .select_related("worker__user", "organisation")
        .order_by("week", "organisation__name", "pk")
    )
    disputed = _to_dispute(list(answered), showcase)
    for timesheet in answered:
        buyer = buyers[timesheet.organisation_id]
        if timesheet == disputed:
            dispute_timesheet(
                timesheet=timesheet,
                by=buyer,
                comment="La séance du mardi a fini à 17 h, pas à 17 h 30.",
            )
        else:
            validate_timesheet(timesheet=timesheet, by=buyer)
    # Organisations without a buyer member: the charter's delay validates their weeks.
    validate_overdue(now=DEMO_NOW)
    return True


def _to_dispute(answered: list[Timesheet], showcase: User | None) -> Timesheet | None:
    """The demo worker's week of 16 November for one organisation (else anyone's)."""
    of_week = [t for t in answered if t.week == DISPUTED_WEEK]
    own = [t for t in of_week if showcase is not None and t.worker.user_id == showcase.pk]
    candidates = own or of_week
    return candidates[0] if candidates else None


def _declare(worker: WorkerProfile, monday: dt.date) -> None:
    at = _declared_on(monday)
    occurrences = list(declarable_occurrences(worker, monday, now=at))
    if not occurrences:
        return
    lines = [LineInput(occurrence_id=o.pk, outcome=Outcome.AS_PLANNED) for o in occurrences]
    try:
        declare_week(worker=worker, week=monday, lines=lines, by=worker.user, now=at)
    except ValidationError:  # a plan over the legal limits would be refused: left to declare
        return
