"""Quotes: the breakdown adds up, the lifecycle moves the need, no price below the floor."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from maillage.core.statemachine import IllegalTransition
from maillage.pricing.models import Quote
from maillage.pricing.services import accept_quote, issue_quote, refuse_quote

pytestmark = pytest.mark.django_db


def test_a_quote_at_the_floor_prices_the_need_and_its_parts_add_up(
    charter, need, coordinator, worker
):
    quote = issue_quote(mission=need, by=coordinator)
    need.refresh_from_db()
    assert need.state == "priced"
    # 7 Tuesdays of 1 h 30 (2 Nov - 18 Dec 2026), 0.5 h of preparation per hour delivered,
    # 7 round trips of 7.9 km (Mérignac to Bordeaux), 10 minutes each way.
    assert (quote.delivered_hours, quote.preparation_hours) == (Decimal("10.50"), Decimal("5.25"))
    assert (quote.travel_km, quote.travel_hours) == (Decimal("110.60"), Decimal("2.33"))
    assert quote.paid_hours == Decimal("18.08")
    assert (quote.hourly_gross, quote.floor_hourly_gross) == (Decimal("13.50"), Decimal("13.50"))
    assert quote.gross_pay == Decimal("244.08")  # 18.08 h x 13.50
    assert quote.mileage_allowance == Decimal("70.34")  # 110.6 km x 0.636
    total = sum((amount for _code, amount in quote.parts()), Decimal(0))
    assert total == quote.price
    assert quote.net_pay + quote.employee_contributions == quote.gross_pay
    assert quote.price == Decimal("388.03")
    assert quote.computation["monthly_payslip"]["gross"] == "150.93"
    assert [t.to_state for t in quote.transitions.all()] == ["issued"]


@pytest.mark.parametrize("hourly", ["13.50", "14.37", "19.99", "23.45"])
def test_the_parts_add_up_to_the_price_to_the_cent(charter, need, coordinator, hourly):
    quote = issue_quote(mission=need, by=coordinator, hourly_gross=Decimal(hourly))
    quote.refresh_from_db()
    assert sum((amount for _code, amount in quote.parts()), Decimal(0)) == quote.price


def test_the_service_refuses_a_pay_below_the_floor_and_writes_nothing(charter, need, coordinator):
    with pytest.raises(ValidationError) as error:
        issue_quote(mission=need, by=coordinator, hourly_gross=Decimal("13.49"))
    assert error.value.message_dict["hourly_gross"][0].startswith(
        "La rémunération horaire ne peut pas être inférieure au plancher de la charte "
        "tarifaire : 13.49 € < 13.50 €"
    )
    need.refresh_from_db()
    assert need.state == "draft"
    assert Quote.objects.count() == 0


def test_no_quote_without_a_charter(need, coordinator):
    with pytest.raises(ValidationError):
        issue_quote(mission=need, by=coordinator)
    assert Quote.objects.count() == 0


def test_the_database_refuses_a_quote_below_its_floor(charter, need, coordinator):
    quote = issue_quote(mission=need, by=coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(hourly_gross=Decimal("12.00"))
    quote.refresh_from_db()
    assert quote.hourly_gross == Decimal("13.50")


def test_the_database_refuses_a_floor_lower_than_the_charters(charter, need, coordinator):
    """An import that lowers both the stored floor and the pay is stopped by a trigger."""
    quote = issue_quote(mission=need, by=coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(
            floor_hourly_gross=Decimal("10.00"), hourly_gross=Decimal("10.00")
        )
    quote.refresh_from_db()
    assert (quote.floor_hourly_gross, quote.hourly_gross) == (Decimal("13.50"), Decimal("13.50"))


def test_a_quote_at_the_charters_floor_is_still_accepted_by_the_trigger(charter, need, coordinator):
    quote = issue_quote(mission=need, by=coordinator)
    Quote.objects.filter(pk=quote.pk).update(state="superseded")
    quote.refresh_from_db()
    assert (quote.state, quote.floor_hourly_gross) == ("superseded", Decimal("13.50"))


def test_the_database_refuses_parts_that_do_not_add_up(charter, need, coordinator):
    quote = issue_quote(mission=need, by=coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(net_pay=quote.net_pay - Decimal("1.00"))


def test_a_direct_save_below_the_floor_is_refused(charter, need, coordinator):
    quote = issue_quote(mission=need, by=coordinator)
    copy = Quote.objects.get(pk=quote.pk)
    copy.pk = None
    copy.number = 2
    copy.state = "refused"
    copy.floor_hourly_gross = Decimal("13.50")
    copy.hourly_gross = Decimal("11.00")
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()
    assert Quote.objects.count() == 1


def test_the_admin_cannot_add_or_change_a_quote(admin_client, charter, need, coordinator):
    quote = issue_quote(mission=need, by=coordinator)
    response = admin_client.post(
        reverse("admin:pricing_quote_add"),
        {"mission": need.pk, "hourly_gross": "5.00", "floor_hourly_gross": "13.50"},
    )
    assert response.status_code == 403
    response = admin_client.post(
        reverse("admin:pricing_quote_change", args=[quote.pk]), {"hourly_gross": "5.00"}
    )
    assert response.status_code == 403
    quote.refresh_from_db()
    assert quote.hourly_gross == Decimal("13.50")
    assert Quote.objects.count() == 1


def test_accepting_moves_the_need_to_accepted(charter, need, coordinator, buyer):
    quote = accept_quote(quote=issue_quote(mission=need, by=coordinator), by=buyer)
    need.refresh_from_db()
    assert (quote.state, need.state) == ("accepted", "accepted")
    with pytest.raises(IllegalTransition):
        refuse_quote(quote=quote, by=buyer)


def test_refusing_sends_the_need_back_to_draft_and_a_new_quote_can_follow(
    charter, need, coordinator, buyer
):
    first = refuse_quote(quote=issue_quote(mission=need, by=coordinator), by=buyer, reason="Cher")
    need.refresh_from_db()
    assert (first.state, need.state) == ("refused", "draft")
    second = issue_quote(mission=need, by=coordinator, hourly_gross=Decimal("14.00"))
    assert second.number == 2
    assert list(need.transitions.values_list("to_state", flat=True)) == [
        "priced",
        "draft",
        "priced",
    ]


def test_a_new_quote_supersedes_the_pending_one(charter, need, coordinator):
    first = issue_quote(mission=need, by=coordinator)
    second = issue_quote(mission=need, by=coordinator, hourly_gross=Decimal("15.00"))
    first.refresh_from_db()
    need.refresh_from_db()
    assert (first.state, second.state, need.state) == ("superseded", "issued", "priced")
