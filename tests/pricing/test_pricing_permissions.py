"""Permission matrix of the pricing pages: who may see, issue, answer and download."""

import pytest
from django.urls import reverse

from maillage.pricing.models import Quote
from maillage.pricing.services import issue_quote

pytestmark = pytest.mark.django_db

ROLES = ["buyer_member", "coordinator", "worker", "other_buyer", "other_coordinator", "stranger"]


@pytest.fixture
def quote(charter, need, coordinator):
    return issue_quote(mission=need, by=coordinator)


def expected(allowed: set[str], role: str, refused: tuple[int, ...]) -> tuple[int, ...]:
    return (200,) if role in allowed else refused


@pytest.mark.parametrize("role", ROLES)
def test_charter_overview(client, people, charter, role):
    client.force_login(people[role])
    response = client.get(reverse("pricing:charter_overview"))
    assert response.status_code in expected({"coordinator", "other_coordinator"}, role, (403,))
    if role == "other_coordinator":
        assert charter.territory.name not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_charter_version_and_new_version(client, people, charter, role):
    client.force_login(people[role])
    for url in (
        reverse("pricing:charter_version", args=[charter.pk]),
        reverse("pricing:charter_new", args=[charter.territory_id]),
    ):
        assert client.get(url).status_code in expected({"coordinator"}, role, (403, 404))


@pytest.mark.parametrize("role", ROLES)
def test_issue_a_quote(client, people, charter, need, role):
    client.force_login(people[role])
    url = reverse("pricing:quote_new", args=[need.pk])
    assert client.get(url).status_code in expected({"coordinator"}, role, (403, 404))
    response = client.post(url, {"hourly_gross": ""})
    assert (Quote.objects.count() == 1) is (role == "coordinator")
    if role != "coordinator":
        assert response.status_code in (403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_quote_page_and_pdf(client, people, quote, role):
    client.force_login(people[role])
    for name in ("quote_detail", "quote_pdf"):
        response = client.get(reverse(f"pricing:{name}", args=[quote.pk]))
        assert response.status_code in expected({"buyer_member", "coordinator"}, role, (404,))


@pytest.mark.parametrize("role", ["coordinator", "worker", "other_buyer", "stranger"])
def test_only_the_buyer_answers_a_quote(client, people, quote, role):
    client.force_login(people[role])
    for name in ("quote_accept", "quote_refuse"):
        response = client.post(reverse(f"pricing:{name}", args=[quote.pk]))
        assert response.status_code in (403, 404)
    quote.refresh_from_db()
    quote.mission.refresh_from_db()
    assert (quote.state, quote.mission.state) == ("issued", "priced")


def test_anonymous_visitors_are_sent_to_sign_in(client, quote):
    response = client.get(reverse("pricing:quote_detail", args=[quote.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
