"""The demo's trusted skills: buyers' evaluations of the weeks worked, certified levels and
their Open Badges (one revoked), and a training planned from a GPEC recommendation, held
and assessed.

Everything goes through the services, at the demo's "today" (Monday 30 November 2026). The
signing key is created in the keys directory (``var/keys`` by default) if there is none.
Idempotent: nothing is added when the territory already has a credential.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

from maillage.credentials import keys
from maillage.credentials.evidence import evaluate_mission_work
from maillage.credentials.models import IssuedCredential
from maillage.credentials.services import award_level, revoke_credential
from maillage.execution.dates import PARIS
from maillage.execution.models import Occurrence, OccurrenceState
from maillage.gpec.recommendations import skill_gaps
from maillage.people.models import Membership, Role, User
from maillage.skills.models import WorkerSkill
from maillage.territory.models import Territory, ThirdPlace
from maillage.training.models import Participant, TrainingSession
from maillage.training.services import assess, plan_session, take_attendance

DEMO_NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=PARIS)
EVALUATED_WORKERS = 6
COMMENTS = (
    "Ateliers bien préparés, enfants captivés ; a su adapter le contenu au groupe.",
    "Travail soigné et autonome ; nous recommandons sans réserve.",
    "Bonne maîtrise, quelques retards de mise en ligne rattrapés dans la semaine.",
)
JUSTIFICATION = (
    "Évaluations concordantes de l'acheteur sur les semaines travaillées ; observé en "
    "situation lors d'une visite de la coordination."
)
REVOCATION = "Niveau attribué par erreur sur une autre compétence ; réattribution à venir."


def _buyer_of(mission) -> User | None:
    membership = (
        Membership.objects.filter(role=Role.BUYER_MEMBER, organisation=mission.buyer_id)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _evaluate(territory: Territory, showcase: User) -> list[WorkerSkill]:
    """Each buyer evaluates, on each required skill, the first workers whose weeks are done."""
    evaluated: list[WorkerSkill] = []
    seen: set[int] = set()
    worked = (
        Occurrence.objects.filter(
            mission__territory=territory,
            state__in=(OccurrenceState.PLANNED, OccurrenceState.DONE),
            ends_at__lte=DEMO_NOW,
        )
        .select_related("mission", "worker")
        .order_by("worker_id", "date", "pk")
    )
    # The showcase worker first: the worker@ login shows a badge.
    ordered = [o for o in worked if o.worker.user_id == showcase.pk]
    ordered += [o for o in worked if o.worker.user_id != showcase.pk]
    for occurrence in ordered:
        if occurrence.worker_id in seen or len(seen) >= EVALUATED_WORKERS:
            continue
        buyer = _buyer_of(occurrence.mission)
        if buyer is None:
            continue
        seen.add(occurrence.worker_id)
        for index, required in enumerate(occurrence.mission.skills.select_related("skill")):
            held = WorkerSkill.objects.filter(
                worker=occurrence.worker, skill=required.skill
            ).first()
            if held is None:
                continue
            try:
                evaluate_mission_work(
                    mission=occurrence.mission,
                    worker=occurrence.worker,
                    skill=required.skill,
                    level=held.level,
                    comment=COMMENTS[(occurrence.worker_id + index) % len(COMMENTS)],
                    by=buyer,
                    now=DEMO_NOW,
                )
            except (ValidationError, PermissionDenied):
                continue
            evaluated.append(held)
    return evaluated


def _certify(evaluated: list[WorkerSkill], users: Mapping[str, User]) -> list[IssuedCredential]:
    issued = []
    for held in evaluated:
        certifiers = [users["trainer"]] + ([users["coordinator"]] if held.level >= 5 else [])
        try:
            for certifier in certifiers:
                award_level(
                    worker_skill=held,
                    level=held.level,
                    justification=JUSTIFICATION,
                    by=certifier,
                    now=DEMO_NOW,
                )
        except (ValidationError, PermissionDenied):
            continue
        credential = IssuedCredential.objects.filter(certification__worker_skill=held).first()
        if credential is not None:
            issued.append(credential)
    return issued


def _training(territory: Territory, users: Mapping[str, User]) -> bool:
    if TrainingSession.objects.filter(territory=territory).exists():
        return False
    gap = next((g for g in skill_gaps(territory=territory) if g.candidates), None)
    place = ThirdPlace.objects.filter(territory=territory).order_by("pk").first()
    if gap is None:
        return False
    session = plan_session(
        territory=territory,
        skill=gap.skill,
        level=gap.level,
        trainer=users["trainer"],
        starts_on=dt.date(2026, 11, 23),
        ends_on=dt.date(2026, 11, 27),
        hours=Decimal("21"),
        place_kind="third_place" if place else "remote",
        third_place=place,
        funding="opco",
        funding_amount=Decimal("1470.00"),
        workers=[c.worker for c in gap.candidates],
        by=users["coordinator"],
    )
    participants = list(session.participants.all())
    session = take_attendance(
        session=session,
        present=[p.pk for p in participants],
        by=users["trainer"],
        today=DEMO_NOW.date(),
    )
    for participant in Participant.objects.filter(session=session).select_related("session"):
        assess(
            participant=participant,
            level=gap.level,
            comment="Objectifs atteints : mises à jour et sauvegardes faites seul(e).",
            by=users["trainer"],
            now=DEMO_NOW,
        )
    return True


def build(*, territory: Territory, users: Mapping[str, User]) -> bool:
    """Evaluations, certified levels and badges (one revoked), and a training."""
    if IssuedCredential.objects.filter(worker__territory=territory).exists():
        return False
    keys.ensure_key()
    issued = _certify(_evaluate(territory, users["worker"]), users)
    if len(issued) >= 2:
        revoke_credential(
            credential=issued[-1], reason=REVOCATION, by=users["coordinator"], now=DEMO_NOW
        )
    trained = _training(territory, users)
    return bool(issued) or trained
