"""The contract proposal PDF: the worker's name is printed, never read as markup."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given

from maillage.core.documents.pdf import drawable
from maillage.employment.pdf import contract_pdf
from maillage.employment.services import propose_contract
from maillage.people.models import User
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
def proposal(territory, worker, charter, coordinator, publish_plan):
    publish_plan(territory, worker, [24 * 60])
    return propose_contract(worker=worker, by=coordinator)


def test_markup_in_the_workers_name_is_printed_through_the_page(client, coordinator, proposal):
    User.objects.filter(pk=proposal.worker.user_id).update(
        first_name='<img src="/dev/zero">', last_name='<a href="https://evil.example">x</a>\x07'
    )
    client.force_login(coordinator)
    response = client.get(reverse("employment:contract_pdf", args=[proposal.pk]))
    assert response.status_code == 200
    name = '<img src="/dev/zero"> <a href="https://evil.example">x</a>'
    assert f"Proposition de CDI à temps partiel — {name}" in one_line(pdf_text(response.content))
    assert pdf_title(response.content) == f"Proposition de CDI à temps partiel — {name}"
    assert has_no_link_nor_image(response.content)


def test_money_is_written_one_way_in_each_language(proposal):
    # The text layer reads the no-break spaces of format_money as spaces.
    french = one_line(pdf_text(contract_pdf(proposal, language="fr")))
    assert "Salaire brut 1 404,00 €" in french
    assert "Heures : 24,00 par semaine, 104,00 heures rémunérées par mois." in french
    english = one_line(pdf_text(contract_pdf(proposal, language="en")))
    assert "Gross wage €1,404.00" in english
    assert "Hours: 24.00 a week, 104.00 paid hours a month." in english


@FUZZ_SETTINGS.__class__(
    parent=FUZZ_SETTINGS, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first_name=HOSTILE_TEXT, last_name=HOSTILE_TEXT)
def test_any_worker_name_gives_a_contract_that_prints_it(proposal, first_name, last_name):
    # Names set in memory only: the fixture's rows stay as they are between examples.
    user = proposal.worker.user
    user.first_name, user.last_name = first_name, last_name
    content = contract_pdf(proposal, language="fr")
    assert content.startswith(b"%PDF")
    assert has_no_link_nor_image(content)
    page = visible(pdf_text(content))
    assert visible(drawable(first_name)) <= page
    assert visible(drawable(last_name)) <= page
