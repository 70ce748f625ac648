"""A worker declares an absence, a coordinator asks the engine for a replacement and confirms
it, and the buyer's week shows who comes instead (English pages, a phone-sized screen)."""

import datetime as dt

import pytest

from maillage.execution.models import Occurrence
from maillage.execution.services import expand_published_plan
from maillage.people.models import Role
from tests.factories import (
    PASSWORD,
    MissionFactory,
    OrganisationFactory,
    PlanAssignmentFactory,
    PlanVersionFactory,
    TerritoryFactory,
    WorkerProfileFactory,
    buyer_member,
    member_with_role,
)
from tests.scenarios import upcoming_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TUESDAY = {"day": 1, "start": 900, "end": 990}


@pytest.fixture
def term_under_way(basics):
    term = upcoming_term()  # the live server's "now" is the real one
    territory = TerritoryFactory()
    school = OrganisationFactory(territory=territory, name="École Jean Jaurès")
    workshop = MissionFactory(
        buyer=school,
        fixed=True,
        state="planned",
        title="Atelier robotique",
        period_start=term.start,
        period_end=term.end,
    )
    alice = WorkerProfileFactory(
        territory=territory,
        qualified=True,
        user__first_name="Alice",
        user__email="alice@example.org",
    )
    WorkerProfileFactory(territory=territory, qualified=True, user__first_name="Carla")
    version = PlanVersionFactory(
        territory=territory, published=True, period_start=term.start, period_end=term.end
    )
    PlanAssignmentFactory(version=version, mission=workshop, worker=alice, blocks=[TUESDAY])
    expand_published_plan(version=version)
    first = Occurrence.objects.filter(mission=workshop).order_by("starts_at").first()
    return {
        "day": first.date,
        "worker": alice.user,
        "coordinator": member_with_role(Role.COORDINATOR, territory),
        "buyer": buyer_member(school, email="buyer@example.org"),
    }


def _sign_in(page, live_server, user):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_absence_then_replacement_then_the_buyer_sees_the_new_worker(
    live_server, page, screenshot, term_under_way
):
    day: dt.date = term_under_way["day"]
    _sign_in(page, live_server, term_under_way["worker"])
    page.goto(f"{live_server.url}/en/absences/declare/")
    page.get_by_label("Kind").select_option("leave")
    page.get_by_label("First day").fill(day.isoformat())
    page.get_by_label("Last day").fill(day.isoformat())
    page.get_by_role("button", name="Declare").click()
    page.wait_for_url("**/absences/*/")
    assert "To replace" in page.content()
    screenshot("absence-declared")

    _sign_in(page, live_server, term_under_way["coordinator"])
    page.goto(f"{live_server.url}/en/absences/")
    page.get_by_role("link", name="Leave").click()
    page.get_by_role("button", name="Ask the engine for a replacement proposal").click()
    page.wait_for_url("**/absences/proposals/*/")
    page.get_by_role("button", name="Confirm the chosen replacements").wait_for()
    assert "Carla" in page.content()
    screenshot("replacement-proposal")
    page.get_by_role("button", name="Confirm the chosen replacements").click()
    page.wait_for_load_state()
    assert "1 replacement confirmed" in page.content()

    _sign_in(page, live_server, term_under_way["buyer"])
    page.goto(f"{live_server.url}/en/execution/buyer/?week={day:%G-W%V}")
    assert "Replacement: Carla comes instead" in page.content()
    screenshot("buyer-week-after-replacement")
