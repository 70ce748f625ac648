"""The coordinator builds, reviews and issues November's invoices; the school's buyer signs
in, reads their invoice and spending, and downloads the Factur-X PDF; on a phone screen."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from maillage.invoicing.models import Invoice
from maillage.people.models import Role
from tests.factories import PASSWORD, TerritoryFactory, buyer_member, member_with_role
from tests.factories.invoicing import november
from tests.factories.pricing import CharterFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worked_november(basics):
    territory = TerritoryFactory()
    coordinator = member_with_role(Role.COORDINATOR, territory)
    CharterFactory(territory=territory, by=coordinator)
    world = november(territory)
    world.coordinator = coordinator
    world.buyer = buyer_member(world.school, email="direction@ecole.example")
    return world


def _sign_in(page, live_server, email):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_the_coordinator_issues_november_and_the_buyer_downloads_it(
    live_server, page, screenshot, worked_november
):
    world = worked_november
    _sign_in(page, live_server, world.coordinator.email)
    page.goto(f"{live_server.url}/en/invoicing/month/?territory={world.territory.pk}&month=2026-11")
    page.get_by_role("button", name="Build the drafts").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="École Jules Ferry").click()
    page.wait_for_url("**/invoicing/draft/*/")
    assert "Atelier numérique" in page.locator("main table").inner_text()
    screenshot("invoicing-draft")
    page.get_by_role("link", name="Back to the month").click()
    page.get_by_role("button", name="Issue every draft").click()
    page.wait_for_load_state()
    screenshot("invoicing-month")
    assert Invoice.objects.count() == 2
    invoice = Invoice.objects.get(buyer=world.school)
    assert page.get_by_role("link", name=invoice.number).count() == 1

    page.context.clear_cookies()
    _sign_in(page, live_server, world.buyer.email)
    page.get_by_role("link", name="My invoices").first.click()
    page.wait_for_url("**/invoicing/mine/")
    assert page.get_by_role("link", name=invoice.number).count() == 1
    other = Invoice.objects.get(buyer=world.town_hall)
    assert page.get_by_role("link", name=other.number).count() == 0
    screenshot("invoicing-buyer")
    page.get_by_role("link", name=invoice.number).click()
    page.wait_for_url(f"**/invoicing/{invoice.pk}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF (Factur-X)").click()
    download = download_info.value
    assert download.suggested_filename == f"{invoice.number}.pdf"
    reader = PdfReader(io.BytesIO(Path(download.path()).read_bytes()))
    assert list(reader.attachments) == ["factur-x.xml"]
