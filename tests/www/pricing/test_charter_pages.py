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


def _posted(form) -> dict:
    values = {name: form[name].value() for name in form.fields}
    return {k: ("" if v is None else v) for k, v in values.items()}


def test_the_form_issues_the_timesheet_and_cancellation_terms(client, territory, coordinator):
    client.force_login(coordinator)
    url = reverse("pricing:charter_new", args=[territory.pk])
    data = _posted(client.get(url).context["form"])
    assert (
        data["timesheet_validation_days"],
        data["late_cancellation_hours"],
        data["need_cancellation_notice_days"],
    ) == (7, 48, 14)
    data.update(
        timesheet_validation_days="10",
        late_cancellation_hours="24",
        need_cancellation_notice_days="30",
    )
    response = client.post(url, data)
    charter = Charter.objects.get()
    assert response.status_code == 302
    assert (
        charter.timesheet_validation_days,
        charter.late_cancellation_hours,
        charter.need_cancellation_notice_days,
    ) == (10, 24, 30)
    page = client.get("/en" + reverse("pricing:charter_version", args=[charter.pk])[3:])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Days for the buyer to validate a timesheet" in text
    assert "<dd>30</dd>" in text


def test_a_new_version_starts_from_the_terms_in_force(client, territory, coordinator):
    client.force_login(coordinator)
    url = reverse("pricing:charter_new", args=[territory.pk])
    data = _posted(client.get(url).context["form"])
    data.update(timesheet_validation_days="12", late_cancellation_hours="0")
    assert client.post(url, data).status_code == 302
    form = client.get(url).context["form"]
    assert (form["timesheet_validation_days"].value(), form["late_cancellation_hours"].value()) == (
        12,
        0,
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("timesheet_validation_days", "0", "Ensure this value is greater than or equal to 1."),
        ("timesheet_validation_days", "61", "Ensure this value is less than or equal to 60."),
        ("late_cancellation_hours", "337", "Ensure this value is less than or equal to 336."),
        ("late_cancellation_hours", "-1", "Ensure this value is greater than or equal to 0."),
        ("need_cancellation_notice_days", "91", "Ensure this value is less than or equal to 90."),
        ("need_cancellation_notice_days", "", "This field is required."),
        ("need_cancellation_notice_days", "two", "Enter a whole number."),
    ],
)
def test_the_form_refuses_terms_out_of_bounds_and_writes_nothing(
    client, territory, coordinator, field, value, message
):
    client.force_login(coordinator)
    url = "/en" + reverse("pricing:charter_new", args=[territory.pk])[3:]
    data = _posted(client.get(url).context["form"])
    data[field] = value
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert Charter.objects.count() == 0
