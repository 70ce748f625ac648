"""The quote PDF: the buyer's and the need's texts are printed, never read as markup."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given

from maillage.core.documents.pdf import drawable
from maillage.core.formatting import format_money
from maillage.missions.models import Mission
from maillage.people.models import Organisation
from maillage.pricing.pdf import quote_pdf
from maillage.pricing.services import issue_quote
from tests.documents import (
    FUZZ_SETTINGS,
    HOSTILE_TEXT,
    has_no_link_nor_image,
    one_line,
    pdf_text,
    pdf_title,
    visible,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def quote(charter, need, coordinator):
    return issue_quote(mission=need, by=coordinator)


def download(client, buyer, quote) -> bytes:
    client.force_login(buyer)
    response = client.get(reverse("pricing:quote_pdf", args=[quote.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_an_img_tag_in_the_need_title_is_printed_not_loaded(client, buyer, quote):
    Mission.objects.filter(pk=quote.mission_id).update(title='<img src="/dev/zero">')
    content = download(client, buyer, quote)
    text = one_line(pdf_text(content))
    assert f'Devis {quote.number} — <img src="/dev/zero">' in text
    assert 'Besoin : <img src="/dev/zero"> (' in text
    assert pdf_title(content) == f'Devis {quote.number} — <img src="/dev/zero">'
    assert has_no_link_nor_image(content)


def test_a_link_in_the_title_or_the_buyer_name_plants_no_link(client, buyer, quote):
    Mission.objects.filter(pk=quote.mission_id).update(
        title='<a href="https://evil.example">clic</a>'
    )
    Organisation.objects.filter(pk=quote.mission.buyer_id).update(
        name='<link href="https://evil.example">École</link>'
    )
    content = download(client, buyer, quote)
    text = one_line(pdf_text(content))
    assert has_no_link_nor_image(content)
    assert 'Acheteur : <link href="https://evil.example">École</link>' in text
    assert '<a href="https://evil.example">clic</a>' in text


def test_control_characters_in_the_title_give_a_pdf_not_a_500(client, buyer, quote):
    Mission.objects.filter(pk=quote.mission_id).update(title="Atelier\x01\x07\x1b[0m & <b> fin")
    content = download(client, buyer, quote)
    assert content.startswith(b"%PDF")
    assert "Atelier[0m & <b> fin" in one_line(pdf_text(content))


def test_lone_surrogates_give_a_valid_pdf(quote):
    quote.mission.title = "Atelier \ud800 numérique \udfff"
    content = quote_pdf(quote, language="fr")
    assert "Atelier numérique" in one_line(pdf_text(content))


def test_money_is_written_one_way_in_each_language(quote):
    # The text layer reads the no-break spaces of format_money as spaces.
    assert format_money(quote.price, "fr") == "271,43\u00a0€"
    french = one_line(pdf_text(quote_pdf(quote, language="fr")))
    assert "plancher 13,50 €, rémunération horaire 13,50 € brut." in french
    assert "Heures : 10,50 réalisées, 5,25 de préparation" in french
    assert "Salaire net de l’artisan numérique 168,30 € 62,0 %" in french
    assert "Prix (HT) 271,43 € 100 %" in french
    assert "Prix par heure réalisée : 25,85 €." in french
    english = one_line(pdf_text(quote_pdf(quote, language="en")))
    assert "floor €13.50, hourly pay €13.50 gross." in english
    assert "Hours: 10.50 delivered, 5.25 of preparation" in english
    assert "Price (excl. VAT) €271.43 100%" in english
    assert "Price per hour delivered: €25.85." in english


@FUZZ_SETTINGS.__class__(
    parent=FUZZ_SETTINGS, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=HOSTILE_TEXT, buyer_name=HOSTILE_TEXT)
def test_any_title_and_buyer_name_give_a_quote_that_prints_them(quote, title, buyer_name):
    # Texts set in memory only: the fixture's rows stay as they are between examples.
    quote.mission.title = title
    quote.mission.buyer.name = buyer_name
    content = quote_pdf(quote, language="fr")
    assert content.startswith(b"%PDF")
    assert has_no_link_nor_image(content)
    page = visible(pdf_text(content))
    assert visible(drawable(title)) <= page
    assert visible(drawable(buyer_name)) <= page
