"""A town-hall officer signs in and describes a need through the form, on a phone-sized screen."""

import pytest

from maillage.missions.models import Mission
from maillage.skills.models import Skill
from tests.e2e.signing_in import sign_in
from tests.factories import OrganisationFactory, buyer_member
from tests.scenarios import upcoming_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def officer(basics):
    town_hall = OrganisationFactory(town_hall=True, name="Mairie de Mérignac")
    return buyer_member(town_hall, email="officier@merignac.example", first_name="Inès")


def test_a_buyer_signs_in_and_creates_a_need(live_server, page, screenshot, officer):
    sign_in(page, live_server, officer.email, lands_on="**/buyer/")
    page.get_by_role("link", name="Décrire un nouveau besoin").click()
    page.wait_for_url("**/needs/new/")

    page.get_by_label("Titre").fill("Atelier code et robotique")
    page.get_by_label("Type de mission").select_option("after_school_workshop")
    page.get_by_label("À une adresse").check()
    page.locator("#id_need-address").fill("Place Charles de Gaulle")
    page.get_by_label("Commune").select_option(label="Bordeaux (33000)")
    term = upcoming_term()  # the live server refuses a period already over
    page.get_by_label("Premier jour").fill(term.start.isoformat())
    page.get_by_label("Dernier jour").fill(term.end.isoformat())
    workshop_skill = Skill.objects.get(code="workshop-children")
    page.locator("#id_skills-0-skill").select_option(str(workshop_skill.pk))
    page.locator("#id_skills-0-min_level").select_option("2")
    page.get_by_label("Créneaux hebdomadaires fixes").check()
    page.locator("#id_slots-0-weekday").select_option("1")
    page.locator("#id_slots-0-start").fill("15:00")
    page.locator("#id_slots-0-end").fill("16:30")
    screenshot("buyer-need-form")
    page.get_by_role("button", name="Enregistrer le besoin").click()

    page.wait_for_url("**/needs/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Atelier code et robotique"
    screenshot("buyer-need-detail")
    mission = Mission.objects.get()
    assert (mission.title, mission.state, mission.weekly_minutes()) == (
        "Atelier code et robotique",
        "draft",
        90,
    )
    assert (mission.period_start, mission.period_end) == (term.start, term.end)
    assert mission.created_by == officer


def test_a_wrong_form_shows_its_errors_and_keeps_what_was_typed(
    live_server, page, screenshot, officer
):
    sign_in(page, live_server, officer.email, lands_on="**/buyer/")
    page.goto(f"{live_server.url}/fr/needs/new/")
    page.get_by_label("Titre").fill("Permanence numérique")
    term = upcoming_term()
    page.get_by_label("Premier jour").fill(term.end.isoformat())
    page.get_by_label("Dernier jour").fill(term.start.isoformat())
    page.get_by_role("button", name="Enregistrer le besoin").click()
    page.wait_for_selector(".form-errors")
    screenshot("buyer-need-errors")
    assert "Le dernier jour ne peut pas précéder le premier jour." in page.content()
    assert page.get_by_label("Titre").input_value() == "Permanence numérique"
    assert Mission.objects.count() == 0
