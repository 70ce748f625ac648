"""A worker signs in, opens "same budget, two statuses" on a phone and reads both columns."""

import pytest

from tests.factories import PASSWORD, WorkerProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(basics):
    return WorkerProfileFactory(
        with_membership=True, user__email="artisane@example.org", user__first_name="Léa"
    )


def test_a_worker_compares_the_two_statuses(live_server, page, screenshot, worker):
    page.goto(f"{live_server.url}/fr/accounts/login/")
    page.get_by_label("Adresse électronique").fill(worker.user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/worker/**")
    page.goto(f"{live_server.url}/fr/employment/comparison/")
    page.locator("#id_hours_per_week").fill("24")
    page.locator("#id_hourly_budget").fill("20")
    page.locator("#id_activity").select_option("bnc")
    page.locator("form.narrow-form button[type=submit]").click()
    page.wait_for_selector("#status-micro")
    screenshot("worker-status-comparison")

    salaried = page.locator("#status-salaried")
    micro = page.locator("#status-micro")
    assert salaried.get_by_role("heading", level=2).inner_text() != ""
    assert micro.get_by_role("heading", level=2).inner_text() != ""
    # 24 h x 52 / 12 x 20 € = 2 080 € paid by the buyers in both columns.
    for column in (salaried, micro):
        amounts = column.locator("tbody tr").first.inner_text()
        assert "2080,00€" in amounts.replace("\u202f", "").replace("\u00a0", "")
    salaried_net = salaried.locator(".net-income").inner_text()
    micro_net = micro.locator(".net-income").inner_text()
    assert salaried_net != micro_net
    assert salaried.locator("li.right-unemployment_insurance").count() == 1
    assert micro.locator("li.right-unemployment_insurance").count() == 1
