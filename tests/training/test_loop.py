"""The training loop end to end, with the real engine on the small GPEC world:
recommendation → session → attendance → assessment → certified level → the next run gives
Chloé the web-upkeep mission the recommendation predicted."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.consolidation.models import PlanAssignment, PlanUnassigned
from maillage.credentials.models import IssuedCredential
from maillage.credentials.services import award_level
from maillage.people.models import Role
from maillage.skills.models import SkillEvidence, SkillTrustPolicy
from maillage.training.models import Participant, TrainingSession
from maillage.training.selectors import outcomes
from maillage.training.services import assess, plan_session, take_attendance
from tests import scenarios
from tests.factories import ThirdPlaceFactory, member_with_role, skill

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
TODAY = dt.date(2026, 10, 20)


def session_for(world, trainer, **overrides):
    place = ThirdPlaceFactory(territory=world)
    arguments = {
        "territory": world,
        "skill": skill("web-upkeep"),
        "level": 3,
        "trainer": trainer,
        "starts_on": dt.date(2026, 10, 5),
        "ends_on": dt.date(2026, 10, 9),
        "hours": Decimal("21"),
        "place_kind": "third_place",
        "third_place": place,
        "funding": "opco",
        "funding_amount": Decimal("1260.005"),
        "workers": [world.workers_by_name["Chloé"]],
        "by": world.coordinator,
    }
    return plan_session(**(arguments | overrides))


def test_recommendation_to_certified_level_to_the_next_plan(
    planned, django_capture_on_commit_callbacks
):
    world = planned
    chloe = world.workers_by_name["Chloé"]
    m3 = world.missions_by_name["M3"]
    assert PlanUnassigned.objects.filter(version=world.published, mission=m3).exists()
    SkillTrustPolicy.objects.create(territory=world, skill=skill("web-upkeep"), trust="certified")
    trainer = member_with_role(Role.TRAINER, world)

    session = session_for(world, trainer)
    assert (session.predicted_missions, session.predicted_weekly_minutes) == ([m3.pk], 120)
    assert session.funding_amount == Decimal("1260.01")
    participant = Participant.objects.get(session=session)
    assert (participant.worker, participant.level_before) == (chloe, 2)

    take_attendance(session=session, present=[participant.pk], by=trainer, today=TODAY)
    participant.refresh_from_db()
    evidence = assess(participant=participant, level=3, comment="Acquis.", by=trainer)
    assert (evidence.kind, evidence.level, evidence.source) == (
        "trainer_assessment",
        3,
        f"training:{session.pk}",
    )
    held = chloe.skills.get(skill=skill("web-upkeep"))
    assert (held.level, held.certified_level) == (2, None)

    award_level(
        worker_skill=held,
        level=3,
        justification="Évaluation de fin de formation.",
        by=world.coordinator,
    )
    held.refresh_from_db()
    assert (held.level, held.certified_level) == (3, 3)
    assert IssuedCredential.objects.get().level == 3

    version = scenarios.plan(world, django_capture_on_commit_callbacks)
    assert PlanAssignment.objects.get(version=version, mission=m3).worker == chloe
    [outcome] = outcomes(world)
    assert (outcome.predicted_minutes, outcome.unlocked_minutes) == (120, 120)
    assert (outcome.predicted_missions, outcome.unlocked_missions) == (1, 1)


def test_participants_come_from_the_recommendation(planned):
    world = planned
    trainer = member_with_role(Role.TRAINER, world)
    with pytest.raises(ValidationError) as error:
        session_for(world, trainer, workers=[world.workers_by_name["Alice"]])
    assert error.value.message_dict == {
        "workers": ["Participants are chosen among the workers the recommendation names."]
    }
    with pytest.raises(ValidationError):
        session_for(world, trainer, level=5)
    with pytest.raises(PermissionDenied):
        session_for(world, trainer, by=trainer)
    with pytest.raises(ValidationError) as error:
        session_for(world, world.coordinator)
    assert error.value.message_dict == {"trainer": ["The trainer holds the trainer role here."]}
    assert TrainingSession.objects.count() == 0


def test_only_the_trainer_assesses_an_attendee_at_the_end(planned):
    world = planned
    trainer = member_with_role(Role.TRAINER, world)
    session = session_for(world, trainer)
    participant = session.participants.get()
    with pytest.raises(ValidationError):  # not held yet
        assess(participant=participant, level=3, comment="", by=trainer)
    take_attendance(session=session, present=[], by=world.coordinator, today=TODAY)
    participant.refresh_from_db()
    with pytest.raises(ValidationError, match="Only an attendee"):
        assess(participant=participant, level=3, comment="", by=trainer)
    with pytest.raises(PermissionDenied):
        assess(participant=participant, level=3, comment="", by=world.coordinator)
    assert SkillEvidence.objects.filter(kind="trainer_assessment").count() == 0


def test_the_session_log_is_frozen(planned):
    from maillage.training.models import SessionTransition
    from tests.immutability import assert_frozen, assert_never_deleted

    world = planned
    trainer = member_with_role(Role.TRAINER, world)
    session = session_for(world, trainer)
    take_attendance(session=session, present=[], by=trainer, today=TODAY)
    log = SessionTransition.objects.get(session=session)
    assert (log.from_state, log.to_state, log.by) == ("planned", "held", trainer)
    assert_frozen(log, to_state="cancelled")
    assert_never_deleted(log)


def test_the_gpec_page_shows_what_the_training_unlocked(
    planned, django_capture_on_commit_callbacks, client
):
    world = planned
    trainer = member_with_role(Role.TRAINER, world)
    session = session_for(world, trainer)
    participant = session.participants.get()
    take_attendance(session=session, present=[participant.pk], by=trainer, today=TODAY)
    participant.refresh_from_db()
    assess(participant=participant, level=3, comment="", by=trainer)
    held = world.workers_by_name["Chloé"].skills.get(skill=skill("web-upkeep"))
    award_level(worker_skill=held, level=3, justification="Formation.", by=world.coordinator)
    scenarios.plan(world, django_capture_on_commit_callbacks)
    client.force_login(world.coordinator)
    page = client.get(f"/en/gpec/{world.slug}/").content.decode()
    assert "Trainings held" in page
    assert "Web" in page or "web" in page.lower()
    [outcome] = outcomes(world)
    assert (outcome.unlocked_hours, outcome.predicted_jobs, outcome.jobs) == (2.0, None, 0)
    client.force_login(trainer)
    assert "Trainings held" not in client.get(f"/en/gpec/{world.slug}/").content.decode()
