"""The demo's economic model, directory and unpaid engagement, on a small territory."""

import pytest

from maillage.demo.economics import STRUCTURES, build
from maillage.directory.models import DiagnosisAnswer, Structure
from maillage.economics.models import Assumptions
from maillage.engagement.models import Offer, Placement
from tests.factories.people import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_build_adds_everything_once(territory, coordinator):
    for kind in ("association", "school", "library"):
        OrganisationFactory(territory=territory, kind=kind)
    assert build(territory=territory, users={"coordinator": coordinator}) is True
    assert sorted(
        Assumptions.objects.filter(territory=territory).values_list("phase", "number")
    ) == [("development", 1), ("running", 1), ("seed", 1), ("seed", 2)]
    assert Structure.objects.filter(territory=territory).count() == len(STRUCTURES) == 30
    assert DiagnosisAnswer.objects.count() == 12
    assert Offer.objects.count() == 2
    assert Placement.objects.count() == 3
    assert build(territory=territory, users={"coordinator": coordinator}) is False
    assert Structure.objects.count() == 30
