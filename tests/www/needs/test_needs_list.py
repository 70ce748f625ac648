"""The buyer's list of needs: a page at a fixed cost, searched by title or buyer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.www.utils.pagination import PER_PAGE
from tests.factories import MissionFactory

pytestmark = pytest.mark.django_db


def needs_list(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("needs:list"), params)
    assert response.status_code == 200
    return response, len(queries)


def test_query_count_does_not_grow_with_needs(client, school, buyer):
    client.force_login(buyer)
    MissionFactory.create_batch(3, buyer=school, fixed=True)
    _, few = needs_list(client)

    MissionFactory.create_batch(40, buyer=school, fixed=True)
    response, many = needs_list(client)

    assert many == few
    assert len(response.context["needs"]) == PER_PAGE
    assert response.context["needs"].paginator.count == 43


def test_second_page_and_search(client, school, buyer):
    client.force_login(buyer)
    MissionFactory.create_batch(PER_PAGE + 1, buyer=school)
    wanted = MissionFactory(buyer=school, title="Initiation à la visioconférence")

    second, _ = needs_list(client, page=2)
    found, _ = needs_list(client, q="visio")
    nothing, _ = needs_list(client, q="introuvable")

    assert len(second.context["needs"]) == 2
    assert [n.pk for n in found.context["needs"]] == [wanted.pk]
    assert nothing.context["needs"].paginator.count == 0
    assert nothing.context["query"] == "introuvable"
