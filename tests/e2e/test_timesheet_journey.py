"""A worker declares last week (one session at other times, shown by htmx), then the buyer
signs in, validates it and sees it validated; on a phone-sized screen."""

import datetime as dt

import pytest
from django.utils import timezone

from maillage.execution.dates import week_monday
from maillage.execution.services import expand_published_plan
from maillage.timesheets.models import Timesheet
from tests.factories import (
    PASSWORD,
    MissionFactory,
    OrganisationFactory,
    PlanAssignmentFactory,
    PlanVersionFactory,
    TerritoryFactory,
    WorkerProfileFactory,
    buyer_member,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def last_week(basics):
    """Sessions on each weekday of last week, 10:00-12:00 (the real clock's last week: the
    pages declare only sessions that are over)."""
    territory = TerritoryFactory()
    school = OrganisationFactory(territory=territory, name="École Jean Jaurès")
    monday = week_monday(timezone.localdate()) - dt.timedelta(days=7)
    friday = monday + dt.timedelta(days=4)
    mission = MissionFactory(
        buyer=school,
        fixed=True,
        state="planned",
        title="Atelier numérique",
        period_start=monday,
        period_end=friday,
    )
    worker = WorkerProfileFactory(
        territory=territory,
        with_membership=True,
        with_skill=True,
        user__first_name="Alice",
        user__email="alice@workers.example",
    )
    version = PlanVersionFactory(
        territory=territory, published=True, period_start=monday, period_end=friday
    )
    PlanAssignmentFactory(
        version=version,
        mission=mission,
        worker=worker,
        blocks=[{"day": day, "start": 600, "end": 720} for day in range(5)],
    )
    expand_published_plan(version=version, now=timezone.now())
    buyer = buyer_member(school, email="direction@ecole.example", first_name="Sandrine")
    return worker, buyer


def _sign_in(page, live_server, email):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_a_worker_declares_a_week_and_the_buyer_validates_it(
    live_server, page, screenshot, last_week
):
    worker, buyer = last_week
    _sign_in(page, live_server, worker.user.email)
    page.get_by_role("link", name="My timesheets").click()
    page.get_by_role("link", name="Declare a week").click()
    page.wait_for_url("**/timesheets/declare/**")
    outcomes = page.get_by_label("What became of it")
    sessions = outcomes.count()
    assert sessions >= 1  # a public holiday may take a day off the week
    outcomes.first.select_option("other_times")
    page.get_by_label("Started at").first.fill("10:15")  # the fields come with htmx
    page.get_by_label("Finished at").first.fill("12:00")
    screenshot("timesheet-worker-week")
    page.get_by_role("button", name="Declare the week").click()
    page.wait_for_url("**/timesheets/")
    assert page.get_by_text("Declared, awaiting validation").count() == 1
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    _sign_in(page, live_server, buyer.email)
    page.get_by_role("link", name="Timesheets to validate").click()
    monday = week_monday(timezone.localdate()) - dt.timedelta(days=7)
    page.get_by_role("link", name=f"{monday.day} {monday:%B} {monday.year}").click()
    page.wait_for_url("**/timesheets/*/")
    assert page.get_by_text("Alice").count() >= 1
    page.get_by_role("button", name="Validate", exact=True).click()
    page.wait_for_url("**/timesheets/*/")
    screenshot("timesheet-buyer-validated")

    assert page.get_by_text("The timesheet is validated.").count() == 1
    timesheet = Timesheet.objects.get()
    assert timesheet.state == "validated"
    lines = timesheet.versions.get().lines.all()
    assert sorted(line.minutes for line in lines)[0] == 105
    assert len(lines) == sessions
