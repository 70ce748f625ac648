"""Who may keep a charter, issue, read and answer a quote: pricing.access and selectors."""

import pytest
from django.contrib.auth.models import AnonymousUser

from maillage.people.models import Membership
from maillage.pricing import access, selectors
from tests.factories import CharterFactory, QuoteFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "coordinator",
    "buyer_member",
    "worker",
    "union_rep",
    "trainer",
    "other_buyer",
    "other_coordinator",
    "stranger",
]


@pytest.fixture
def quote(charter, need, coordinator):
    return QuoteFactory(mission=need, by=coordinator)


@pytest.mark.parametrize("who", ROLES)
def test_only_the_territorys_coordinator_keeps_its_charter(people, territory, charter, who):
    user = people[who]
    allowed = who == "coordinator"
    assert access.can_edit_charter(user, territory) is allowed
    assert selectors.visible_charter(user, charter.pk) == (charter if allowed else None)
    assert selectors.charter_territory(user, territory.pk) == (territory if allowed else None)
    assert (territory in access.charter_territories(user)) is allowed


def test_a_coordinator_reads_every_version_of_their_charters_only(people, territory, charter):
    there = Membership.objects.get(user=people["other_coordinator"]).territory
    theirs = CharterFactory(territory=there)
    assert set(access.charters_visible_to(people["coordinator"])) == {charter}
    assert set(access.charters_visible_to(people["other_coordinator"])) == {theirs}
    assert {charter, theirs} <= set(access.charters_visible_to(UserFactory(superuser=True)))
    assert list(access.charters_visible_to(AnonymousUser())) == []


@pytest.mark.parametrize("who", ROLES)
def test_only_the_territorys_coordinator_issues_a_quote(people, need, who):
    assert access.can_issue_quote(people[who], need) is (who == "coordinator")


@pytest.mark.parametrize("who", ROLES)
def test_a_quote_is_seen_by_whoever_sees_its_need_and_answered_by_its_buyer(people, quote, who):
    user = people[who]
    sees = who in {"buyer_member", "coordinator"}
    answers = who == "buyer_member"
    assert selectors.visible_quote(user, quote.pk) == (quote if sees else None)
    assert (quote in access.quotes_visible_to(user)) is sees
    assert access.can_accept_quote(user, quote) is answers
    assert access.can_refuse_quote(user, quote) is answers


def test_an_admin_sees_a_quote_but_does_not_answer_for_the_buyer(quote):
    admin = UserFactory(superuser=True)
    assert selectors.visible_quote(admin, quote.pk) == quote
    assert access.can_issue_quote(admin, quote.mission) is True
    assert access.can_accept_quote(admin, quote) is False
    assert selectors.visible_quote(AnonymousUser(), quote.pk) is None
    assert access.can_accept_quote(AnonymousUser(), quote) is False
