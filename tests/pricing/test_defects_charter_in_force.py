"""A charter applies from its start date; its form accepts the values it shows."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from maillage.governance.models import Proposal
from maillage.pricing.models import Charter
from maillage.pricing.services import (
    charter_in_force,
    issue_charter,
    prepare_quote,
    terms_of,
    upcoming_charters,
)

pytestmark = pytest.mark.django_db


def _issue_from(charter, coordinator, starts_on, **changes):
    terms = dataclasses.replace(terms_of(charter), starts_on=starts_on, **changes)
    return issue_charter(territory=charter.territory, terms=terms, by=coordinator)


def test_a_charter_dated_in_the_future_is_not_in_force_before_its_start(
    territory, charter, coordinator
):
    later = _issue_from(charter, coordinator, dt.date(2027, 3, 1))
    assert charter_in_force(territory, on=dt.date(2027, 2, 28)) == charter
    assert charter_in_force(territory, on=dt.date(2027, 3, 1)) == later
    assert charter_in_force(territory, on=dt.date(2025, 12, 31)) is None
    assert upcoming_charters(territory, on=dt.date(2027, 2, 28)) == [later]
    assert upcoming_charters(territory, on=dt.date(2027, 3, 1)) == []


def test_a_later_version_replaces_an_earlier_one_from_its_own_start(
    territory, charter, coordinator
):
    march = _issue_from(charter, coordinator, dt.date(2027, 3, 1))
    # Issued after the March version, starting before it: it replaces it altogether.
    february = _issue_from(charter, coordinator, dt.date(2027, 2, 1))
    assert charter_in_force(territory, on=dt.date(2027, 1, 31)) == charter
    assert charter_in_force(territory, on=dt.date(2027, 4, 1)) == february
    assert upcoming_charters(territory, on=dt.date(2027, 1, 31)) == [february]
    assert march.number == 2


def test_a_quote_uses_the_charter_in_force_today_not_the_upcoming_one(
    territory, charter, coordinator, need
):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    floors = {key: floor + 5 for key, floor in terms_of(charter).floors.items()}
    _issue_from(charter, coordinator, tomorrow, floors=floors)
    draft = prepare_quote(mission=need)
    assert draft.charter == charter
    assert (
        draft.floor_hourly_gross
        == charter.rates.get(kind=need.kind, band="foundation").floor_hourly_gross
    )


def test_the_overview_shows_the_charter_in_force_and_the_upcoming_one_apart(
    client, territory, charter, coordinator
):
    starts_on = timezone.localdate() + dt.timedelta(days=30)
    later = _issue_from(charter, coordinator, starts_on)
    client.force_login(coordinator)
    response = client.get(reverse("pricing:charter_overview"))
    entry = response.context["territories"][0]
    assert (entry["in_force"], entry["upcoming"]) == (charter, [later])
    page = response.content.decode()
    # The French wording comes with the merged catalogue; the date is already French.
    with override("fr"):
        day = date_format(starts_on, "DATE_FORMAT")
    assert f"v2, in force from {day}" in page or f"v2, en vigueur à partir du {day}" in page
    charter.refresh_from_db()
    assert charter.in_force is True
    assert later.in_force is False


def test_the_new_version_form_accepts_its_own_prefilled_values(
    client, territory, charter, coordinator
):
    client.force_login(coordinator)
    url = reverse("pricing:charter_new", args=[territory.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    assert data["cooperative_fee_percent"] == Decimal("8.00")
    data["travel_time_paid"] = "on"
    response = client.post(url, {k: ("" if v is None else v) for k, v in data.items()})
    assert response.status_code == 302
    # A later version goes to the colleges' vote: the prefilled values change nothing but the
    # start date (and the travel time, ticked above, when the charter did not pay it yet).
    proposal = Proposal.objects.get()
    assert set(proposal.change) <= {"starts_on", "travel_time_paid"}
    assert proposal.change["starts_on"] == data["starts_on"].isoformat()
    assert not Charter.objects.filter(number=2).exists()


def test_the_new_version_form_shows_each_value_with_the_field_precision(
    client, territory, charter, coordinator
):
    client.force_login(coordinator)
    page = client.get(reverse("pricing:charter_new", args=[territory.pk])).content.decode()
    assert 'name="cooperative_fee_percent" value="8.00"' in page
    assert "8.0000" not in page


def test_a_new_version_starts_from_every_term_of_the_previous_one(charter, coordinator):
    """The after-planning terms (timesheet delay, cancellation notices) are carried over too."""
    changed = {
        "timesheet_validation_days": 10,
        "late_cancellation_hours": 24,
        "need_cancellation_notice_days": 30,
    }
    first = _issue_from(charter, coordinator, dt.date(2027, 3, 1), **changed)
    second = _issue_from(first, coordinator, dt.date(2027, 4, 1))
    assert {name: getattr(second, name) for name in changed} == changed
    assert dataclasses.replace(terms_of(second), starts_on=first.starts_on) == terms_of(first)
