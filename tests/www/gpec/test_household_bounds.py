"""Out-of-range household figures are refused at their field (no server error), and the
database refuses them by named constraints whatever the path."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from maillage.gpec.models import HouseholdSituation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_2026(monkeypatch):
    """Ages are counted from today's year: 2026 here (14 to 100 years old: 1926-2012)."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 10, 1))


VALID = {
    "kind": "couple",
    "children": "2",
    "birth_year": "1990",
    "monthly_gross_earnings": "1200",
    "partner_monthly_gross_earnings": "1500",
    "consent": "on",
}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("children", "13", "Give a number of children from 0 to 12."),
        ("children", "-1", "Give a number of children from 0 to 12."),
        ("birth_year", "0", "Give a year of birth between 1926 and 2012."),
        ("birth_year", "2026", "Give a year of birth between 1926 and 2012."),
        ("monthly_gross_earnings", "-50", "Give monthly earnings from 0 to 100000 €."),
        ("partner_monthly_gross_earnings", "250000", "Give monthly earnings from 0 to 100000 €."),
    ],
)
def test_an_out_of_range_figure_is_refused_at_its_field(client, worker, field, value, message):
    client.force_login(worker.user)
    response = client.post("/en" + reverse("gpec:me")[3:], {**VALID, field: value})
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert HouseholdSituation.objects.count() == 0


def test_figures_in_range_are_recorded(client, worker):
    client.force_login(worker.user)
    response = client.post(reverse("gpec:me"), VALID)
    assert response.status_code == 302
    situation = HouseholdSituation.objects.get(worker=worker)
    assert (situation.children, situation.birth_year) == (2, 1990)


@pytest.mark.parametrize(
    ("changes", "constraint"),
    [
        ({"birth_year": 0}, "household_birth_year_plausible"),
        ({"children": 13}, "household_children_reasonable"),
        ({"monthly_gross_earnings": -1}, "household_earnings_not_negative"),
    ],
)
def test_the_database_refuses_absurd_figures(worker, changes, constraint):
    situation = HouseholdSituation.objects.create(worker=worker, kind="single", birth_year=1990)
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        HouseholdSituation.objects.filter(pk=situation.pk).update(**changes)
