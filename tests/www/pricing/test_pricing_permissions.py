"""Permission matrix of the pricing pages: who may see, issue, answer and download.

A role the user lacks answers 403; an object the user may not see (another territory's
charter, another organisation's quote) answers 404, so that its existence is not revealed.
"""

import pytest
from django.urls import reverse

from maillage.pricing.models import Quote
from maillage.pricing.services import issue_quote

pytestmark = pytest.mark.django_db

ROLES = [
    "buyer_member",
    "coordinator",
    "worker",
    "union_rep",
    "other_buyer",
    "other_coordinator",
    "stranger",
]


@pytest.fixture
def quote(charter, need, coordinator):
    return issue_quote(mission=need, by=coordinator)


CHARTER_OVERVIEW = {
    "buyer_member": 403,
    "coordinator": 200,
    "worker": 403,
    "union_rep": 200,
    "other_buyer": 403,
    "other_coordinator": 200,
    "stranger": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_charter_overview(client, people, charter, role):
    client.force_login(people[role])
    response = client.get(reverse("pricing:charter_overview"))
    assert response.status_code == CHARTER_OVERVIEW[role]
    if role == "other_coordinator":
        assert charter.territory.name not in response.content.decode()


# Pages of the territory's coordinator: other roles are refused, another territory's
# coordinator does not learn that the charter or the need exists.
COORDINATOR_ONLY = {
    "buyer_member": 403,
    "coordinator": 200,
    "worker": 403,
    "union_rep": 403,
    "other_buyer": 403,
    "other_coordinator": 404,
    "stranger": 403,
}
# Union representatives of the territory read the charter and propose a change of it.
CHARTER_READERS = {**COORDINATOR_ONLY, "union_rep": 200}


@pytest.mark.parametrize("role", ROLES)
def test_charter_version_and_new_version(client, people, charter, role):
    client.force_login(people[role])
    for url in (
        reverse("pricing:charter_version", args=[charter.pk]),
        reverse("pricing:charter_new", args=[charter.territory_id]),
    ):
        assert client.get(url).status_code == CHARTER_READERS[role]


@pytest.mark.parametrize("role", ROLES)
def test_issue_a_quote(client, people, charter, need, role):
    client.force_login(people[role])
    url = reverse("pricing:quote_new", args=[need.pk])
    assert client.get(url).status_code == COORDINATOR_ONLY[role]
    response = client.post(url, {"hourly_gross": ""})
    assert Quote.objects.count() == (1 if role == "coordinator" else 0)
    assert response.status_code == (302 if role == "coordinator" else COORDINATOR_ONLY[role])


@pytest.mark.parametrize("role", ROLES)
def test_quote_page_and_pdf(client, people, quote, role):
    client.force_login(people[role])
    for name in ("quote_detail", "quote_pdf"):
        response = client.get(reverse(f"pricing:{name}", args=[quote.pk]))
        assert response.status_code == (200 if role in {"buyer_member", "coordinator"} else 404)


# The coordinator sees the quote but does not answer for the buyer; the others do not see it.
ANSWER_REFUSED = {"coordinator": 403, "worker": 404, "other_buyer": 404, "stranger": 404}


@pytest.mark.parametrize("role", sorted(ANSWER_REFUSED))
def test_only_the_buyer_answers_a_quote(client, people, quote, role):
    client.force_login(people[role])
    for name in ("quote_accept", "quote_refuse"):
        response = client.post(reverse(f"pricing:{name}", args=[quote.pk]))
        assert response.status_code == ANSWER_REFUSED[role]
    quote.refresh_from_db()
    quote.mission.refresh_from_db()
    assert (quote.state, quote.mission.state) == ("issued", "priced")


def test_anonymous_visitors_are_sent_to_sign_in(client, quote):
    response = client.get(reverse("pricing:quote_detail", args=[quote.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
