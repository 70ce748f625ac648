"""Forms fit the screen: the skill list's longest name ("Animation d'ateliers numériques
pour enfants") made a select push its column past the page's right edge, on the worker's
home on a desktop screen and in the buyer's need form on a phone (a fieldset is as wide as
its widest content unless told otherwise)."""

import pytest

from tests.e2e.signing_in import sign_in
from tests.factories import OrganisationFactory, WorkerProfileFactory, buyer_member

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
    sign_in(page, live_server, worker.user.email, lands_on="**/worker/**")

    main = page.locator("main").bounding_box()
    select = page.locator("select[name=skill]").bounding_box()
    context.close()

    assert select["x"] + select["width"] <= main["x"] + main["width"]


def test_the_need_form_fits_a_phone(live_server, page, basics):
    officer = buyer_member(
        OrganisationFactory(town_hall=True), email="officier@example.org", first_name="Inès"
    )
    sign_in(page, live_server, officer.email, lands_on="**/buyer/")
    page.goto(f"{live_server.url}/fr/needs/new/")

    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )

    assert overflow == 0
