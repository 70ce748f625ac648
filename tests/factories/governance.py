"""Statutes, colleges and their members, proposals, made through the real services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from maillage.governance import services
from maillage.governance.models import College, CollegeMembership, Proposal, Statutes
from maillage.people.models import User
from maillage.territory.models import Territory
from tests.factories.people import UserFactory

#: Five colleges, each between 10 % and 50 %, adding up to 100 %.
WEIGHTS = {
    "workers": 3000,
    "buyers": 2500,
    "unions": 2000,
    "third_places": 1500,
    "local_authorities": 1000,
}


def statutes(
    territory: Territory,
    *,
    weights: dict[str, int] | None = None,
    quorum_bp: int = 3000,
    majority_bp: int = 5000,
    starts_on: dt.date = dt.date(2026, 1, 1),
) -> Statutes:
    """Founding statutes of ``territory`` (30 % quorum, simple majority by default)."""
    return services.adopt_statutes(
        territory=territory,
        weights=weights or WEIGHTS,
        quorum_bp=quorum_bp,
        majority_bp=majority_bp,
        starts_on=starts_on,
        by=None,
    )


def college(territory: Territory, kind: str) -> College:
    return College.objects.get(territory=territory, kind=kind)


def seat(territory: Territory, kind: str, user: User | None = None) -> User:
    """A member (a new user unless given) seated in the college ``kind`` of ``territory``."""
    user = user or UserFactory()
    CollegeMembership.objects.create(
        college=college(territory, kind), territory=territory, user=user
    )
    return user


def seats(territory: Territory, kind: str, count: int) -> list[User]:
    return [seat(territory, kind) for _ in range(count)]


def proposal(
    territory: Territory,
    *,
    by: User,
    kind: str = "text",
    change: dict | None = None,
    title: str = "Open a third tiers-lieu",
    text: str = "We propose to open a third tiers-lieu in the north of the territory.",
    union_opinion_due: dt.date | None = None,
) -> Proposal:
    return services.create_proposal(
        territory=territory,
        kind=kind,
        title=title,
        text=text,
        change=change,
        union_opinion_due=union_opinion_due,
        by=by,
    )


def voting(
    territory: Territory,
    *,
    by: User,
    opened: dt.datetime | None = None,
    days: int = 7,
    **kwargs,
) -> Proposal:
    """A proposal whose vote opened at ``opened`` (now by default) for ``days`` days."""
    opened = opened or timezone.now()
    item = proposal(territory, by=by, **kwargs)
    services.start_discussion(proposal=item, by=by)
    return services.open_vote(
        proposal=item, closes_at=opened + dt.timedelta(days=days), by=by, now=opened
    )
