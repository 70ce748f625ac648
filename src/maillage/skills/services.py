"""Operations on skills: a worker claims a level, evidence backs it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from maillage.people.models import User, WorkerProfile
from maillage.skills.models import Skill, SkillEvidence, WorkerSkill


def claim_skill(
    *, worker: WorkerProfile, skill: Skill, level: int, by: User, on: dt.date
) -> WorkerSkill:
    """Set the level a worker claims for a skill, recorded as a self-assessment."""
    with transaction.atomic():
        claimed, _created = WorkerSkill.objects.update_or_create(
            worker=worker, skill=skill, defaults={"level": level}
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
