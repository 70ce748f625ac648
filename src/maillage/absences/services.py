"""Operations on absences, replacements and a buyer's cancellations (one transaction each).

- ``declare_absence``: the worker's occurrences of those days that are still to come become
  "to replace" in the same transaction; coordinators and the buyers concerned are told.
- ``withdraw_absence``: before its first day only; what is still to replace is planned again.
- ``request_proposal`` / ``execute_proposal``: a background job on the territory's queue
  asks the engine for those days only (see maillage.consolidation.engine.replacement).
- ``confirm_proposal``: each confirmed line writes the replacing worker's occurrence (same
  calendar UID, next revision) and marks the absent worker's row replaced; a line whose
  occurrence was replaced, cancelled or started meanwhile is "overtaken", and said so.
- ``cancel_occurrence`` / ``cancel_need``: the buyer's cancellations, billable or not by the
  charter's rules, kept for invoicing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.absences.access import (
    can_cancel_need,
    can_cancel_occurrence,
    can_declare_for,
    can_handle_replacements,
    can_withdraw,
)
from maillage.absences.models import (
    NOTE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    Absence,
    AbsenceKind,
    AbsenceState,
    LineOutcome,
    ProposalLine,
    ReplacementProposal,
)
from maillage.absences.replacement import propose
from maillage.core import jobs
from maillage.execution.models import Occurrence, OccurrenceState, OccurrenceTransition
from maillage.missions.access import coordinators_of
from maillage.missions.models import Mission, MissionState
from maillage.notifications.rendering import ParamValue
from maillage.notifications.services import notify
from maillage.people.models import Role, User, WorkerProfile
from maillage.pricing.services import charter_in_force

logger = logging.getLogger(__name__)

S = OccurrenceState
PROPOSAL_TASK = "maillage.absences.tasks.run_replacement"
MAX_ABSENCE_DAYS = 366
# Sickness may be declared for the day before (a worker who could not tell in time).
SICKNESS_DAYS_BACK = 1
DEFAULT_LATE_CANCELLATION_HOURS = 48
DEFAULT_NEED_NOTICE_DAYS = 14
CANCELLABLE_NEED_STATES = (MissionState.ACCEPTED, MissionState.PLANNED, MissionState.RUNNING)


def buyer_members(organisation_id: int) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__role=Role.BUYER_MEMBER,
            memberships__organisation_id=organisation_id,
        ).distinct()
    )


def _absence_occurrences(absence: Absence, *, now: dt.datetime):
    """The absent worker's current occurrences of the absence's days still to come."""
    return Occurrence.objects.filter(
        worker_id=absence.worker_id,
        date__gte=absence.first_day,
        date__lte=absence.last_day,
        starts_at__gt=now,
    )


def _move(row: Occurrence, to_state: str, *, by: User | None, reason: str, **fields) -> None:
    """One occurrence's move with its log row (and the fields that go with the move)."""
    from_state = row.state
    if not row.can_transition(to_state):
        raise ValidationError(_("This occurrence can no longer change."))
    row.state = to_state
    for name, value in fields.items():
        setattr(row, name, value)
    row.save(update_fields=["state", "updated_at", *fields])
    OccurrenceTransition.objects.create(
        occurrence=row, from_state=from_state, to_state=to_state, by=by, reason=reason
    )


# Absences -------------------------------------------------------------------------------------


def declare_absence(
    *,
    worker: WorkerProfile,
    kind: str,
    first_day: dt.date,
    last_day: dt.date,
    by: User,
    note: str = "",
    now: dt.datetime | None = None,
) -> Absence:
    """Record an absence and put the worker's occurrences of those days to replace."""
    if not can_declare_for(by, worker):
        raise PermissionDenied
    now = now or timezone.now()
    today = timezone.localdate(now)
    errors: dict[str, str] = {}
    if kind not in AbsenceKind.values:
        errors["kind"] = _("Choose a kind of absence.")
    if len(note) > NOTE_MAX_LENGTH:
        errors["note"] = _("Keep the note under %(count)s characters.") % {"count": NOTE_MAX_LENGTH}
    if last_day < first_day:
        errors["last_day"] = _("The last day cannot come before the first day.")
    elif (last_day - first_day).days + 1 > MAX_ABSENCE_DAYS:
        errors["last_day"] = _("An absence lasts a year at most: declare the rest later.")
    earliest = today - dt.timedelta(days=SICKNESS_DAYS_BACK if kind == AbsenceKind.SICKNESS else 0)
    if first_day < earliest:
        errors["first_day"] = (
            _("A sickness absence starts yesterday at the earliest.")
            if kind == AbsenceKind.SICKNESS
            else _("An absence cannot start in the past.")
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The worker's row is the lock: two declarations at once cannot both miss each other.
        WorkerProfile.objects.select_for_update().filter(pk=worker.pk).first()
        overlapping = (
            Absence.objects.filter(
                worker=worker,
                state=AbsenceState.DECLARED,
                first_day__lte=last_day,
                last_day__gte=first_day,
            )
            .order_by("first_day")
            .first()
        )
        if overlapping is not None:
            raise ValidationError(
                {
                    "first_day": _(
                        "These days overlap an absence already declared, from %(first)s to "
                        "%(last)s."
                    )
                    % {"first": overlapping.first_day, "last": overlapping.last_day}
                }
            )
        absence = Absence.objects.create(
            worker=worker,
            kind=kind,
            first_day=first_day,
            last_day=last_day,
            note=note,
            declared_by=by,
        )
        absence.transitions.create(from_state="", to_state=AbsenceState.DECLARED, by=by)
        rows = list(
            _absence_occurrences(absence, now=now)
            .filter(state=S.PLANNED)
            .select_for_update(of=("self",))
            .select_related("mission")
            .order_by("starts_at", "pk")
        )
        for row in rows:
            _move(row, S.TO_REPLACE, by=by, reason=f"absence {absence.pk}")
        params: dict[str, ParamValue] = {
            "worker": worker.user.first_name,
            "start": first_day,
            "end": last_day,
            "occurrences": len(rows),
        }
        notify(
            recipients=coordinators_of(worker.territory_id),
            kind="absence_declared",
            params=params,
            url=reverse("absences:detail", args=[absence.pk]),
        )
        for organisation_id in sorted({row.mission.buyer_id for row in rows}):
            count = sum(1 for row in rows if row.mission.buyer_id == organisation_id)
            notify(
                recipients=buyer_members(organisation_id),
                kind="absence_declared",
                params={**params, "occurrences": count},
                url=reverse("execution:buyer_week"),
            )
    return absence


def withdraw_absence(*, absence: Absence, by: User, now: dt.datetime | None = None) -> Absence:
    """Take back an absence before its first day; its occurrences still to replace are
    planned again (those already replaced stay with the replacing worker)."""
    if not can_withdraw(by, absence):
        raise PermissionDenied
    now = now or timezone.now()
    with transaction.atomic():
        absence = Absence.objects.select_for_update().get(pk=absence.pk)
        if absence.state != AbsenceState.DECLARED:
            raise ValidationError(_("This absence was already withdrawn."))
        if absence.first_day <= timezone.localdate(now):
            raise ValidationError(_("An absence that has started can no longer be withdrawn."))
        absence.transition(AbsenceState.WITHDRAWN, by=by)
        for row in (
            _absence_occurrences(absence, now=now)
            .filter(state=S.TO_REPLACE)
            .select_for_update()
            .order_by("pk")
        ):
            _move(row, S.PLANNED, by=by, reason=f"absence {absence.pk} withdrawn")
    return absence


# Replacement proposals -----------------------------------------------------------------------


def to_replace(absence: Absence, *, now: dt.datetime | None = None):
    """The absence's occurrences still to replace (and still to come)."""
    return (
        _absence_occurrences(absence, now=now or timezone.now())
        .filter(state=S.TO_REPLACE)
        .select_related("mission")
        .order_by("starts_at", "pk")
    )


def request_proposal(
    *,
    absence: Absence,
    by: User,
    time_limit_seconds: int = 10,
    enqueue: bool = True,
    now: dt.datetime | None = None,
) -> ReplacementProposal:
    """Ask the engine for replacements, in the background; a proposal already on its way for
    the same absence is given back instead (a double click asks once)."""
    if not can_handle_replacements(by, absence):
        raise PermissionDenied
    if not 1 <= time_limit_seconds <= 120:
        raise ValidationError({"time_limit_seconds": _("The time limit goes from 1 to 120 s.")})
    with transaction.atomic():
        absence = Absence.objects.select_for_update().get(pk=absence.pk)
        if absence.state != AbsenceState.DECLARED:
            raise ValidationError(_("This absence was withdrawn: there is nothing to replace."))
        if not to_replace(absence, now=now).exists():
            raise ValidationError(_("Nothing is left to replace for this absence."))
        alive = [
            proposal
            for proposal in absence.proposals.filter(status__in=jobs.ACTIVE).order_by("-pk")
            if not jobs.is_interrupted(proposal)
        ]
        if alive:
            return alive[0]
        proposal = ReplacementProposal.objects.create(
            absence=absence,
            since=now or timezone.now(),
            territory_id=absence.worker.territory_id,
            requested_by=by,
            time_limit_seconds=time_limit_seconds,
        )
        if enqueue:
            jobs.enqueue(PROPOSAL_TASK, proposal, id_kwarg="proposal_id")
    return proposal


def execute_proposal(
    *, proposal_id: int, queue: str = "", worker: str = "", beat: bool = False
) -> ReplacementProposal:
    """Run the engine for a queued proposal and store its lines (idempotent)."""
    proposal = jobs.claim(
        ReplacementProposal.objects.get(pk=proposal_id),
        message=_("Building the instance"),
        queue=queue,
        worker=worker,
    )
    if proposal is None:
        return ReplacementProposal.objects.get(pk=proposal_id)
    try:
        with jobs.heartbeat(proposal, enabled=beat):
            _compute(proposal)
    except jobs.LostClaim:
        logger.warning("replacement proposal %s: taken over by another attempt", proposal.pk)
    except Exception as error:  # the proposal says what happened; nothing else changed
        logger.exception("replacement proposal %s failed", proposal.pk)
        jobs.fail(proposal, _("The proposal failed: %(error)s") % {"error": error})
    proposal.refresh_from_db()
    return proposal


def _compute(proposal: ReplacementProposal) -> None:
    absence = proposal.absence
    rows = list(to_replace(absence, now=proposal.since))
    lines, inputs, results = propose(
        territory=proposal.territory,
        to_replace=rows,
        absent_worker_id=absence.worker_id,
        time_limit_s=proposal.time_limit_seconds,
    )
    with transaction.atomic():
        ProposalLine.objects.bulk_create(
            [
                ProposalLine(
                    proposal=proposal,
                    occurrence_id=line.occurrence_id,
                    worker_id=line.worker_id,
                    reason="" if line.worker_id else (line.reason or "conflicts"),
                    params=line.params or {},
                )
                for line in lines
            ]
        )
        ReplacementProposal.objects.filter(pk=proposal.pk).update(
            engine_input=inputs, engine_result=results
        )
        found = sum(1 for line in lines if line.worker_id)
        jobs.finish(
            proposal,
            {"lines": len(lines), "proposed": found},
            message=ngettext(
                "%(found)s of %(count)s occurrence can be replaced.",
                "%(found)s of %(count)s occurrences can be replaced.",
                len(lines),
            )
            % {"found": found, "count": len(lines)},
        )


@dataclass
class Confirmation:
    """What a confirmation did: the lines confirmed, and those another decision overtook."""

    confirmed: list[ProposalLine] = field(default_factory=list)
    overtaken: list[ProposalLine] = field(default_factory=list)


def confirm_proposal(
    *,
    proposal: ReplacementProposal,
    by: User,
    line_ids: Iterable[int] | None = None,
    now: dt.datetime | None = None,
) -> Confirmation:
    """Confirm some lines (all the proposed ones by default), in one transaction."""
    if not can_handle_replacements(by, proposal.absence):
        raise PermissionDenied
    if proposal.status != jobs.JobStatus.SUCCEEDED:
        raise ValidationError(_("This proposal is not ready."))
    now = now or timezone.now()
    outcome = Confirmation()
    with transaction.atomic():
        lines = ProposalLine.objects.select_for_update().filter(
            proposal=proposal, outcome=LineOutcome.PROPOSED, worker__isnull=False
        )
        if line_ids is not None:
            lines = lines.filter(pk__in=list(line_ids))
        lines_list = list(lines.order_by("occurrence_id", "pk"))
        if not lines_list:
            raise ValidationError(_("Choose at least one proposed replacement to confirm."))
        # Lock the occurrences, then the replacing workers, always in pk order.
        occurrences = {
            row.pk: row
            for row in Occurrence.objects.select_for_update()
            .filter(pk__in=[line.occurrence_id for line in lines_list])
            .select_related("mission")
            .order_by("pk")
        }
        workers = {
            w.pk: w
            for w in WorkerProfile.objects.select_for_update()
            .filter(pk__in=sorted({line.worker_id for line in lines_list if line.worker_id}))
            .select_related("user")
            .order_by("pk")
        }
        for line in lines_list:
            row = occurrences[line.occurrence_id]
            assert line.worker_id is not None
            replacement = _replace(row, workers[line.worker_id], by=by, now=now)
            line.decided_at = now
            line.confirmed_by = by
            if replacement is None:
                line.outcome = LineOutcome.OVERTAKEN
                line.save(update_fields=["outcome", "decided_at", "confirmed_by"])
                outcome.overtaken.append(line)
                continue
            line.outcome = LineOutcome.CONFIRMED
            line.replacement = replacement
            line.save(update_fields=["outcome", "decided_at", "confirmed_by", "replacement"])
            outcome.confirmed.append(line)
            _tell_replacement(replacement, workers[line.worker_id])
    return outcome


def _replace(
    row: Occurrence, worker: WorkerProfile, *, by: User, now: dt.datetime
) -> Occurrence | None:
    """The replacing worker's new row, or None when the occurrence or the worker is no
    longer free (another confirmation came first)."""
    if row.state != S.TO_REPLACE or row.starts_at <= now:
        return None
    busy = (
        Occurrence.objects.filter(
            worker=worker,
            state__in=(S.PLANNED, S.DONE),
            starts_at__lt=row.ends_at,
            ends_at__gt=row.starts_at,
        )
        .exclude(pk=row.pk)
        .exists()
    )
    if busy:
        return None
    try:
        with transaction.atomic():  # a savepoint: the other confirmation's row wins
            _move(row, S.REPLACED, by=by, reason=f"replaced by {worker.user.first_name}")
            return Occurrence.objects.create(
                version_id=row.version_id,
                assignment=None,
                replaces=row,
                mission_id=row.mission_id,
                worker=worker,
                date=row.date,
                starts_at=row.starts_at,
                ends_at=row.ends_at,
                place_label=row.place_label,
                address=row.address,
                latitude=row.latitude,
                longitude=row.longitude,
                uid=row.uid,
                sequence=row.sequence + 1,
            )
    except IntegrityError:
        logger.info("occurrence %s: replaced by another confirmation", row.pk)
        row.refresh_from_db()
        return None


def _tell_replacement(replacement: Occurrence, worker: WorkerProfile) -> None:
    params: dict[str, ParamValue] = {
        "need": replacement.mission.title,
        "date": replacement.date,
        "worker": worker.user.first_name,
    }
    week = f"?week={replacement.date:%G-W%V}"
    notify(
        recipients=[worker.user],
        kind="replacement_confirmed",
        params=params,
        url=reverse("execution:worker_week") + week,
    )
    notify(
        recipients=buyer_members(replacement.mission.buyer_id),
        kind="replacement_confirmed",
        params=params,
        url=reverse("execution:buyer_week") + week,
    )


# A buyer's cancellations ---------------------------------------------------------------------


def _clean_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you cancel.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("Keep the reason under %(count)s characters.") % {"count": 300}}
        )
    return reason


def late_cancellation_hours(mission: Mission, on: dt.date) -> int:
    charter = charter_in_force(mission.territory, on=on)
    return charter.late_cancellation_hours if charter else DEFAULT_LATE_CANCELLATION_HOURS


def need_notice_days(mission: Mission, on: dt.date) -> int:
    charter = charter_in_force(mission.territory, on=on)
    return charter.need_cancellation_notice_days if charter else DEFAULT_NEED_NOTICE_DAYS


def cancel_occurrence(
    *, occurrence: Occurrence, by: User, reason: str, now: dt.datetime | None = None
) -> Occurrence:
    """The buyer cancels one occurrence still to come; within the charter's late-cancellation
    hours before its start it stays billable."""
    if not can_cancel_occurrence(by, occurrence):
        raise PermissionDenied
    reason = _clean_reason(reason)
    now = now or timezone.now()
    with transaction.atomic():
        row = Occurrence.objects.select_for_update().select_related("mission").get(pk=occurrence.pk)
        if row.starts_at <= now:
            raise ValidationError(_("This occurrence has started: it can no longer be cancelled."))
        if row.state not in (S.PLANNED, S.TO_REPLACE):
            raise ValidationError(_("This occurrence is no longer planned."))
        hours = late_cancellation_hours(row.mission, timezone.localdate(now))
        billable = row.starts_at - now < dt.timedelta(hours=hours)
        _move(
            row,
            S.CANCELLED,
            by=by,
            reason=reason,
            billable=billable,
            cancel_reason=reason,
            sequence=row.sequence + 1,
        )
        notify(
            recipients=[row.worker.user],
            kind="occurrence_cancelled",
            params={"need": row.mission.title, "date": row.date, "billable": int(billable)},
            url=reverse("execution:worker_week") + f"?week={row.date:%G-W%V}",
        )
    return row


@dataclass
class NeedCancellation:
    mission: Mission
    cancelled: int
    billable: int


def cancel_need(
    *, mission: Mission, by: User, reason: str, now: dt.datetime | None = None
) -> NeedCancellation:
    """The buyer cancels a need: its occurrences still to come are cancelled (those within
    the charter's notice days stay billable) and the need ends cancelled."""
    if not can_cancel_need(by, mission):
        raise PermissionDenied
    reason = _clean_reason(reason)
    now = now or timezone.now()
    with transaction.atomic():
        mission = Mission.objects.select_for_update().get(pk=mission.pk)
        if mission.state not in CANCELLABLE_NEED_STATES:
            raise ValidationError(_("Only an accepted, planned or running need can be cancelled."))
        days = need_notice_days(mission, timezone.localdate(now))
        notice_ends = now + dt.timedelta(days=days)
        rows = list(
            Occurrence.objects.select_for_update()
            .filter(mission=mission, state__in=(S.PLANNED, S.TO_REPLACE), starts_at__gt=now)
            .select_related("worker__user")
            .order_by("starts_at", "pk")
        )
        billable = 0
        for row in rows:
            late = row.starts_at < notice_ends
            billable += int(late)
            _move(
                row,
                S.CANCELLED,
                by=by,
                reason=reason,
                billable=late,
                cancel_reason=reason,
                sequence=row.sequence + 1,
            )
        mission.transition(MissionState.CANCELLED, by=by, reason=reason)
        params = {"need": mission.title, "organisation": mission.buyer.name}
        notify(
            recipients=coordinators_of(mission.territory_id),
            kind="need_cancelled",
            params=params,
            url=reverse("needs:detail", args=[mission.pk]),
        )
        workers = {row.worker.user for row in rows}
        notify(
            recipients=sorted(workers, key=lambda u: u.pk),
            kind="need_cancelled",
            params=params,
            url=reverse("execution:worker_week"),
        )
    return NeedCancellation(mission=mission, cancelled=len(rows), billable=billable)
