"""Permission matrix: each role reaches its home; a stranger and other roles are refused."""

import pytest
from django.urls import reverse

from maillage.people.models import Role
from maillage.people.privacy import Cell
from tests.factories import (
    PASSWORD,
    AvailabilityFactory,
    MissionFactory,
    OrganisationFactory,
    TerritoryFactory,
    WorkerProfileFactory,
    buyer_member,
    member_with_role,
)

pytestmark = pytest.mark.django_db

PAGES = ["workers:home", "needs:list", "needs:create", "coordinator:home", "overview:home"]


ALLOWED = {
    "worker": {"workers:home"},
    "buyer_member": {"needs:list", "needs:create"},
    "coordinator": {"coordinator:home", "overview:home"},
    "union_rep": {"overview:home"},
    "trainer": {"overview:home"},
    "stranger": set(),
}


@pytest.mark.parametrize("role", sorted(ALLOWED))
@pytest.mark.parametrize("page", PAGES)
def test_permission_matrix(client, people, role, page):
    client.force_login(people[role])
    response = client.get(reverse(page))
    expected = 200 if page in ALLOWED[role] else 403
    assert response.status_code == expected


@pytest.mark.parametrize("page", [*PAGES, "home:role_home"])
def test_anonymous_visitors_are_sent_to_sign_in(client, page):
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("home:login"))


@pytest.mark.parametrize(
    ("role", "home"),
    [
        ("worker", "workers:home"),
        ("buyer_member", "needs:list"),
        ("coordinator", "coordinator:home"),
        ("union_rep", "overview:home"),
    ],
)
def test_home_sends_each_role_to_its_own_page(client, people, role, home):
    client.force_login(people[role])
    assert client.get(reverse("home:role_home"))["Location"] == reverse(home)


def test_signing_in_with_email_and_password_lands_on_the_role_home(client, people):
    response = client.post(
        reverse("home:login"), {"username": people["worker"].email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == reverse("workers:home")


def test_a_buyer_sees_its_own_need_but_not_another_organisations(client, territory):
    mine = OrganisationFactory(territory=territory)
    theirs = OrganisationFactory(territory=territory)
    my_need, their_need = MissionFactory(buyer=mine), MissionFactory(buyer=theirs)
    client.force_login(buyer_member(mine))
    assert client.get(reverse("needs:detail", args=[my_need.pk])).status_code == 200
    assert client.get(reverse("needs:detail", args=[their_need.pk])).status_code == 404
    listing = client.get(reverse("needs:list")).content.decode()
    assert my_need.title in listing
    assert their_need.title not in listing


def test_a_coordinator_sees_only_the_needs_of_their_territory(client, territory):
    other_territory = TerritoryFactory()
    here = MissionFactory(buyer=OrganisationFactory(territory=territory))
    elsewhere = MissionFactory(buyer=OrganisationFactory(territory=other_territory))
    client.force_login(member_with_role(Role.COORDINATOR, territory))
    assert client.get(reverse("needs:detail", args=[here.pk])).status_code == 200
    assert client.get(reverse("needs:detail", args=[elsewhere.pk])).status_code == 404


def test_a_worker_cannot_open_a_need(client, people, territory):
    need = MissionFactory(buyer=OrganisationFactory(territory=territory))
    client.force_login(people["worker"])
    assert client.get(reverse("needs:detail", args=[need.pk])).status_code == 404


def test_a_worker_cannot_remove_another_workers_availability(client, people, territory):
    other = WorkerProfileFactory(territory=territory)
    window = AvailabilityFactory(worker=other, weekday=2, start_minute=540, end_minute=720)
    client.force_login(people["worker"])
    response = client.post(reverse("workers:remove_availability", args=[window.pk]))
    assert response.status_code == 404
    assert other.availability.filter(pk=window.pk).exists()


def test_union_overview_hides_groups_under_five_people(client, territory):
    for _ in range(6):
        WorkerProfileFactory(territory=territory, status="job_seeker")
    for _ in range(2):
        WorkerProfileFactory(territory=territory, status="student")
    client.force_login(member_with_role(Role.UNION_REP, territory))
    response = client.get(reverse("overview:home"))
    rows = dict(response.context["overviews"][0].workers_by_status)
    assert rows["Étudiant ou étudiante"] == Cell(value=None)
    # 8 workers in all: the 6 job seekers are hidden too, or 8 - 6 would give the students.
    assert rows["Demandeur ou demandeuse d’emploi"] == Cell(value=None, complementary=True)
    page = response.content.decode()
    assert "moins de 5" in page
    assert "Martin" not in page  # no worker's name on an aggregated page


def test_coordinator_page_query_count_does_not_grow_with_the_number_of_needs(
    client, territory, django_assert_max_num_queries
):
    coordinator = member_with_role(Role.COORDINATOR, territory)
    for _ in range(15):
        MissionFactory(buyer=OrganisationFactory(territory=territory), fixed=True)
        WorkerProfileFactory(territory=territory)
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("coordinator:home"))
    assert len(response.context["needs"]) == 15


def test_buyer_page_query_count_does_not_grow_with_the_number_of_needs(
    client, territory, django_assert_max_num_queries
):
    school = OrganisationFactory(territory=territory)
    MissionFactory.create_batch(12, buyer=school, fixed=True)
    client.force_login(buyer_member(school))
    with django_assert_max_num_queries(11):  # 10, and the header's unread notifications
        response = client.get(reverse("needs:list"))
    assert len(response.context["needs"]) == 12
