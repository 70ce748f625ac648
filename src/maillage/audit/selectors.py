"""Reads of the audit log, filtered."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from maillage.audit.access import events_visible_to
from maillage.audit.models import AuditEvent
from maillage.people.access import Viewer


@dataclass(frozen=True)
class EventFilter:
    since: dt.date | None = None
    until: dt.date | None = None
    actor: str = ""
    action: str = ""
    territory_id: int | None = None


def filtered_events(user: Viewer, chosen: EventFilter) -> QuerySet[AuditEvent]:
    """The events the user may read, by day (inclusive, Paris time), actor, action, territory."""
    events = events_visible_to(user).select_related("territory")
    if chosen.since:
        events = events.filter(at__date__gte=chosen.since)
    if chosen.until:
        events = events.filter(at__date__lte=chosen.until)
    if chosen.actor:
        events = events.filter(actor_label__icontains=chosen.actor)
    if chosen.action:
        events = events.filter(action__icontains=chosen.action)
    if chosen.territory_id:
        events = events.filter(territory_id=chosen.territory_id)
    return events.order_by("-at", "-pk")
