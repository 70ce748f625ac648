"""Reads of dated work for the pages and the feeds, grouped by day, in few queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from maillage.execution.access import (
    buyer_occurrences,
    own_feed_tokens,
    own_occurrences,
    territory_occurrences,
)
from maillage.execution.dates import PARIS
from maillage.execution.models import FeedKind, FeedToken, Occurrence, OccurrenceState
from maillage.missions.models import PlaceKind
from maillage.people.access import Viewer
from maillage.people.models import WorkerProfile
from maillage.skills.models import WorkerSkill
from maillage.territory.geo import road_km, travel_minutes
from maillage.territory.holidays import public_holidays_between

# How far back a calendar feed goes (clients keep older events themselves).
FEED_DAYS_BACK = 92


@dataclass
class DatedItem:
    """An occurrence on a page, with the travel to it from the previous place of the day."""

    occurrence: Occurrence
    travel_minutes: int | None = None
    travel_from_home: bool = False
    remote_base: str = ""
    """For a remote session of a worker with a tiers-lieu base: the base's name."""


@dataclass
class Day:
    date: dt.date
    holiday: str = ""
    items: list[DatedItem] = field(default_factory=list)


def _between(queryset: QuerySet[Occurrence], first: dt.date, last: dt.date):
    return queryset.filter(date__gte=first, date__lte=last).order_by("starts_at", "pk")


def days_of(occurrences, first: dt.date, last: dt.date, *, keep_empty: bool = True) -> list[Day]:
    """The days from `first` to `last` with their occurrences and public holidays."""
    holidays = public_holidays_between(first, last)
    days: dict[dt.date, Day] = {}
    day = first
    while day <= last:
        days[day] = Day(date=day, holiday=str(holidays.get(day, "")))
        day += dt.timedelta(days=1)
    for occurrence in occurrences:
        days[occurrence.date].items.append(DatedItem(occurrence))
    if keep_empty:
        return list(days.values())
    return [d for d in days.values() if d.items or d.holiday]


def worker_days(
    user: Viewer, worker: WorkerProfile, first: dt.date, last: dt.date, *, keep_empty: bool = True
) -> list[Day]:
    """A worker's own days, with the buyer's contact and the travel time between places.

    The first place of a day is reached from home; a remote occurrence is done at the
    worker's tiers-lieu base when it chose one (reached like any place), else at home with
    no travel, and the next place is then reached from the last place visited.
    """
    # The worker's current rows, and those given to someone else while they were away.
    occurrences = _between(
        own_occurrences(user)
        | Occurrence.objects.filter(worker=worker, state=OccurrenceState.REPLACED),
        first,
        last,
    ).select_related("mission__buyer", "mission__created_by")
    days = days_of(occurrences, first, last, keep_empty=keep_empty)
    base = worker.remote_base
    home = worker.home_commune
    home_point = None if home.latitude is None else (home.latitude, home.longitude or 0.0)
    for day in days:
        previous: tuple[float, float] | None = home_point
        from_home = True
        for item in day.items:
            occurrence = item.occurrence
            if occurrence.state in (OccurrenceState.CANCELLED, OccurrenceState.REPLACED):
                continue
            if occurrence.mission.place_kind == PlaceKind.REMOTE and base is not None:
                item.remote_base = base.name
                here = (base.latitude, base.longitude)
            elif occurrence.latitude is None:
                continue
            else:
                here = (occurrence.latitude, occurrence.longitude or 0.0)
            if previous is not None:
                km = road_km(*previous, *here)
                item.travel_minutes = round(travel_minutes(km, mode=worker.travel_mode))
                item.travel_from_home = from_home
            previous, from_home = here, False
    return days


def _with_worker_skills(queryset: QuerySet[Occurrence]) -> QuerySet[Occurrence]:
    return queryset.select_related("mission", "worker__user").prefetch_related(
        Prefetch(
            "worker__skills",
            queryset=WorkerSkill.objects.select_related("skill").order_by("skill__code"),
        )
    )


def buyer_days(
    user: Viewer, first: dt.date, last: dt.date, *, organisation_id: int | None = None
) -> list[Day]:
    """Who comes when for the user's organisations (first name and skills of the worker)."""
    occurrences = _between(buyer_occurrences(user), first, last)
    if organisation_id is not None:
        occurrences = occurrences.filter(mission__buyer_id=organisation_id)
    return days_of(_with_worker_skills(occurrences), first, last)


def territory_days(
    user: Viewer,
    first: dt.date,
    last: dt.date,
    *,
    territory_id: int,
    worker_id: int | None = None,
    buyer_id: int | None = None,
    kind: str = "",
) -> list[Day]:
    """The coordinator's calendar of one territory, filtered by worker, buyer or kind."""
    occurrences = _between(territory_occurrences(user), first, last).filter(
        mission__territory_id=territory_id
    )
    if worker_id is not None:
        occurrences = occurrences.filter(worker_id=worker_id)
    if buyer_id is not None:
        occurrences = occurrences.filter(mission__buyer_id=buyer_id)
    if kind:
        occurrences = occurrences.filter(mission__kind=kind)
    return days_of(occurrences.select_related("mission__buyer", "worker__user"), first, last)


def active_feed(token: str) -> FeedToken | None:
    """The feed with this token, unless revoked."""
    return (
        FeedToken.objects.select_related("user", "organisation")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )


def feed_occurrences(feed: FeedToken, *, today: dt.date) -> list[Occurrence]:
    """What a feed shows: current occurrences from FEED_DAYS_BACK days ago on.

    A worker's feed also keeps, as cancelled, the occurrences a newer plan gave to someone
    else (their own row was superseded): the worker's calendar must drop them.
    """
    since = today - dt.timedelta(days=FEED_DAYS_BACK)
    if feed.kind == FeedKind.WORKER:
        rows = (
            Occurrence.objects.filter(worker__user=feed.user, date__gte=since)
            .select_related("mission__buyer")
            .order_by("uid", "-pk")
        )
        latest: dict[str, Occurrence] = {}
        for row in rows:
            latest.setdefault(row.uid, row)
        return sorted(latest.values(), key=lambda o: (o.starts_at, o.pk))
    rows = buyer_occurrences(feed.user).filter(mission__buyer=feed.organisation, date__gte=since)
    return list(_with_worker_skills(rows).order_by("starts_at", "pk"))


def feed_tokens(user: Viewer) -> QuerySet[FeedToken]:
    return own_feed_tokens(user)


def local_time(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(PARIS)
