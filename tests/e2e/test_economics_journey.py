"""A coordinator adjusts the cooperative's fee and reads the new break-even."""

import datetime as dt

import pytest
from django.utils import timezone

from maillage.economics.selectors import month_model
from maillage.people.models import Role
from tests.factories import PASSWORD, TerritoryFactory, member_with_role
from tests.factories.economics import assumptions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator(basics):
    territory = TerritoryFactory(slug="economics-e2e")
    user = member_with_role(Role.COORDINATOR, territory)
    assumptions(territory, effective_month=dt.date(2026, 1, 1), by=user)
    return user, territory


def test_the_coordinator_adjusts_the_fee_and_reads_the_new_break_even(
    live_server, page, screenshot, coordinator
):
    user, territory = coordinator
    month = timezone.localdate().replace(day=1)
    before = month_model(territory, "seed", month).result.break_even_hours_per_week
    page.goto(f"{live_server.url}/fr/accounts/login/")
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/en/economics/")
    page.wait_for_url("**/economics/economics-e2e/")
    assert page.locator("#break-even").inner_text() == f"{before} h"
    assert page.locator("svg.economics-chart").count() == 2
    page.locator("a[href$='/seed/new/']").click()
    page.wait_for_url("**/seed/new/")
    page.locator("#id_fee_rate").fill("0.25")
    page.get_by_role("button", name="Save as a new version").click()
    page.wait_for_url("**/economics/economics-e2e/?phase=seed*")
    after = month_model(territory, "seed", month).result
    assert after.fee_per_billed_hour.to_eng_string() == "12.67"
    assert after.break_even_hours_per_week < before
    assert page.locator("#fee-rate").inner_text() == "0.2500"
    assert page.locator("#break-even").inner_text() == f"{after.break_even_hours_per_week} h"
    screenshot("economics-new-break-even")
