"""The worker's home fits its page: the skill list's longest name ("Animation d'ateliers
numériques pour enfants") made the skill form's select push its column past the page's
right edge on a desktop screen."""

import pytest

from tests.factories import PASSWORD, WorkerProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(basics):
    return WorkerProfileFactory(
        with_membership=True, user__email="artisane@example.org", user__first_name="Léa"
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_the_skill_form_stays_within_the_page(live_server, browser, worker, width):
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/fr/accounts/login/")
    page.get_by_label("Adresse électronique").fill(worker.user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/worker/**")

    main = page.locator("main").bounding_box()
    select = page.locator("select[name=skill]").bounding_box()
    context.close()

    assert select["x"] + select["width"] <= main["x"] + main["width"]
