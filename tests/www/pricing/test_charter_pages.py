"""The new-charter form: a floor below the SMIC is refused on the page; a version is issued."""

from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.pricing.models import Charter

pytestmark = pytest.mark.django_db


def test_the_form_refuses_a_floor_below_the_smic_and_writes_nothing(client, territory, coordinator):
    client.force_login(coordinator)
    url = reverse("pricing:charter_new", args=[territory.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    # starts_on stays as the form offers it: today (a new version cannot be back-dated)
    data["travel_time_paid"] = "on"
    data["floor_training_intermediate"] = "9.00"
    response = client.post(url, {k: ("" if v is None else v) for k, v in data.items()})
    assert response.status_code == 400
    assert "SMIC" in response.content.decode()
    assert Charter.objects.count() == 0


def test_the_form_issues_a_version(client, territory, coordinator):
    client.force_login(coordinator)
    url = reverse("pricing:charter_new", args=[territory.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    # starts_on stays as the form offers it: today (a new version cannot be back-dated)
    response = client.post(url, {k: ("" if v is None else v) for k, v in data.items()})
    charter = Charter.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("pricing:charter_version", args=[charter.pk])
    assert (charter.cooperative_fee_rate, charter.travel_time_paid) == (Decimal("0.08"), True)


def test_the_form_refuses_a_back_dated_version_and_writes_nothing(client, territory, coordinator):
    client.force_login(coordinator)
    url = reverse("pricing:charter_new", args=[territory.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["starts_on"] = "2016-01-01"
    response = client.post("/en" + url[3:], {k: ("" if v is None else v) for k, v in data.items()})
    assert response.status_code == 400
    assert response.context["form"].errors["starts_on"] == [
        "A new charter version cannot start before today."
    ]
    assert Charter.objects.count() == 0
