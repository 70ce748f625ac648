"""Operations on dated work: expand a published plan into occurrences; calendar-feed URLs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.consolidation.models import PlanAssignment, PlanState, PlanVersion
from maillage.core.statemachine import IllegalTransition
from maillage.execution.access import can_have_feed
from maillage.execution.dates import DatedBlock, dated_blocks
from maillage.execution.models import (
    CURRENT_STATES,
    FeedKind,
    FeedToken,
    Occurrence,
    OccurrenceState,
    OccurrenceTransition,
)
from maillage.missions.models import Mission, MissionState, PlaceKind
from maillage.people.models import Organisation, User
from maillage.territory.models import Commune

S = OccurrenceState


@dataclass(frozen=True)
class Expansion:
    """What a publication did to dated work: rows created, superseded and cancelled."""

    created: int
    superseded: int
    cancelled: int


def occurrence_uid(*, mission_id: int, block: DatedBlock) -> str:
    """The calendar identity of a need's block on a date (kept across re-publications)."""
    return f"maillage-m{mission_id}-{block.date:%Y%m%d}-{block.start_minute:04d}@maillage"


def place_snapshot(mission: Mission) -> dict:
    """Where the work is: a label, the full postal address and coordinates (None if remote)."""
    if mission.place_kind == PlaceKind.THIRD_PLACE and mission.third_place is not None:
        place = mission.third_place
        return {
            "place_label": place.name,
            "address": _full_address(place.address, place.commune),
            "latitude": place.latitude,
            "longitude": place.longitude,
        }
    if mission.place_kind == PlaceKind.ADDRESS and mission.commune is not None:
        commune = mission.commune
        return {
            "place_label": mission.address or commune.name,
            "address": _full_address(mission.address, commune),
            "latitude": commune.latitude,
            "longitude": commune.longitude,
        }
    return {"place_label": "", "address": "", "latitude": None, "longitude": None}


def _full_address(street: str, commune: Commune) -> str:
    """The street, then the postal code and commune unless the street already names it."""
    if commune.name.casefold() in street.casefold():
        return street
    town = f"{commune.main_postal_code} {commune.name}".strip()
    return ", ".join(part for part in (street, town) if part)


def assignment_blocks(assignment: PlanAssignment) -> list[tuple[int, int, int]]:
    """The weekly blocks the plan gives: the engine's placed blocks, else the fixed slots."""
    if assignment.blocks:
        return [(int(b["day"]), int(b["start"]), int(b["end"])) for b in assignment.blocks]
    return [(s.weekday, s.start_minute, s.end_minute) for s in assignment.mission.slots.all()]


def planned_blocks(assignment: PlanAssignment, version: PlanVersion) -> list[DatedBlock]:
    """The assignment's dated blocks: the mission's period within the plan's, without its
    excluded dates and public holidays."""
    mission = assignment.mission
    return dated_blocks(
        blocks=assignment_blocks(assignment),
        first=max(mission.period_start, version.period_start),
        last=min(mission.period_end, version.period_end),
        excluded=[(e.start, e.end) for e in mission.excluded_periods.all()],
    )


def expand_published_plan(
    *, version: PlanVersion, by: User | None = None, now: dt.datetime | None = None
) -> Expansion:
    """Date a just-published version's weeks (idempotent; one transaction).

    From `now` on, the version's occurrences replace the current ones: the same uid gets a
    new row (the old one is superseded; its revision is raised when something changed), and
    future occurrences of the same plan that the version no longer has are cancelled (kept,
    so that calendars show them cancelled). Nothing that started before `now` moves; past
    dates are filled only at the plan's first publication (a plan published late).
    """
    if version.state != PlanState.PUBLISHED:
        raise ValidationError(_("Only a published plan is dated."))
    now = now or timezone.now()
    with transaction.atomic():
        if version.occurrences.exists():
            return Expansion(created=0, superseded=0, cancelled=0)
        same_plan = Q(
            version__territory_id=version.territory_id,
            version__period_start=version.period_start,
            version__period_end=version.period_end,
        )
        first_publication = not PlanVersion.objects.filter(
            territory_id=version.territory_id,
            period_start=version.period_start,
            period_end=version.period_end,
            state=PlanState.SUPERSEDED,
        ).exists()
        assignments = list(
            version.assignments.select_related(
                "mission__commune", "mission__third_place__commune"
            ).prefetch_related("mission__excluded_periods", "mission__slots")
        )
        current = {
            row.uid: row
            for row in Occurrence.objects.select_for_update(of=("self",))
            .select_related("version", "replaces")
            .filter(
                Q(mission__in=[a.mission_id for a in assignments]) | same_plan,
                state__in=CURRENT_STATES,
                date__gte=version.period_start,
                date__lte=version.period_end,
            )
        }
        to_create: list[Occurrence] = []
        to_supersede: list[Occurrence] = []
        for assignment in assignments:
            place = place_snapshot(assignment.mission)
            for block in planned_blocks(assignment, version):
                uid = occurrence_uid(mission_id=assignment.mission_id, block=block)
                existing = current.pop(uid, None)
                if block.starts_at <= now:
                    if existing is None and first_publication:
                        to_create.append(_new_row(version, assignment, block, uid, place, 0))
                    continue
                sequence = 0
                if existing is not None and _kept(existing, assignment):
                    continue
                if existing is not None:
                    to_supersede.append(existing)
                    changed = existing.state != S.PLANNED or (
                        existing.worker_id,
                        existing.starts_at,
                        existing.ends_at,
                        existing.address,
                        existing.place_label,
                    ) != (
                        assignment.worker_id,
                        block.starts_at,
                        block.ends_at,
                        place["address"],
                        place["place_label"],
                    )
                    sequence = existing.sequence + int(changed)
                to_create.append(_new_row(version, assignment, block, uid, place, sequence))
        # Left in `current`: rows this version does not plan. Those of the same plan that are
        # still to come are cancelled; other plans' rows and the past are left alone.
        to_cancel = [
            row
            for row in current.values()
            if row.starts_at > now
            and row.state in (S.PLANNED, S.TO_REPLACE)
            and _in_same_plan(row, version)
        ]
        reason = f"plan v{version.number}"
        _bulk_move(to_supersede, S.SUPERSEDED, by=by, reason=reason, now=now)
        _bulk_move(to_cancel, S.CANCELLED, by=by, reason=reason, now=now, bump=True)
        Occurrence.objects.bulk_create(to_create, batch_size=500)
        # A plan published late: its needs whose first occurrence is past are running.
        start_running_missions(now=now, mission_ids=[a.mission_id for a in assignments], by=by)
    return Expansion(created=len(to_create), superseded=len(to_supersede), cancelled=len(to_cancel))


def _kept(existing: Occurrence, assignment: PlanAssignment) -> bool:
    """A re-plan leaves alone what happened to an occurrence since it was dated, as long as
    the plan still gives it to the same worker: a buyer's cancellation, an absent worker's
    occurrence still to replace, a confirmed replacement of the worker the plan names."""
    if existing.state == S.CANCELLED and existing.cancel_reason:
        return True
    if existing.state == S.TO_REPLACE:
        return existing.worker_id == assignment.worker_id
    if existing.replaces is not None and existing.state == S.PLANNED:
        return existing.replaces.worker_id == assignment.worker_id
    return False


def start_running_missions(
    *,
    now: dt.datetime | None = None,
    mission_ids: Iterable[int] | None = None,
    by: User | None = None,
) -> int:
    """Planned needs whose first occurrence has started move to running (idempotent).

    Called by a periodic task and when a plan is dated; returns how many moved.
    """
    now = now or timezone.now()
    started = Occurrence.objects.filter(
        state__in=(S.PLANNED, S.DONE, S.TO_REPLACE), starts_at__lte=now
    ).values("mission_id")
    missions = Mission.objects.filter(state=MissionState.PLANNED, pk__in=started)
    if mission_ids is not None:
        missions = missions.filter(pk__in=list(mission_ids))
    moved = 0
    with transaction.atomic():
        for mission in missions.select_for_update().order_by("pk"):
            mission.transition(MissionState.RUNNING, by=by, reason="first occurrence")
            moved += 1
    return moved


def _in_same_plan(row: Occurrence, version: PlanVersion) -> bool:
    other = row.version
    return (other.territory_id, other.period_start, other.period_end) == (
        version.territory_id,
        version.period_start,
        version.period_end,
    )


def _new_row(
    version: PlanVersion,
    assignment: PlanAssignment,
    block: DatedBlock,
    uid: str,
    place: dict,
    sequence: int,
) -> Occurrence:
    return Occurrence(
        version=version,
        assignment=assignment,
        mission_id=assignment.mission_id,
        worker_id=assignment.worker_id,
        date=block.date,
        starts_at=block.starts_at,
        ends_at=block.ends_at,
        uid=uid,
        sequence=sequence,
        **place,
    )


def _bulk_move(
    rows: Iterable[Occurrence],
    to_state: str,
    *,
    by: User | None,
    reason: str,
    now: dt.datetime,
    bump: bool = False,
) -> None:
    """Move many occurrences at once, with the same checks and log rows as `transition()`."""
    rows = list(rows)
    for row in rows:
        if not row.can_transition(to_state):
            raise IllegalTransition(obj=row, from_state=row.state, to_state=to_state)
    if not rows:
        return
    changes: dict = {"state": to_state, "updated_at": timezone.now()}
    if bump:
        changes["sequence"] = F("sequence") + 1
    Occurrence.objects.filter(pk__in=[row.pk for row in rows]).update(**changes)
    OccurrenceTransition.objects.bulk_create(
        [
            OccurrenceTransition(
                occurrence=row, from_state=row.state, to_state=to_state, by=by, reason=reason
            )
            for row in rows
        ],
        batch_size=500,
    )


def create_feed_token(
    *, user: User, kind: str, organisation: Organisation | None = None
) -> FeedToken:
    """A new secret calendar URL for the user's own work or an organisation they buy for."""
    if kind not in FeedKind.values:
        raise ValidationError({"kind": _("Unknown kind of calendar feed.")})
    if kind == FeedKind.WORKER:
        organisation = None
    if not can_have_feed(user, kind=kind, organisation=organisation):
        raise PermissionDenied
    return FeedToken.objects.create(user=user, kind=kind, organisation=organisation)


def revoke_feed_token(*, feed: FeedToken, by: User) -> FeedToken:
    """Stop a calendar URL for good (the row stays: who had one, until when)."""
    if feed.user_id != by.pk:
        raise PermissionDenied
    with transaction.atomic():
        feed = FeedToken.objects.select_for_update().get(pk=feed.pk)
        if feed.revoked_at is not None:
            raise ValidationError(_("This calendar link was already revoked."))
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
    return feed


__all__ = [
    "Expansion",
    "create_feed_token",
    "expand_published_plan",
    "occurrence_uid",
    "revoke_feed_token",
    "start_running_missions",
]
