"""Operations on skills: a worker claims a level, evidence backs it, a coordinator confirms
a high self-declared level."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.limits import limit
from maillage.people.access import coordinates
from maillage.people.models import User, WorkerProfile
from maillage.skills.models import Skill, SkillEvidence, WorkerSkill


def claim_skill(
    *, worker: WorkerProfile, skill: Skill, level: int, by: User, on: dt.date
) -> WorkerSkill:
    """Set the level a worker claims for a skill, recorded as a self-assessment.

    A level above the self-declared maximum is kept as pending: until a coordinator confirms
    it, the level in use (the engine's) is the maximum. Claiming again replaces a pending one.
    """
    cap = limit("self_declared_max_level")
    with transaction.atomic():
        WorkerProfile.objects.select_for_update().filter(pk=worker.pk).first()  # one claim a time
        claimed, _created = WorkerSkill.objects.update_or_create(
            worker=worker,
            skill=skill,
            defaults={
                "level": min(level, cap),
                "declared_level": level if level > cap else None,
                "confirmed_by": None,
                "confirmed_at": None,
            },
        )
        claimed.full_clean()
        SkillEvidence.objects.create(
            worker_skill=claimed,
            kind=SkillEvidence.Kind.SELF_ASSESSMENT,
            level=level,
            issued_on=on,
            recorded_by=by,
        )
    return claimed


def confirm_skill_level(*, worker_skill: WorkerSkill, by: User) -> WorkerSkill:
    """A coordinator of the worker's territory confirms a pending declared level."""
    if not coordinates(by, worker_skill.worker.territory_id):
        raise PermissionError("only a coordinator of the worker's territory confirms a level")
    with transaction.atomic():
        locked = WorkerSkill.objects.select_for_update().get(pk=worker_skill.pk)
        if locked.declared_level is None:
            raise ValidationError(_("This level is not waiting for a confirmation."))
        locked.level, locked.declared_level = locked.declared_level, None
        locked.confirmed_by, locked.confirmed_at = by, timezone.now()
        locked.full_clean()
        locked.save()
    return locked
