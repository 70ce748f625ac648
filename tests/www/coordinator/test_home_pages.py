"""The coordinator's home: a page of needs and a page of workers, searched, at a fixed cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.www.utils.pagination import PER_PAGE
from tests.factories import MissionFactory, OrganisationFactory, WorkerProfileFactory

pytestmark = pytest.mark.django_db


def home(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("coordinator:home"), params)
    assert response.status_code == 200
    return response, len(queries)


def test_query_count_does_not_grow_with_needs_and_workers(client, territory, coordinator):
    client.force_login(coordinator)
    MissionFactory.create_batch(3, buyer=OrganisationFactory(territory=territory), fixed=True)
    WorkerProfileFactory.create_batch(3, territory=territory, with_skill=True)
    _, few = home(client)

    MissionFactory.create_batch(40, buyer=OrganisationFactory(territory=territory), fixed=True)
    WorkerProfileFactory.create_batch(40, territory=territory, with_skill=True)
    response, many = home(client)

    assert many == few
    assert len(response.context["needs"]) == PER_PAGE
    assert len(response.context["workers"]) == PER_PAGE


def test_pages_keep_the_filters(client, territory, coordinator):
    client.force_login(coordinator)
    MissionFactory.create_batch(PER_PAGE + 2, buyer=OrganisationFactory(territory=territory))

    first, _ = home(client, state="draft")
    second, _ = home(client, state="draft", page=2)

    assert first.context["needs"].paginator.count == PER_PAGE + 2
    assert first.context["needs"].next_query == "?state=draft&page=2"
    assert [n.pk for n in second.context["needs"]] == [
        n.pk for n in first.context["needs"].paginator.page(2)
    ]
    assert 'rel="next"' in first.content.decode()


def test_search_by_title_or_buyer(client, territory, coordinator):
    client.force_login(coordinator)
    school = OrganisationFactory(territory=territory, name="École Jules Ferry")
    other = OrganisationFactory(territory=territory, name="Mairie de Coutras")
    robotics = MissionFactory(buyer=other, title="Atelier robotique")
    by_school = MissionFactory(buyer=school, title="Aide aux devoirs numériques")
    MissionFactory(buyer=other, title="Permanence tablettes")

    by_title, _ = home(client, q="robotique")
    by_buyer, _ = home(client, q="jules ferry")

    assert [n.pk for n in by_title.context["needs"]] == [robotics.pk]
    assert [n.pk for n in by_buyer.context["needs"]] == [by_school.pk]
