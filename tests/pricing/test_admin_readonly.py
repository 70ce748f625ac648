"""Charters and quotes are written once: read-only in the admin, refused by the database.

A charter may only be marked superseded (once); a quote's state moves along its lifecycle
(issued → accepted, refused or superseded), never its amounts.
"""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from maillage.core.immutability import ERROR_PREFIX
from maillage.pricing.models import (
    Charter,
    CharterPreparation,
    CharterRate,
    Quote,
    QuoteTransition,
)
from maillage.pricing.services import accept_quote, issue_charter, issue_quote, terms_of
from tests.immutability import (
    assert_admin_read_only,
    assert_frozen,
    assert_never_deleted,
    assert_not_in_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def quote(charter, need, coordinator):
    return issue_quote(mission=need, by=coordinator)


def test_a_charter_and_its_floors_are_read_only_in_the_admin(admin_client, charter):
    html = assert_admin_read_only(admin_client, charter)
    assert "22,00" in html  # the floors are shown, as text (video / expert)
    assert_not_in_admin(CharterRate)
    assert_not_in_admin(CharterPreparation)


def test_a_quote_and_its_history_are_read_only_in_the_admin(admin_client, quote):
    assert_admin_read_only(admin_client, quote)
    assert_not_in_admin(QuoteTransition)


def test_the_database_keeps_a_charter_as_issued(charter):
    assert_frozen(charter, mileage_rate=Decimal("0.100"))
    assert_frozen(charter, starts_on=charter.starts_on.replace(year=2016))
    assert_never_deleted(charter)
    rate = charter.rates.get(kind="video", band="expert")
    assert_frozen(rate, floor_hourly_gross=Decimal("30.00"))
    assert_never_deleted(rate)
    preparation = charter.preparations.first()
    assert_frozen(preparation, hours_per_hour=Decimal("1.50"))
    assert_never_deleted(preparation)


def test_a_charter_is_superseded_once_by_the_next_version(charter, coordinator):
    newer = issue_charter(territory=charter.territory, terms=terms_of(charter), by=coordinator)
    charter.refresh_from_db()
    assert (charter.superseded_at is not None, newer.superseded_at) == (True, None)
    assert_frozen(charter, superseded_at=timezone.now())
    assert_frozen(charter, superseded_at=None)


def test_the_database_keeps_a_quotes_amounts(quote):
    assert_frozen(quote, price=quote.price + 1, overhead=quote.overhead + 1)
    assert_frozen(quote, hourly_gross=Decimal("14.00"))
    assert_frozen(quote, computation={})
    assert_never_deleted(quote)
    logged = quote.transitions.get()
    assert_frozen(logged, to_state="accepted")
    assert_never_deleted(logged)


def test_accepting_a_quote_still_moves_its_state(quote, buyer):
    accepted = accept_quote(quote=quote, by=buyer)
    accepted.refresh_from_db()
    assert accepted.state == "accepted"
    assert [t.to_state for t in accepted.transitions.all()] == ["issued", "accepted"]


def test_an_accepted_quote_never_goes_back(quote, buyer):
    accept_quote(quote=quote, by=buyer)
    with pytest.raises(IntegrityError, match=ERROR_PREFIX), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(state="issued")
    assert Quote.objects.get(pk=quote.pk).state == "accepted"


def test_a_territory_with_charters_cannot_be_deleted(charter):
    with pytest.raises(IntegrityError), transaction.atomic():
        charter.territory.delete()
    assert Charter.objects.filter(pk=charter.pk).exists()
