"""The dashboard's number of queries does not grow with the territory's workers and needs."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.people.models import Membership, Role
from maillage.www.gpec.dashboard import forget_local_boards
from tests.factories import (
    AvailabilityFactory,
    FixedSlotFactory,
    MissionFactory,
    MissionSkillFactory,
    OrganisationFactory,
    WorkerProfileFactory,
    WorkerSkillFactory,
    member_with_role,
)


def dashboard_queries(client, territory) -> int:
    cache.clear()  # measure the building, not the cached aggregates
    forget_local_boards()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("gpec:dashboard", args=[territory.slug]))
    assert response.status_code == 200
    return len(queries)


def grow(territory, count: int) -> None:
    """Add `count` more qualified workers and `count` more accepted needs."""
    school = OrganisationFactory(territory=territory)
    for _ in range(count):
        worker = WorkerProfileFactory(territory=territory)
        Membership.objects.create(user=worker.user, role=Role.WORKER, territory=territory)
        WorkerSkillFactory(worker=worker, level=3)
        AvailabilityFactory(worker=worker, weekday=2, start_minute=540, end_minute=1020)
        mission = MissionFactory(buyer=school, state="accepted")
        MissionSkillFactory(mission=mission, min_level=2)
        FixedSlotFactory(mission=mission, weekday=4, start_minute=900, end_minute=990)


def test_the_dashboard_query_count_is_independent_of_the_territory_size(client, planned):
    client.force_login(member_with_role(Role.UNION_REP, planned))
    before = dashboard_queries(client, planned)
    grow(planned, 12)
    assert dashboard_queries(client, planned) == before


def test_the_coordinator_dashboard_query_count_is_independent_of_the_territory_size(
    client, planned
):
    client.force_login(planned.coordinator)
    before = dashboard_queries(client, planned)
    grow(planned, 12)
    assert dashboard_queries(client, planned) == before
