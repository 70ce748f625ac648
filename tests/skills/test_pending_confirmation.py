"""A self-declared level above 4 waits for a coordinator; the engine uses 4 meanwhile."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from maillage.consolidation.instance import build_instance
from maillage.people.models import Role
from maillage.skills.models import SkillEvidence, WorkerSkill
from maillage.skills.services import claim_skill, confirm_skill_level
from tests.factories import END, START, WorkerProfileFactory, member_with_role, skill

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 10, 1)


@pytest.fixture
def worker(territory):
    return WorkerProfileFactory(territory=territory, with_membership=True)


def test_a_claim_above_four_is_stored_pending_and_used_at_four(worker, territory):
    claimed = claim_skill(
        worker=worker, skill=skill("web-upkeep"), level=8, by=worker.user, on=TODAY
    )
    assert (claimed.level, claimed.declared_level, claimed.is_pending_confirmation) == (4, 8, True)
    assert SkillEvidence.objects.get(worker_skill=claimed).level == 8  # what was declared
    built = build_instance(territory=territory, period_start=START, period_end=END)
    [engine_worker] = built.data["workers"]
    assert engine_worker["skills"] == {"web-upkeep": 4}


def test_a_claim_up_to_four_is_used_as_declared(worker):
    claimed = claim_skill(
        worker=worker, skill=skill("web-upkeep"), level=4, by=worker.user, on=TODAY
    )
    assert (claimed.level, claimed.declared_level) == (4, None)


def test_a_coordinator_of_the_territory_confirms_the_declared_level(worker, territory, coordinator):
    claimed = claim_skill(
        worker=worker, skill=skill("web-upkeep"), level=7, by=worker.user, on=TODAY
    )
    confirmed = confirm_skill_level(worker_skill=claimed, by=coordinator)
    assert (confirmed.level, confirmed.declared_level, confirmed.confirmed_by) == (
        7,
        None,
        coordinator,
    )
    with pytest.raises(ValidationError):
        confirm_skill_level(worker_skill=confirmed, by=coordinator)


def test_the_worker_or_another_coordinator_cannot_confirm(worker, territory):
    claimed = claim_skill(
        worker=worker, skill=skill("web-upkeep"), level=7, by=worker.user, on=TODAY
    )
    elsewhere = member_with_role(Role.COORDINATOR, WorkerProfileFactory().territory)
    for user in (worker.user, elsewhere):
        with pytest.raises(PermissionError):
            confirm_skill_level(worker_skill=claimed, by=user)
    claimed.refresh_from_db()
    assert (claimed.level, claimed.declared_level) == (4, 7)


def test_the_database_refuses_a_pending_level_not_above_the_level_in_use(worker):
    claimed = claim_skill(
        worker=worker, skill=skill("web-upkeep"), level=6, by=worker.user, on=TODAY
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkerSkill.objects.filter(pk=claimed.pk).update(declared_level=3)
