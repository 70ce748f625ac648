"""Operations on training sessions: plan one from a GPEC recommendation, take attendance,
record the trainer's assessment (a SkillEvidence the certifiers read). Refusals write
nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.limits import limit
from maillage.gpec.models import GpecJob, JobKind
from maillage.gpec.recommendations import Gap, skill_gaps
from maillage.people.access import coordinates
from maillage.people.models import Membership, Role, User, WorkerProfile
from maillage.skills.models import MAX_LEVEL, MIN_LEVEL, Skill, SkillEvidence, WorkerSkill
from maillage.territory.models import Territory, ThirdPlace
from maillage.training.models import (
    Funding,
    Participant,
    SessionState,
    TrainingPlace,
    TrainingSession,
)

MAX_AMOUNT = Decimal("1000000")


def recommended_gap(territory: Territory, skill: Skill, level: int) -> Gap | None:
    return next(
        (g for g in skill_gaps(territory=territory) if g.skill.pk == skill.pk and g.level == level),
        None,
    )


def _what_if(territory: Territory, skill: Skill, level: int, worker_ids: set[int]):
    """The latest finished what-if of this training for one of the participants, if any."""
    for job in GpecJob.objects.filter(
        territory=territory, kind=JobKind.WHAT_IF, result__isnull=False
    ).order_by("-pk")[:50]:
        params = job.params or {}
        if (
            params.get("skill") == skill.code
            and params.get("level") == level
            and params.get("worker_id") in worker_ids
        ):
            return job
    return None


def plan_session(
    *,
    territory: Territory,
    skill: Skill,
    level: int,
    trainer: User,
    starts_on: dt.date,
    ends_on: dt.date,
    hours: Decimal,
    place_kind: str,
    third_place: ThirdPlace | None,
    funding: str,
    funding_amount: Decimal,
    workers: Iterable[WorkerProfile],
    by: User,
) -> TrainingSession:
    """A coordinator turns a recommendation (an unmet need for ``skill`` at ``level``) into a
    session for workers among those recommended for it."""
    if not coordinates(by, territory.pk):
        raise PermissionDenied(_("Only a coordinator of the territory plans a training."))
    errors: dict[str, list[str]] = {}
    gap = recommended_gap(territory, skill, level)
    if gap is None:
        raise ValidationError(_("No recommendation for this skill and level on the territory."))
    recommended = {c.worker.pk: c for c in gap.candidates}
    chosen = list(workers)
    if not chosen:
        errors.setdefault("workers", []).append(_("Choose at least one worker."))
    elif any(w.pk not in recommended for w in chosen):
        errors.setdefault("workers", []).append(
            _("Participants are chosen among the workers the recommendation names.")
        )
    if not Membership.objects.filter(user=trainer, role=Role.TRAINER, territory=territory).exists():
        errors.setdefault("trainer", []).append(_("The trainer holds the trainer role here."))
    if ends_on < starts_on:
        errors.setdefault("ends_on", []).append(_("A training ends on or after its first day."))
    if place_kind == TrainingPlace.THIRD_PLACE:
        if third_place is None or third_place.territory_id != territory.pk:
            errors.setdefault("third_place", []).append(_("Choose a tiers-lieu of the territory."))
    elif place_kind == TrainingPlace.REMOTE:
        third_place = None
    else:
        errors.setdefault("place_kind", []).append(_("Choose a place."))
    if funding not in Funding.values:
        errors.setdefault("funding", []).append(_("Choose who funds the training."))
    amount = Decimal(funding_amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if not Decimal(0) <= amount < MAX_AMOUNT:
        errors.setdefault("funding_amount", []).append(_("An amount from 0 to 999,999.99 €."))
    if not Decimal(0) < Decimal(hours) <= Decimal(400):
        errors.setdefault("hours", []).append(_("From 0.5 to 400 hours."))
    if errors:
        raise ValidationError(errors)
    what_if = _what_if(territory, skill, level, {w.pk for w in chosen})
    if what_if is not None:
        predicted_missions = list(what_if.result.get("newly_covered", []))
        predicted_minutes = max(0, int(what_if.result.get("covered_minutes_gained", 0)))
    else:
        predicted_missions = sorted(m.pk for m in gap.missions)
        predicted_minutes = gap.weekly_minutes
    with transaction.atomic():
        session = TrainingSession.objects.create(
            territory=territory,
            skill=skill,
            target_level=level,
            title=_("%(skill)s, level %(level)d") % {"skill": skill.name, "level": level},
            trainer=trainer,
            starts_on=starts_on,
            ends_on=ends_on,
            hours=Decimal(hours).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
            place_kind=place_kind,
            third_place=third_place,
            funding=funding,
            funding_amount=amount,
            predicted_missions=predicted_missions,
            predicted_weekly_minutes=predicted_minutes,
            what_if=what_if,
            created_by=by,
        )
        Participant.objects.bulk_create(
            Participant(session=session, worker=w, level_before=recommended[w.pk].current_level)
            for w in chosen
        )
    return session


def can_run(user: User, session: TrainingSession) -> bool:
    """The session's trainer and the territory's coordinators take attendance."""
    return user.pk == session.trainer_id or coordinates(user, session.territory_id)


def take_attendance(
    *, session: TrainingSession, present: Iterable[int], by: User, today: dt.date | None = None
) -> TrainingSession:
    """Who came (participant ids); the session is then held."""
    today = today or timezone.localdate()
    if not can_run(by, session):
        raise PermissionDenied(_("Only the trainer or a coordinator takes attendance."))
    if today < session.starts_on:
        raise ValidationError(_("Attendance is taken once the training has started."))
    present_ids = set(present)
    with transaction.atomic():
        locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
        if locked.state != SessionState.PLANNED:
            raise ValidationError(_("Attendance of this session is already taken."))
        participants = list(locked.participants.all())
        if not present_ids <= {p.pk for p in participants}:
            raise ValidationError(_("Only participants of the session attend it."))
        for participant in participants:
            participant.attended = participant.pk in present_ids
            participant.save(update_fields=["attended"])
        locked.transition(SessionState.HELD, by=by)
    return locked


def assess(
    *,
    participant: Participant,
    level: int,
    comment: str,
    by: User,
    now: dt.datetime | None = None,
) -> SkillEvidence:
    """The trainer records the level an attendee showed at the end of the training: a
    SkillEvidence ("trainer assessment") for the certifiers; the level in use is unchanged
    until certified (a skill not held yet is added at the self-declared maximum at most)."""
    now = now or timezone.now()
    session = participant.session
    if by.pk != session.trainer_id:
        raise PermissionDenied(_("Only the session's trainer assesses its participants."))
    if not isinstance(level, int) or not MIN_LEVEL <= level <= MAX_LEVEL:
        raise ValidationError({"level": _("A level goes from 1 to 8.")})
    comment = (comment or "").strip()[:2000]
    if session.state != SessionState.HELD or not participant.attended:
        raise ValidationError(_("Only an attendee of a held session is assessed."))
    if timezone.localdate(now) < session.ends_on:
        raise ValidationError(_("The assessment comes at the end of the training."))
    with transaction.atomic():
        locked = Participant.objects.select_for_update().get(pk=participant.pk)
        if locked.assessed_level is not None:
            raise ValidationError(_("This participant is already assessed."))
        held, _created = WorkerSkill.objects.get_or_create(
            worker=locked.worker,
            skill=session.skill,
            defaults={"level": min(level, limit("self_declared_max_level"))},
        )
        locked.assessed_level, locked.assessed_at = level, now
        locked.save(update_fields=["assessed_level", "assessed_at"])
        return SkillEvidence.objects.create(
            worker_skill=held,
            kind=SkillEvidence.Kind.TRAINER_ASSESSMENT,
            level=level,
            detail=session.title[:300],
            comment=comment,
            source=f"training:{session.pk}",
            issued_on=timezone.localdate(now),
            recorded_by=by,
        )


def cancel_session(*, session: TrainingSession, by: User, reason: str) -> TrainingSession:
    if not coordinates(by, session.territory_id):
        raise PermissionDenied(_("Only a coordinator of the territory cancels a training."))
    with transaction.atomic():
        locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
        locked.transition(SessionState.CANCELLED, by=by, reason=(reason or "").strip()[:300])
    return locked
