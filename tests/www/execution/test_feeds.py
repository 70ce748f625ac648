"""The iCalendar feeds, read back with independent libraries (icalendar + recurring-ical-events)."""

import datetime as dt

import icalendar
import pytest
import recurring_ical_events
from django.utils import timezone

from maillage.execution.models import FeedToken, Occurrence
from maillage.execution.services import create_feed_token, expand_published_plan
from tests.execution.conftest import MID_PERIOD, TUESDAY, next_version

FEEDS = "/en/execution/feeds/"
# The whole plan period, and a bit on each side.
FROM, TO = dt.date(2026, 10, 1), dt.date(2027, 1, 31)


@pytest.fixture(autouse=True)
def _frozen_today(monkeypatch):
    """The feed shows the work from FEED_DAYS_BACK days before the real today: the tests read
    it in the middle of the plan's period, whatever the date they run on."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: MID_PERIOD.date())


def _events(client, token):
    client.logout()  # calendar clients do not sign in
    response = client.get(f"/en/execution/feed/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return response.content.decode(), recurring_ical_events.of(calendar).between(FROM, TO)


def _triples(events):
    return sorted((str(e["UID"]), e["DTSTART"].dt, e["DTEND"].dt) for e in events)


def _platform(rows):
    return sorted((o.uid, o.starts_at, o.ends_at) for o in rows)


def test_a_worker_creates_a_link_and_the_feed_holds_exactly_their_dated_work(client, dated):
    client.force_login(dated.alice.user)
    response = client.post(FEEDS, {"kind": "worker"})
    assert response.status_code == 302
    feed = FeedToken.objects.get(user=dated.alice.user)
    assert (feed.kind, feed.organisation, len(feed.token)) == ("worker", None, 43)

    text, events = _events(client, feed.token)

    assert _triples(events) == _platform(Occurrence.objects.filter(worker=dated.alice))
    assert len(events) == 12
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Paris" in text
    first = min(events, key=lambda e: e["DTSTART"].dt)
    assert first["DTSTART"].params["TZID"] == "Europe/Paris"
    assert first["DTSTART"].dt.utcoffset() == dt.timedelta(hours=1)
    assert (str(first["STATUS"]), first["SEQUENCE"]) == ("CONFIRMED", 0)
    assert "LAST-MODIFIED" in first
    workshop = next(e for e in events if "Atelier mardi" in str(e["SUMMARY"]))
    assert str(workshop["LOCATION"]) == "1 place de la République, 33000 Bordeaux"


def test_a_new_plan_updates_the_same_events_and_cancels_the_others(client, dated):
    feed = create_feed_token(user=dated.alice.user, kind="worker")
    _, before = _events(client, feed.token)
    # v2: Bruno takes the workshop; the help desk is no longer planned.
    v2 = next_version(dated, [(dated.workshop, dated.bruno, [TUESDAY])])
    expand_published_plan(version=v2, now=MID_PERIOD)

    _, after = _events(client, feed.token)

    assert {str(e["UID"]) for e in after} == {str(e["UID"]) for e in before}  # no duplicate
    by_status = {}
    for event in after:
        by_status.setdefault(str(event["STATUS"]), []).append(event)
    # Past: 10 and 17 Nov (workshop), 4 and 18 Nov (desk), confirmed as they were.
    assert len(by_status["CONFIRMED"]) == 4
    assert {e["SEQUENCE"] for e in by_status["CONFIRMED"]} == {0}
    # Future: 4 workshops given to Bruno and 4 help desks no longer planned.
    assert len(by_status["CANCELLED"]) == 8
    assert {e["SEQUENCE"] for e in by_status["CANCELLED"]} == {1}
    # Bruno's feed has the workshops, confirmed, with the same uids, revised.
    bruno_feed = create_feed_token(user=dated.bruno.user, kind="worker")
    _, bruno_events = _events(client, bruno_feed.token)
    assert _triples(bruno_events) == _platform(Occurrence.objects.filter(version=v2))
    assert {(str(e["STATUS"]), e["SEQUENCE"]) for e in bruno_events} == {("CONFIRMED", 1)}


def test_a_buyer_feed_shows_the_needs_of_the_organisation_never_a_worker_home(client, dated):
    buyer = dated.people["buyer_member"]
    client.force_login(buyer)
    response = client.post(FEEDS, {"kind": "buyer", "organisation": dated.school.pk})
    assert response.status_code == 302
    feed = FeedToken.objects.get(user=buyer)

    text, events = _events(client, feed.token)

    assert _triples(events) == _platform(Occurrence.objects.filter(mission__buyer=dated.school))
    assert "Alice" in text
    unfolded = text.replace("\r\n ", "")
    assert "Mérignac" not in unfolded  # the worker's home commune
    assert dated.alice.user.last_name not in unfolded
    assert dated.alice.user.email not in unfolded


def test_a_revoked_link_answers_404(client, dated):
    feed = create_feed_token(user=dated.alice.user, kind="worker")
    client.force_login(dated.alice.user)
    response = client.post(f"{FEEDS}{feed.pk}/revoke/")
    assert response.status_code == 302
    feed.refresh_from_db()
    assert feed.revoked_at is not None
    client.logout()
    assert client.get(f"/en/execution/feed/{feed.token}.ics").status_code == 404


def test_a_link_stops_when_its_owner_loses_the_role(client, dated):
    buyer = dated.people["buyer_member"]
    feed = create_feed_token(user=buyer, kind="buyer", organisation=dated.school)
    buyer.memberships.all().delete()
    assert client.get(f"/en/execution/feed/{feed.token}.ics").status_code == 404


@pytest.mark.parametrize("token", ["x", "a" * 42, "a" * 43, "a" * 44])
def test_an_unknown_token_answers_404(client, db, token):
    assert client.get(f"/en/execution/feed/{token}.ics").status_code == 404


def test_only_the_owner_revokes_a_link(client, dated):
    feed = create_feed_token(user=dated.alice.user, kind="worker")
    client.force_login(dated.bruno.user)
    assert client.post(f"{FEEDS}{feed.pk}/revoke/").status_code == 404
    feed.refresh_from_db()
    assert feed.revoked_at is None


def test_nobody_gets_a_feed_of_an_organisation_they_do_not_buy_for(client, dated):
    other = dated.people["other_buyer"]
    client.force_login(other)
    response = client.post(FEEDS, {"kind": "buyer", "organisation": dated.school.pk})
    assert response.status_code == 404
    assert not FeedToken.objects.filter(user=other).exists()
    client.force_login(dated.people["buyer_member"])
    assert client.post(FEEDS, {"kind": "worker"}).status_code == 404
    assert not FeedToken.objects.exists()
