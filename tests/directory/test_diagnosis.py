"""Diagnosis answers feed the GPEC demand as declared hours, beside the needs'."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from maillage.directory.models import DiagnosisAnswer
from maillage.gpec.diagnosis_demand import declared_demand
from maillage.gpec.supply_demand import supply_and_demand
from tests.factories.directory import answered, structure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def test_the_latest_answers_are_the_declared_demand(territory):
    fabrique = structure(territory)
    answered(fabrique, buy=D("2"))
    answered(fabrique, buy=D("6"), offer=D("3"), kinds=("digital_help_desk", "training"))
    epn = structure(territory, name="EPN Mérignac", kind="epn", commune="33281")
    answered(epn, buy=D("1.5"), kinds=())
    declared = declared_demand(territory)
    assert (declared.minutes, declared.structures, declared.offered_minutes) == (450, 2, 180)
    assert declared.by_commune == {"33243": 360, "33281": 90}
    assert declared.by_kind == {"digital_help_desk": 180, "training": 180, "unspecified": 90}


def test_the_supply_and_demand_report_shows_them_before_any_need(territory):
    answered(structure(territory), buy=D("6"))
    report = supply_and_demand(territory=territory)
    assert report.total_demand_minutes == 0
    assert report.declared_demand_minutes == 360
    assert [(a.name, a.demand_minutes, a.declared_minutes) for a in report.communes] == [
        ("Libourne", 0, 360)
    ]


def test_absurd_hours_are_refused(territory):
    fabrique = structure(territory)
    with pytest.raises(ValidationError) as error:
        answered(fabrique, buy=D("-1"), offer=D("500"))
    assert error.value.message_dict == {
        "hours_to_buy_per_week": ["Hours a week are between 0 and 200."],
        "hours_to_offer_per_week": ["Hours a week are between 0 and 200."],
    }
    assert not DiagnosisAnswer.objects.exists()
