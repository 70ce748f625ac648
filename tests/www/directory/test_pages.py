"""Directory pages: who sees them, the import's report, the questionnaire, bad input."""

from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maillage.directory.models import DiagnosisAnswer, Structure
from tests.factories.directory import answered, structure
from tests.www.test_form_fuzz import Endpoint, data_for, post_as_every_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("union_rep", 200),
        ("trainer", 200),
        ("worker", 403),
        ("buyer_member", 403),
        ("other_coordinator", 404),
        ("stranger", 403),
    ],
)
def test_who_sees_the_directory(client, people, territory, role, status):
    fabrique = structure(territory)
    client.force_login(people[role])
    assert client.get(reverse("directory:territory", args=[territory.slug])).status_code == status
    detail = reverse("directory:structure", args=[territory.slug, fabrique.pk])
    assert client.get(detail).status_code == status


def test_the_list_groups_by_epci_and_draws_the_map(
    client, coordinator, territory, django_assert_max_num_queries
):
    for index in range(4):
        answered(structure(territory, name=f"EPN {index}", kind="epn", commune="33063"))
    structure(territory)
    client.force_login(coordinator)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("directory:territory", args=[territory.slug]))
    html = response.content.decode()
    assert [epci for epci, _items in response.context["groups"]] == [
        "Bordeaux Métropole",
        "Communauté d'agglomération du Libournais",
    ]
    assert html.count("<circle") == 2
    assert response.context["declared_hours"] == 24.0


def test_the_import_page_reports_line_by_line(client, coordinator, territory):
    client.force_login(coordinator)
    url = reverse("directory:import", args=[territory.slug])
    bad = b"name,kind,commune\nA,epn,Paris\n"
    response = client.post(url, {"file": SimpleUploadedFile("s.csv", bad)})
    assert response.status_code == 400
    assert "Unknown commune &#x27;Paris&#x27; on this territory." in response.content.decode()
    assert not Structure.objects.exists()
    good = b"name,kind,commune\nA,epn,33063\n"
    response = client.post(url, {"file": SimpleUploadedFile("s.csv", good)})
    assert response.status_code == 200
    assert Structure.objects.get().name == "A"


def test_a_union_rep_cannot_import_nor_answer(client, people, territory):
    fabrique = structure(territory)
    client.force_login(people["union_rep"])
    url = reverse("directory:import", args=[territory.slug])
    assert client.post(url, {"file": SimpleUploadedFile("s.csv", b"x")}).status_code == 403
    detail = reverse("directory:structure", args=[territory.slug, fabrique.pk])
    assert client.post(detail, {"hours_to_buy_per_week": "3"}).status_code == 403
    assert not DiagnosisAnswer.objects.exists()


def test_the_questionnaire_and_a_duplicate(client, coordinator, territory):
    fabrique = structure(territory)
    client.force_login(coordinator)
    detail = reverse("directory:structure", args=[territory.slug, fabrique.pk])
    response = client.post(
        detail,
        {
            "activities": "Coworking",
            "needs": "Un site",
            "wishes": "",
            "kinds_wanted": ["web_upkeep"],
            "hours_to_buy_per_week": "4",
            "hours_to_offer_per_week": "2",
        },
    )
    assert response.status_code == 302
    answer = DiagnosisAnswer.objects.get()
    assert (answer.kinds_wanted, answer.hours_to_buy_per_week) == (["web_upkeep"], D("4.00"))
    create = reverse("directory:structure_create", args=[territory.slug])
    response = client.post(
        create,
        {"name": "tiers-lieu la fabrique", "kind": "epn", "commune": "Libourne", "link": "none"},
    )
    assert response.status_code == 400
    assert response.context["structure_form"].non_field_errors() == [
        "Already in the directory (same name and commune)."
    ]
    assert Structure.objects.count() == 1


def test_no_input_gets_a_server_error(client, people, territory):
    fabrique = structure(territory)
    endpoints = [
        Endpoint(
            name="directory:structure_create",
            args=(territory.slug,),
            fields=["name", "kind", "commune", "siret", "contact_email", "link", "activities"],
            valid={"name": "X", "kind": "epn", "commune": "33063", "link": "none"},
        ),
        Endpoint(
            name="directory:structure",
            args=(territory.slug, fabrique.pk),
            fields=["kinds_wanted", "hours_to_buy_per_week", "hours_to_offer_per_week", "needs"],
            valid={"hours_to_buy_per_week": "1", "hours_to_offer_per_week": "0"},
        ),
    ]
    for endpoint in endpoints:
        post_as_every_role(
            client,
            url=reverse(endpoint.name, args=endpoint.args),
            users=people,
            roles=("coordinator", "union_rep"),
            strategy=data_for(endpoint, [str(fabrique.pk)]),
            examples=8,
        )
