"""The charter: versions, one in force, floors never below the SMIC on any path."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from maillage.pricing.models import Charter, CharterRate
from maillage.pricing.services import default_terms, issue_charter, terms_of

pytestmark = pytest.mark.django_db


def test_a_charter_stores_the_smic_of_its_start_date_and_every_floor(charter):
    assert charter.legal_minimum_hourly == Decimal("12.02")
    assert charter.rates.count() == 32
    assert charter.preparations.get(kind="after_school_workshop").hours_per_hour == Decimal("0.50")
    assert charter.preparations.get(kind="digital_help_desk").hours_per_hour == Decimal("0.10")
    assert charter.mileage_rate == Decimal("0.6360")


def test_a_new_version_supersedes_the_one_in_force_and_keeps_it(territory, charter, coordinator):
    terms = terms_of(charter)
    newer = issue_charter(
        territory=territory,
        terms=terms.__class__(**{**terms.__dict__, "starts_on": dt.date(2026, 9, 1)}),
        by=coordinator,
    )
    charter.refresh_from_db()
    assert (charter.in_force, newer.in_force, newer.number) == (False, True, 2)
    assert newer.legal_minimum_hourly == Decimal("12.31")
    assert Charter.objects.filter(territory=territory).count() == 2


def test_the_service_refuses_a_floor_below_the_smic_and_writes_nothing(territory, coordinator):
    terms = default_terms(dt.date(2026, 1, 1))
    floors = dict(terms.floors)
    floors[("digital_help_desk", "foundation")] = Decimal("11.50")
    with pytest.raises(ValidationError) as error:
        issue_charter(
            territory=territory,
            terms=terms.__class__(**{**terms.__dict__, "floors": floors}),
            by=coordinator,
        )
    assert "SMIC" in str(error.value.message_dict["floor_digital_help_desk_foundation"])
    assert Charter.objects.count() == 0
    assert CharterRate.objects.count() == 0


def test_two_versions_in_force_are_refused_by_the_database(territory, charter):
    with pytest.raises(IntegrityError), transaction.atomic():
        Charter.objects.create(
            territory=territory,
            number=2,
            starts_on=dt.date(2026, 2, 1),
            legal_minimum_hourly=Decimal("12.02"),
            mileage_rate=Decimal("0.636"),
            cooperative_fee_rate=Decimal("0.08"),
            overhead_coefficient=Decimal("1.05"),
        )
    assert Charter.objects.count() == 1


def test_a_floor_below_the_legal_minimum_is_refused_by_the_database(charter):
    with pytest.raises(IntegrityError), transaction.atomic():
        CharterRate.objects.filter(charter=charter, kind="video", band="expert").update(
            floor_hourly_gross=Decimal("10.00")
        )
    assert charter.rates.get(kind="video", band="expert").floor_hourly_gross == Decimal("22.00")


def test_the_admin_cannot_add_or_change_a_charter(admin_client, charter):
    response = admin_client.post(reverse("admin:pricing_charter_add"), {"number": 5})
    assert response.status_code == 403
    response = admin_client.post(
        reverse("admin:pricing_charter_change", args=[charter.pk]), {"mileage_rate": "0.1"}
    )
    assert response.status_code == 403
    charter.refresh_from_db()
    assert charter.mileage_rate == Decimal("0.6360")
    assert Charter.objects.count() == 1
