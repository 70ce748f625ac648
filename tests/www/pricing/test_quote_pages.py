"""Quote pages: the form refuses a pay below the floor, the buyer accepts, the PDF."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from maillage.pricing.models import Quote
from maillage.pricing.services import issue_quote

pytestmark = pytest.mark.django_db


def test_the_form_refuses_a_pay_below_the_floor_and_writes_nothing(
    client, charter, need, coordinator
):
    client.force_login(coordinator)
    response = client.post(reverse("pricing:quote_new", args=[need.pk]), {"hourly_gross": "12.50"})
    assert response.status_code == 400
    (message,) = response.context["form"].errors["hourly_gross"]
    assert "12.50" in message and "13.50" in message
    assert escape(message) in response.content.decode()
    assert Quote.objects.count() == 0
    need.refresh_from_db()
    assert need.state == "draft"


def test_the_form_issues_a_quote(client, charter, need, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("pricing:quote_new", args=[need.pk]), {"hourly_gross": ""})
    quote = Quote.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("pricing:quote_detail", args=[quote.pk])
    assert quote.hourly_gross == Decimal("13.50")


def test_the_buyer_accepts_through_the_page(client, charter, need, coordinator, buyer):
    quote = issue_quote(mission=need, by=coordinator)
    client.force_login(buyer)
    page = client.get(reverse("pricing:quote_detail", args=[quote.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Accepter le devis" in content or "Accept the quote" in content
    assert "<svg" in content
    response = client.post(reverse("pricing:quote_accept", args=[quote.pk]))
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.state == "accepted"


def test_a_refusal_reason_too_long_to_keep_refuses_nothing(
    client, charter, need, coordinator, buyer
):
    quote = issue_quote(mission=need, by=coordinator)
    client.force_login(buyer)
    url = reverse("pricing:quote_refuse", args=[quote.pk])

    response = client.post(url, {"reason": "x" * 501}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Pourquoi refusez-vous ce devis ? (facultatif) : "
        "Assurez-vous que cette valeur comporte au plus 500 caractères (actuellement 501)."
    ]
    quote.refresh_from_db()
    assert quote.state == "issued"
    client.post(url, {"reason": "Trop cher"})
    quote.refresh_from_db()
    assert quote.state == "refused"


def test_the_pdf_is_a_pdf(client, charter, need, coordinator, buyer):
    quote = issue_quote(mission=need, by=coordinator)
    client.force_login(buyer)
    response = client.get(reverse("pricing:quote_pdf", args=[quote.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
