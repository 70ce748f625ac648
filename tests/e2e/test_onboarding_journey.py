"""Joining without the admin: a buyer registers their organisation, verifies the address,
invites a colleague and describes a need; a worker joins by invitation and is approved."""

import re

import pytest
from django.core import mail

from maillage.accounts import services
from maillage.accounts.models import ProfileReview
from maillage.missions.models import Mission
from maillage.people.models import Membership, Organisation, Role
from maillage.skills.models import Skill
from tests.factories import PASSWORD, TerritoryFactory, member_with_role
from tests.factories.people import VALID_SIRETS
from tests.scenarios import upcoming_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "une-phrase-de-passe-longue-7"


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body)[1]


@pytest.fixture
def territory(basics):
    territory = TerritoryFactory()
    territory.coordinator = member_with_role(Role.COORDINATOR, territory)
    return territory


def test_a_new_buyer_registers_invites_a_colleague_and_describes_a_need(
    live_server, page, screenshot, territory
):
    page.goto(f"{live_server.url}/en/account/signup/")
    page.locator("#id_email").fill("secretariat@merignac.example")
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/account/confirm-email/")
    screenshot("onboarding-check-your-mail")

    page.goto(live_server.url + _link(mail.outbox[-1]))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/account/start/")
    page.get_by_role("link", name="Register my organisation as a buyer").click()
    page.locator("#id_name").fill("Mairie de Mérignac")
    page.locator("#id_siret").fill(VALID_SIRETS[1])
    page.locator("#id_kind").select_option("commune")
    page.locator("#id_is_public_buyer").check()
    page.locator("#id_address").fill("60 avenue du Maréchal de Lattre de Tassigny")
    page.locator("#id_commune").fill("33281")
    screenshot("onboarding-organisation")
    page.get_by_role("button", name="Register").click()
    page.wait_for_url("**/account/invitations/")

    organisation = Organisation.objects.get(siret=VALID_SIRETS[1])
    page.locator("#id_email").fill("elus@merignac.example")
    page.locator("#id_role").select_option("buyer_member")
    page.locator("#id_scope").select_option(f"o{organisation.pk}")
    page.get_by_role("button", name="Send the invitation").click()
    page.wait_for_url("**/account/invitations/")
    assert page.get_by_role("cell", name="elus@merignac.example").is_visible()
    assert mail.outbox[-1].to == ["elus@merignac.example"]

    page.goto(f"{live_server.url}/en/needs/new/")
    page.locator("#id_need-title").fill("Atelier code et robotique")
    page.locator("#id_need-kind").select_option("after_school_workshop")
    page.locator("input[name='need-place_kind'][value='address']").check()
    page.locator("#id_need-address").fill("Place Charles de Gaulle")
    page.locator("#id_need-commune").select_option(label="Bordeaux (33000)")
    term = upcoming_term()
    page.locator("#id_need-period_start").fill(term.start.isoformat())
    page.locator("#id_need-period_end").fill(term.end.isoformat())
    skill = Skill.objects.get(code="workshop-children")
    page.locator("#id_skills-0-skill").select_option(str(skill.pk))
    page.locator("#id_skills-0-min_level").select_option("2")
    page.locator("input[name='need-schedule_kind'][value='fixed']").check()
    page.locator("#id_slots-0-weekday").select_option("1")
    page.locator("#id_slots-0-start").fill("15:00")
    page.locator("#id_slots-0-end").fill("16:30")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/needs/*/")
    screenshot("onboarding-first-need")
    mission = Mission.objects.get()
    assert (mission.buyer, mission.state, mission.created_by.email) == (
        organisation,
        "draft",
        "secretariat@merignac.example",
    )


def test_a_worker_joins_by_invitation_and_a_coordinator_approves(
    live_server, page, screenshot, territory
):
    _invitation, token = services.invite(
        by=territory.coordinator,
        email="artisan@example.org",
        role=Role.WORKER,
        territory=territory,
    )
    page.goto(f"{live_server.url}/en/account/invitation/{token}/")
    page.locator("#id_first_name").fill("Noé")
    page.locator("#id_last_name").fill("Garnier")
    page.locator("#id_password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Create my account and accept").click()
    page.wait_for_url("**/worker/**")

    page.goto(f"{live_server.url}/en/account/worker-profile/")
    page.locator("#id_home_commune").fill("33281")
    page.locator("#id_travel_mode").select_option("bike")
    page.locator("#id_max_km").fill("12")
    page.locator("form:has(input[value='where']) button").click()
    page.locator("#id_wished_hours").fill("20")
    page.locator("#id_max_hours").fill("30")
    page.locator("form:has(input[value='hours']) button").click()
    page.get_by_role("button", name="Submit my profile").click()
    screenshot("onboarding-worker-profile")
    assert ProfileReview.objects.get().state == "submitted"

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("#id_login").fill(territory.coordinator.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.narrow-form button[type=submit]").click()
    page.wait_for_url("**/coordinator/**")
    page.goto(f"{live_server.url}/en/account/profiles/")
    page.get_by_role("button", name="Approve").click()
    page.wait_for_url("**/account/profiles/")
    assert ProfileReview.objects.get().state == "approved"
    assert Membership.objects.filter(user__email="artisan@example.org", role=Role.WORKER).exists()
