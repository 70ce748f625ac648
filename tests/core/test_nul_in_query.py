"""A NUL character in a page's query string gets a 400 with a message, never a server error."""

import pytest
from django.urls import reverse

from maillage.people.models import Role
from tests.factories import member_with_role
from tests.www.test_login_required import URLS

pytestmark = pytest.mark.django_db

HOSTILE = {"q": "a\x00b", "state": "accepted", "territory": "\x00", "week": "2026-W49"}


@pytest.fixture
def coordinator(client, territory):
    client.force_login(member_with_role(Role.COORDINATOR, territory))
    return client


def test_the_coordinators_search_with_a_nul_is_refused_with_a_message(coordinator):
    """On PostgreSQL this search was a 500: text cannot hold NUL."""
    response = coordinator.get(reverse("coordinator:home"), HOSTILE)

    assert response.status_code == 400
    assert response.content.decode() == (  # in the page's language
        "L’adresse contient un caractère qu’aucune page n’accepte (NUL)."
    )


def test_the_same_search_without_the_nul_is_served(coordinator):
    response = coordinator.get(reverse("coordinator:home"), {**HOSTILE, "q": "ab", "territory": ""})

    assert response.status_code == 200


def test_a_nul_in_a_parameter_name_is_refused_too(coordinator):
    assert coordinator.get(reverse("needs:list") + "?q%00=x").status_code == 400


def test_every_page_but_the_api_refuses_a_nul_in_its_query_string(coordinator):
    for _name, url, _callback in URLS:
        if url.startswith("/api/"):
            continue
        assert coordinator.get(url, HOSTILE).status_code == 400, url


def test_the_api_is_left_to_answer_in_its_own_format(coordinator):
    """The API's serializers refuse NUL in their filters with a problem+json; its schema,
    which reads no parameter, is served."""
    assert coordinator.get("/api/v1/schema/", HOSTILE).status_code == 200
