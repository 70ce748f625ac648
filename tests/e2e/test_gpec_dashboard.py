"""A union representative opens the GPEC dashboard: charts drawn, no personal data."""

import datetime as dt

import pytest

from maillage.consolidation.models import PlanVersion
from maillage.consolidation.services import execute_run, publish_version, start_run
from maillage.people.models import Role
from tests.factories import (
    PASSWORD,
    AvailabilityFactory,
    MembershipFactory,
    MissionFactory,
    OrganisationFactory,
    TerritoryFactory,
    WorkerProfileFactory,
    member_with_role,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def union_rep(basics):
    territory = TerritoryFactory(slug="gpec-e2e")
    workers = []
    for index in range(3):
        worker = WorkerProfileFactory(
            territory=territory,
            user__first_name="Zoé",
            user__last_name=f"Confidentielle{index}",
            user__email=f"zoe{index}@private.example",
            with_membership=True,
            with_skill=True,
        )
        AvailabilityFactory(worker=worker, weekday=1, start_minute=480, end_minute=1140)
        workers.append(worker)
    school = OrganisationFactory(territory=territory)
    MissionFactory(buyer=school, accepted=True, fixed=True)
    coordinator = member_with_role(Role.COORDINATOR, territory)
    run = start_run(
        territory=territory,
        period_start=dt.date(2026, 11, 2),
        period_end=dt.date(2026, 12, 18),
        method="engine",
        requested_by=coordinator,
        time_limit_seconds=2,
        enqueue=False,
    )
    execute_run(run_id=run.pk)
    publish_version(version=PlanVersion.objects.get(run=run), by=coordinator)
    membership = MembershipFactory(
        union_rep=True, territory=territory, user__email="syndicat@union.example"
    )
    return membership.user, workers


def test_a_union_rep_sees_charts_and_no_personal_data(live_server, page, screenshot, union_rep):
    user, workers = union_rep
    page.goto(f"{live_server.url}/fr/accounts/login/")
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/fr/gpec/")
    page.wait_for_url("**/gpec/gpec-e2e/")
    assert page.locator("svg.gpec-chart").count() == 3
    assert page.locator("svg.gpec-chart rect.bar").count() >= 1
    assert page.locator("#chart-map-title").count() == 1
    assert page.locator("svg.gpec-chart circle.demand").count() >= 1
    screenshot("gpec-dashboard-union-rep")
    content = page.content()
    for worker in workers:
        assert worker.user.last_name not in content
        assert worker.user.email not in content
    assert "Zoé" not in content
