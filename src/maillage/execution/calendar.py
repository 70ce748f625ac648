"""iCalendar (RFC 5545) feeds of dated work, readable by common calendar clients.

Each occurrence is one VEVENT whose UID stays the same across re-publications, with its
SEQUENCE and LAST-MODIFIED, so that a client updates the event rather than adding another;
cancelled occurrences stay, with STATUS:CANCELLED. Times carry TZID=Europe/Paris and the
VTIMEZONE that describes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import icalendar
from django.utils.translation import gettext as _

from maillage.execution.dates import PARIS
from maillage.execution.models import (
    HISTORY_STATES,
    FeedKind,
    FeedToken,
    Occurrence,
    OccurrenceState,
)

PRODID = "-//Maillage//Dated work//FR"
# The feed's time zone is described from a few years back to well after the plans we make.
TIMEZONE_YEARS = 5


def _status(occurrence: Occurrence) -> str:
    if occurrence.state in (OccurrenceState.CANCELLED, *HISTORY_STATES):
        return "CANCELLED"
    if occurrence.state == OccurrenceState.TO_REPLACE:
        return "TENTATIVE"
    return "CONFIRMED"


def _sequence(occurrence: Occurrence) -> int:
    # A superseded (or replaced) row in a worker's feed is work given to someone else: one
    # revision more than the row the worker's client last saw.
    return occurrence.sequence + (occurrence.state in HISTORY_STATES)


def _worker_text(occurrence: Occurrence) -> tuple[str, str]:
    mission = occurrence.mission
    summary = f"{mission.title} — {mission.buyer.name}"
    lines = [mission.buyer.name]
    if mission.buyer.email:
        lines.append(mission.buyer.email)
    return summary, "\n".join(lines)


def _buyer_text(occurrence: Occurrence) -> tuple[str, str]:
    # The buyer learns who comes (first name) and what they can do, never where they live.
    worker = occurrence.worker
    first_name = worker.user.first_name or _("A worker")
    skills = ", ".join(f"{s.skill.name} ({s.level})" for s in worker.skills.all())
    summary = f"{occurrence.mission.title} — {first_name}"
    description = _("Worker: %(name)s") % {"name": first_name}
    if skills:
        description += "\n" + _("Skills: %(skills)s") % {"skills": skills}
    return summary, description


def build_feed(
    feed: FeedToken, occurrences: Iterable[Occurrence], *, now: dt.datetime, name: str
) -> bytes:
    """The calendar of `occurrences` as RFC 5545 text."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    text_of = _worker_text if feed.kind == FeedKind.WORKER else _buyer_text
    for occurrence in occurrences:
        event = icalendar.Event()
        summary, description = text_of(occurrence)
        event.add("uid", occurrence.uid)
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("dtstart", occurrence.starts_at.astimezone(PARIS))
        event.add("dtend", occurrence.ends_at.astimezone(PARIS))
        event.add("summary", summary)
        event.add("description", description)
        if occurrence.address or occurrence.place_label:
            event.add("location", occurrence.address or occurrence.place_label)
        else:
            event.add("location", _("Remote"))
        event.add("status", _status(occurrence))
        event.add("sequence", _sequence(occurrence))
        event.add("last-modified", occurrence.updated_at.astimezone(dt.UTC))
        event.add("created", occurrence.created_at.astimezone(dt.UTC))
        calendar.add_component(event)
    calendar.add_missing_timezones(
        first_date=dt.date(now.year - TIMEZONE_YEARS, 1, 1),
        last_date=dt.date(now.year + TIMEZONE_YEARS, 1, 1),
    )
    return calendar.to_ical()
