"""Worked occurrences, backing evidence and certified levels, for the credentials tests.

``worked(worker, mission, day)`` dates one occurrence of ``mission`` for ``worker`` on
``day`` (a plan version of its own, published), over by then; ``backed(worker_skill,
level)`` adds a mission evaluation at ``level``; ``certified(worker_skill, level, *by)``
awards it through the service (keys must exist: the ``credential_keys`` fixture).
"""

from __future__ import annotations

import datetime as dt

from maillage.consolidation.models import PlanAssignment, PlanVersion
from maillage.credentials.services import award_level
from maillage.execution.dates import PARIS
from maillage.execution.models import Occurrence, OccurrenceState
from maillage.skills.models import SkillEvidence, WorkerSkill
from tests.factories.consolidation import PlanAssignmentFactory, PlanVersionFactory
from tests.factories.missions import END

DAY = dt.date(2026, 11, 3)


def worked(worker, mission, day: dt.date = DAY, *, state=OccurrenceState.DONE) -> Occurrence:
    assignment = (
        PlanAssignment.objects.filter(mission=mission, worker=worker, version__state="published")
        .select_related("version")
        .first()
    )
    if assignment is not None:
        version = assignment.version
    else:
        # A draft version per worker (versions of one period are unique per territory; a
        # draft one leaves the territory's published plan, and the GPEC, as they were).
        period_end = END + dt.timedelta(days=worker.pk)
        version = PlanVersion.objects.filter(
            territory=mission.territory, period_end=period_end
        ).first() or PlanVersionFactory(territory=mission.territory, period_end=period_end)
        assignment = PlanAssignment.objects.filter(
            version=version, mission=mission
        ).first() or PlanAssignmentFactory(
            version=version,
            mission=mission,
            worker=worker,
            blocks=[{"day": day.weekday(), "start": 900, "end": 990}],
            weekly_minutes=90,
        )
    return Occurrence.objects.create(
        version=version,
        assignment=assignment,
        mission=mission,
        worker=worker,
        date=day,
        starts_at=dt.datetime(day.year, day.month, day.day, 15, tzinfo=PARIS),
        ends_at=dt.datetime(day.year, day.month, day.day, 16, 30, tzinfo=PARIS),
        place_label="École",
        state=state,
        uid=f"test-{mission.pk}-{worker.pk}-{day.isoformat()}",
    )


def backed(worker_skill: WorkerSkill, level: int, kind=SkillEvidence.Kind.MISSION_EVALUATION):
    return SkillEvidence.objects.create(
        worker_skill=worker_skill, kind=kind, level=level, issued_on=DAY, source="test"
    )


def certified(worker_skill: WorkerSkill, level: int, *certifiers, now=None):
    backed(worker_skill, level)
    certification = None
    for certifier in certifiers:
        certification = award_level(
            worker_skill=worker_skill,
            level=level,
            justification="Vu en mission, évaluations concordantes.",
            by=certifier,
            now=now,
        )
    worker_skill.refresh_from_db()
    return certification
