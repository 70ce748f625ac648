"""Engagement pages: who sees them, the form path of the never-paid rule, bad input."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from maillage.engagement.models import Offer, Placement
from tests.factories.engagement import offer, placement
from tests.factories.missions import MissionFactory
from tests.factories.pricing import QuoteFactory
from tests.www.test_form_fuzz import Endpoint, data_for, post_as_every_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("union_rep", 200),
        ("worker", 403),
        ("buyer_member", 403),
        ("other_coordinator", 404),
        ("stranger", 403),
    ],
)
def test_who_sees_the_page(client, people, territory, role, status):
    client.force_login(people[role])
    url = reverse("engagement:territory", args=[territory.slug])
    assert client.get(url).status_code == status


def test_the_form_refuses_a_bought_need(client, coordinator, territory, school):
    the_offer = offer(territory)
    bought = QuoteFactory(accepted=True, mission__buyer=school).mission
    client.force_login(coordinator)
    url = reverse("engagement:placement_create", args=[territory.slug])
    data = {
        "offer": the_offer.pk,
        "beneficiary": school.pk,
        "mission": bought.pk,
        "hours": "2",
        "starts_on": "2026-11-02",
        "ends_on": "2026-11-30",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    # A bought need is not even offered in the list.
    assert response.context["placement_form"].errors == {
        "mission": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert not Placement.objects.exists()
    free = MissionFactory(buyer=school, fixed=True)
    response = client.post(url, {**data, "mission": free.pk})
    assert response.status_code == 302
    assert Placement.objects.get().mission == free


def test_an_offer_from_the_form(client, coordinator, territory):
    client.force_login(coordinator)
    url = reverse("engagement:offer_create", args=[territory.slug])
    data = {
        "kind": "volunteering",
        "provider": "Bénévoles du quartier",
        "description": "Aide aux démarches",
        "hours_offered": "30",
        "starts_on": "2026-11-02",
        "ends_on": "2026-11-01",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["offer_form"].errors == {"ends_on": ["The offer ends after it starts."]}
    assert client.post(url, {**data, "ends_on": "2026-12-18"}).status_code == 302
    assert Offer.objects.get().provider == "Bénévoles du quartier"


def test_union_rep_cannot_record(client, people, territory):
    client.force_login(people["union_rep"])
    url = reverse("engagement:offer_create", args=[territory.slug])
    assert client.post(url, {}).status_code == 403
    assert not Offer.objects.exists()


def test_the_page_reads_a_fixed_number_of_queries(
    client, coordinator, territory, school, django_assert_max_num_queries
):
    the_offer = offer(territory)
    for _ in range(3):
        placement(the_offer, school, hours=D("1"))
    client.force_login(coordinator)
    with django_assert_max_num_queries(25):
        client.get(reverse("engagement:territory", args=[territory.slug]))


def test_no_input_gets_a_server_error(client, people, territory, school):
    the_offer = offer(territory)
    fields = ["offer", "beneficiary", "mission", "hours", "starts_on", "ends_on"]
    for name, valid in (
        (
            "engagement:placement_create",
            {
                "offer": str(the_offer.pk),
                "beneficiary": str(school.pk),
                "hours": "1",
                "starts_on": "2026-11-02",
                "ends_on": "2026-11-03",
            },
        ),
        (
            "engagement:offer_create",
            {
                "kind": "sponsorship",
                "provider": "X",
                "description": "Y",
                "hours_offered": "3",
                "starts_on": "2026-11-02",
                "ends_on": "2026-11-03",
            },
        ),
    ):
        endpoint = Endpoint(
            name=name,
            args=(territory.slug,),
            fields=[*fields, "kind", "provider", "description", "hours_offered"],
            valid=valid,
        )
        post_as_every_role(
            client,
            url=reverse(name, args=endpoint.args),
            users=people,
            roles=("coordinator", "union_rep"),
            strategy=data_for(endpoint, [str(the_offer.pk), str(school.pk)]),
            examples=8,
        )
