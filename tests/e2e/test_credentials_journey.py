"""A buyer evaluates a finished mission, a trainer awards the level, the worker downloads
the badge, and an anonymous visitor verifies it; on a phone-sized screen."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from maillage.people.models import Role
from tests.credentials.conftest import credential_keys  # noqa: F401
from tests.factories import (
    PASSWORD,
    MissionFactory,
    OrganisationFactory,
    TerritoryFactory,
    WorkerProfileFactory,
    buyer_member,
    member_with_role,
)
from tests.factories.credentials import worked

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def finished(basics, credential_keys):  # noqa: F811
    territory = TerritoryFactory()
    school = OrganisationFactory(territory=territory, name="École Jean Jaurès")
    mission = MissionFactory(buyer=school, fixed=True, state="running", title="Atelier robotique")
    worker = WorkerProfileFactory(
        territory=territory,
        with_membership=True,
        with_skill=True,
        user__first_name="Alice",
        user__last_name="Martin",
        user__email="alice@workers.example",
    )
    worked(worker, mission, timezone.localdate() - dt.timedelta(days=2))
    buyer = buyer_member(school, email="direction@ecole.example")
    trainer = member_with_role(Role.TRAINER, territory)
    return worker, buyer, trainer


def _sign_in(page, live_server, email):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def _context(browser):
    return browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})


def test_evaluate_certify_download_verify(live_server, browser, finished, tmp_path):
    worker, buyer, trainer = finished

    context = _context(browser)
    page = context.new_page()
    _sign_in(page, live_server, buyer.email)
    page.goto(f"{live_server.url}/en/credentials/evaluations/")
    page.get_by_label("Level shown in the work").select_option("4")
    page.get_by_label("Comment").fill("Ateliers très bien menés.")
    page.get_by_role("button", name="Send the evaluation").click()
    page.get_by_text("Your evaluation is recorded").wait_for()
    context.close()

    context = _context(browser)
    page = context.new_page()
    _sign_in(page, live_server, trainer.email)
    page.goto(f"{live_server.url}/en/credentials/certify/")
    page.get_by_role("link", name="Digital workshops for children").click()
    page.get_by_label("Level awarded").select_option("4")
    page.get_by_label("Justification").fill("Évaluation de l'acheteur concordante.")
    page.get_by_role("button", name="Award").click()
    page.get_by_text("The level is awarded").wait_for()
    context.close()

    context = _context(browser)
    page = context.new_page()
    _sign_in(page, live_server, worker.user.email)
    page.goto(f"{live_server.url}/en/credentials/mine/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download (JSON)").click()
    badge = tmp_path / "badge.json"
    info.value.save_as(badge)
    assert json.loads(badge.read_text())["type"] == "EnvelopedVerifiableCredential"
    context.close()

    context = _context(browser)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/credentials/verify/")
    page.get_by_label("or its file").set_input_files(str(badge))
    page.get_by_role("button", name="Verify").click()
    verdict = page.locator("[data-status]")
    verdict.wait_for()
    assert verdict.get_attribute("data-status") == "valid"
    assert page.get_by_role("heading", name="Valid").is_visible()
    context.close()
