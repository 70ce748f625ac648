"""Training recommendations propose only workers who could reach the need (their max_km)."""

import math

import pytest

from maillage.gpec.recommendations import skill_gaps
from maillage.territory.geo import road_km
from maillage.territory.models import Commune
from tests.factories import BORDEAUX, MERIGNAC
from tests.scenarios import plan

pytestmark = pytest.mark.django_db


def _km() -> float:
    a, b = Commune.objects.get(insee_code=MERIGNAC), Commune.objects.get(insee_code=BORDEAUX)
    return road_km(a.latitude, a.longitude, b.latitude, b.longitude)


def test_a_worker_living_beyond_her_max_km_is_not_proposed(
    world, django_capture_on_commit_callbacks
):
    chloe = world.workers_by_name["Chloé"]
    chloe.max_km = math.floor(_km()) - 1
    chloe.save(update_fields=["max_km"])
    plan(world, django_capture_on_commit_callbacks)
    [gap] = skill_gaps(territory=world)
    assert (gap.skill.code, gap.candidates_total, gap.candidates) == ("web-upkeep", 0, [])


def test_a_worker_within_her_max_km_is_still_proposed(world, django_capture_on_commit_callbacks):
    chloe = world.workers_by_name["Chloé"]
    chloe.max_km = math.ceil(_km())
    chloe.save(update_fields=["max_km"])
    plan(world, django_capture_on_commit_callbacks)
    [gap] = skill_gaps(territory=world)
    assert [c.worker for c in gap.candidates] == [chloe]
