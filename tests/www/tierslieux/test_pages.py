"""The tiers-lieu manager's page and a worker's choice of remote-work base."""

import pytest

from maillage.people.models import Membership, Role
from tests.factories import (
    MissionFactory,
    OpeningHoursFactory,
    ThirdPlaceFactory,
    UserFactory,
    WorkerProfileFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def place(territory):
    return ThirdPlaceFactory(
        territory=territory, name="La Fabrique", capacity=12, services=["coworking", "fablab"]
    )


@pytest.fixture
def manager(place, territory):
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.THIRD_PLACE_MANAGER, third_place=place)
    return user


def test_the_manager_sees_hours_services_missions_and_remote_workers(
    client, manager, place, school, territory, django_assert_max_num_queries
):
    OpeningHoursFactory(third_place=place)
    MissionFactory(
        buyer=school,
        fixed=True,
        at_third_place=True,
        third_place=place,
        title="Atelier au tiers-lieu",
        state="accepted",
    )
    WorkerProfileFactory(
        territory=territory, remote_base=place, user__first_name="Zoé", user__last_name="Base"
    )
    client.force_login(manager)
    assert client.get("/en/tiers-lieux/")["Location"] == f"/en/tiers-lieux/{place.pk}/"
    with django_assert_max_num_queries(15):
        page = client.get(f"/en/tiers-lieux/{place.pk}/").content.decode()
    for text in ("12 people", "Coworking desks", "Fab lab", "Atelier au tiers-lieu", "Zoé Base"):
        assert text in page, text


def test_another_manager_or_a_worker_is_refused(client, place, territory, worker):
    other = UserFactory()
    Membership.objects.create(
        user=other,
        role=Role.THIRD_PLACE_MANAGER,
        third_place=ThirdPlaceFactory(territory=territory),
    )
    client.force_login(other)
    assert client.get(f"/en/tiers-lieux/{place.pk}/").status_code == 404
    client.force_login(worker.user)
    assert client.get(f"/en/tiers-lieux/{place.pk}/").status_code == 403


def test_a_worker_chooses_a_tiers_lieu_of_their_territory(client, worker, place):
    client.force_login(worker.user)
    assert client.get("/en/tiers-lieux/my-base/").status_code == 200
    client.post("/en/tiers-lieux/my-base/", {"remote_base": place.pk})
    worker.refresh_from_db()
    assert worker.remote_base == place
    elsewhere = ThirdPlaceFactory()
    assert client.post("/en/tiers-lieux/my-base/", {"remote_base": elsewhere.pk}).status_code == 400
    worker.refresh_from_db()
    assert worker.remote_base == place
    client.post("/en/tiers-lieux/my-base/", {"remote_base": ""})
    worker.refresh_from_db()
    assert worker.remote_base is None
