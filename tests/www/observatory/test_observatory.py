"""The public observatory: no sign-in, the charter and its history, decisions with their
tallies, indicators with small cells hidden; the same as open data under a stated licence."""

import json

import pytest
from django.urls import reverse

from maillage.governance import services
from tests.factories import CharterFactory, TerritoryFactory, member_with_role
from tests.factories import governance as gov
from tests.governance.test_votes import AFTER, DURING, OPENED

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def decided(db):
    territory = TerritoryFactory(slug="bordeaux-metropole")
    coordinator = member_with_role("coordinator", territory)
    CharterFactory(territory=territory, by=coordinator)
    gov.statutes(territory)
    vote = gov.voting(
        territory,
        by=coordinator,
        opened=OPENED,
        kind="fee",
        title="Lower the fee to 6 %",
        change={"starts_on": "2027-01-01", "cooperative_fee_rate": "0.06"},
    )
    for user in gov.seats(territory, "workers", 3):
        services.cast_vote(proposal=vote, user=user, choice="for", now=DURING)
    union = gov.seat(territory, "unions")
    services.cast_vote(proposal=vote, user=union, choice="against", now=DURING)
    services.close_vote(proposal=vote, now=AFTER)
    return territory


def test_the_page_is_public(client, decided):
    response = client.get("/en/observatory/bordeaux-metropole/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lower the fee to 6 %" in page
    assert "Adopted" in page
    assert "Version 1, from" in page and "Version 2, from" in page
    assert "Licence Ouverte / Open Licence 2.0" in page
    assert "fee: 8\u00a0%." in page  # shares read as percentages, not 0.0800
    assert client.get(reverse("observatory:index")).status_code == 200


def test_an_unknown_territory_is_not_found(client, db):
    assert client.get(reverse("observatory:territory", args=["x"])).status_code == 404
    assert client.get(reverse("observatory:territory_json", args=["x"])).status_code == 404
    assert client.get(reverse("observatory:territory_csv", args=["x"])).status_code == 404


def test_the_open_data_json(client, decided):
    response = client.get(reverse("observatory:territory_json", args=["bordeaux-metropole"]))
    data = json.loads(response.content)
    assert data["licence"] == "Licence Ouverte / Open Licence 2.0"
    assert [c["version"] for c in data["charters"]] == [2, 1]
    assert data["charters"][0]["starts_on"] == "2027-01-01"
    assert data["charters"][0]["cooperative_fee_rate"] == "0.0600"
    (decision,) = data["decisions"]
    assert decision["adopted"] is True
    assert decision["charter_version"] == 2
    workers = decision["tally"]["colleges"][0]
    assert (workers["kind"], workers["for"], workers["against"]) == ("workers", 3, 0)
    # No plan published: the people counts are unknown, not small.
    assert data["indicators"]["workers_at_24h"] is None


def test_the_open_data_csv_is_formula_safe(client, db):
    territory = TerritoryFactory(slug="t-csv", name="=HYPERLINK(1)")
    coordinator = member_with_role("coordinator", territory)
    CharterFactory(territory=territory, by=coordinator)
    response = client.get(reverse("observatory:territory_csv", args=["t-csv"]))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert lines[0] == "section;item;key;value"
    assert "licence;;licence;Licence Ouverte / Open Licence 2.0" in lines
    assert "territory;t-csv;name;'=HYPERLINK(1)" in lines


def test_small_groups_are_hidden(db):
    """2 workers at 24 h out of 7 wishing it: the 2 are hidden, the 7 shown."""
    from types import SimpleNamespace

    from maillage.governance.indicators import _headline_from

    metrics = {"workers_at_threshold": 2, "workers_wishing_threshold": 7, "coverage": 0.8}
    figures = SimpleNamespace(
        territory=None,
        metric=metrics.get,
        travel=None,
        money=SimpleNamespace(share_to_pay=None, source="quotes"),
        period_start=None,
        period_end=None,
    )
    headline = _headline_from(figures)
    assert headline.workers_at_threshold.hidden is True
    assert headline.workers_wishing_threshold.value == 7
    assert headline.as_dict()["workers_at_24h"] is None
    assert headline.as_dict()["workers_wishing_24h"] == 7


def test_the_page_costs_the_same_queries_with_more_decisions(
    client, decided, django_assert_max_num_queries
):
    url = "/en/observatory/bordeaux-metropole/"
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    coordinator = decided.memberships.get(role="coordinator").user
    for n in range(3):
        vote = gov.voting(decided, by=coordinator, opened=OPENED, title=f"Motion {n}")
        services.close_vote(proposal=vote, now=AFTER)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
