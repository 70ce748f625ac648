"""The demo's credentials step on the small GPEC world: evaluations, badges (one revoked),
a training; a second run adds nothing."""

import datetime as dt

import pytest

from maillage.consolidation.models import PlanAssignment
from maillage.credentials.models import IssuedCredential
from maillage.demo.credentials import build
from maillage.execution.models import Occurrence
from maillage.people.models import Role
from maillage.skills.models import SkillEvidence
from maillage.training.models import TrainingSession
from tests.credentials.conftest import credential_keys  # noqa: F401
from tests.factories import buyer_member, member_with_role
from tests.factories.credentials import worked

pytestmark = pytest.mark.django_db


def test_the_demo_step_builds_once(planned):
    world = planned
    alice, bruno = world.workers_by_name["Alice"], world.workers_by_name["Bruno"]
    m1, m2 = world.missions_by_name["M1"], world.missions_by_name["M2"]
    buyer = buyer_member(m1.buyer)
    assert m2.buyer == m1.buyer
    # Publishing dated the plan: the weeks of November before the demo's today are worked.
    workers = set(
        PlanAssignment.objects.filter(version=world.published, mission__in=[m1, m2]).values_list(
            "worker", flat=True
        )
    )
    assert workers == {alice.pk}
    worked(bruno, m2, dt.date(2026, 11, 5))  # Bruno replaced Alice once
    users = {
        "worker": alice.user,
        "buyer": buyer,
        "coordinator": world.coordinator,
        "trainer": member_with_role(Role.TRAINER, world),
    }
    assert build(territory=world, users=users) is True
    assert SkillEvidence.objects.filter(kind="mission_evaluation").count() == 2
    assert Occurrence.objects.filter(mission__in=[m1, m2]).exists()
    credentials = list(IssuedCredential.objects.order_by("pk"))
    assert sorted((c.worker.pk, c.level) for c in credentials) == [(alice.pk, 4), (bruno.pk, 4)]
    assert credentials[0].worker == alice  # the showcase worker first
    assert [c.revoked_at is not None for c in credentials] == [False, True]
    session = TrainingSession.objects.get()
    assert (session.skill.code, session.target_level, session.state) == ("web-upkeep", 3, "held")
    assert SkillEvidence.objects.filter(kind="trainer_assessment").count() == 1
    assert build(territory=world, users=users) is False
    assert IssuedCredential.objects.count() == 2
