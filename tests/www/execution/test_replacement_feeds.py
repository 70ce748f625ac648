"""Calendar feeds after a confirmed replacement: the same event moves from the absent
worker's calendar (cancelled, one revision more) to the replacing worker's and stays one
event in the buyer's (revised, with the new first name)."""

import datetime as dt

import icalendar
import pytest
from django.utils import timezone

from maillage.absences.services import confirm_proposal, declare_absence, request_proposal
from maillage.execution.services import create_feed_token
from tests.execution.conftest import MID_PERIOD
from tests.factories import WorkerProfileFactory

TUESDAY_24 = dt.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _frozen_today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: MID_PERIOD.date())


def _events_on(client, token, day):
    client.logout()
    response = client.get(f"/en/execution/feed/{token}.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return [e for e in calendar.walk("VEVENT") if e["DTSTART"].dt.date() == day]


def test_feeds_follow_a_replacement(client, dated, django_capture_on_commit_callbacks):
    carla = WorkerProfileFactory(
        territory=dated.territory, qualified=True, user__first_name="Carla"
    )
    absence = declare_absence(
        worker=dated.alice,
        kind="sickness",
        first_day=TUESDAY_24,
        last_day=TUESDAY_24,
        by=dated.alice.user,
        now=MID_PERIOD,
    )
    coordinator = dated.people["coordinator"]
    with django_capture_on_commit_callbacks(execute=True):
        proposal = request_proposal(absence=absence, by=coordinator, now=MID_PERIOD)
    proposal.refresh_from_db()
    confirm_proposal(proposal=proposal, by=coordinator, now=MID_PERIOD)

    alice = create_feed_token(user=dated.alice.user, kind="worker")
    carla_feed = create_feed_token(user=carla.user, kind="worker")
    buyer = create_feed_token(
        user=dated.people["buyer_member"], kind="buyer", organisation=dated.school
    )
    [gone] = _events_on(client, alice.token, TUESDAY_24)
    [taken] = _events_on(client, carla_feed.token, TUESDAY_24)
    [seen] = _events_on(client, buyer.token, TUESDAY_24)
    assert str(gone["UID"]) == str(taken["UID"]) == str(seen["UID"])
    assert (str(gone["STATUS"]), gone["SEQUENCE"]) == ("CANCELLED", 1)
    assert (str(taken["STATUS"]), taken["SEQUENCE"]) == ("CONFIRMED", 1)
    assert "Carla" in str(seen["SUMMARY"])
