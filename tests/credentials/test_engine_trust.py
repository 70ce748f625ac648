"""The engine's instance trusts declared levels, or certified ones only, per skill."""

import pytest

from maillage.consolidation.instance import build_instance, worker_key
from maillage.skills.models import SkillTrustPolicy
from tests.factories import END, START, WorkerSkillFactory, member_with_role, skill
from tests.factories.credentials import certified

pytestmark = pytest.mark.django_db


def levels(territory, worker):
    data = build_instance(territory=territory, period_start=START, period_end=END).data
    return next(w["skills"] for w in data["workers"] if w["id"] == worker_key(worker.pk))


def test_certified_only_ignores_declared_levels_of_that_skill(territory, worker):
    WorkerSkillFactory(worker=worker, skill=skill("video"), level=3)
    assert levels(territory, worker) == {"workshop-children": 4, "video": 3}
    SkillTrustPolicy.objects.create(
        territory=territory, skill=skill("workshop-children"), trust="certified"
    )
    assert levels(territory, worker) == {"video": 3}
    certified(
        worker.skills.get(skill__code="workshop-children"),
        2,
        member_with_role("trainer", territory),
    )
    assert levels(territory, worker) == {"workshop-children": 2, "video": 3}


def test_another_territory_s_policy_changes_nothing(territory, worker):
    from tests.factories import TerritoryFactory

    SkillTrustPolicy.objects.create(
        territory=TerritoryFactory(), skill=skill("workshop-children"), trust="certified"
    )
    assert levels(territory, worker) == {"workshop-children": 4}
