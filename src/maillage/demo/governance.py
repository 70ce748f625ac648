"""The demo's steering: the cooperative's colleges and their members, one past decision and
one vote under way (a charter change the union college has given its opinion on).

The past decision is dated in October 2026 (demo dates); the vote under way opens when the
demo is built and stays open three weeks, so that the demo accounts can vote in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.utils import timezone

from maillage.governance import services
from maillage.governance.models import College, CollegeMembership, Statutes
from maillage.people.models import Membership, OrganisationKind, Role, User, WorkerProfile
from maillage.territory.models import Territory

PARIS = timezone.get_default_timezone()
STATUTES_FROM = dt.date(2026, 9, 1)
WEIGHTS = {
    "workers": 3000,
    "buyers": 2000,
    "unions": 1500,
    "third_places": 1000,
    "local_authorities": 1500,
    "training_bodies": 1000,
}
#: The demo accounts and their college (one per person and territory).
ACCOUNT_COLLEGES = {
    "worker": "workers",
    "buyer": "local_authorities",  # Sandrine buys for the town hall of Libourne
    "buyer2": "buyers",
    "group": "buyers",
    "union": "unions",
    "tierslieu": "third_places",
    "trainer": "training_bodies",
}
LOCAL_AUTHORITY_KINDS = {OrganisationKind.COMMUNE.value, OrganisationKind.EPCI.value}
PAST_OPENED = dt.datetime(2026, 10, 5, 9, 0, tzinfo=PARIS)
PAST_CLOSES = dt.datetime(2026, 10, 19, 18, 0, tzinfo=PARIS)


def _seat(territory: Territory, kind: str, user: User) -> None:
    if CollegeMembership.objects.filter(territory=territory, user=user).exists():
        return
    college = College.objects.get(territory=territory, kind=kind)
    CollegeMembership.objects.create(
        college=college,
        territory=territory,
        user=user,
        joined_at=timezone.make_aware(dt.datetime.combine(STATUTES_FROM, dt.time(9)), PARIS),
    )


def _seat_members(territory: Territory, users: Mapping[str, User]) -> None:
    for key, kind in ACCOUNT_COLLEGES.items():
        if key in users:
            _seat(territory, kind, users[key])
    workers = WorkerProfile.objects.filter(territory=territory).select_related("user")
    for worker in workers.order_by("pk")[:14]:
        _seat(territory, "workers", worker.user)
    buyers = Membership.objects.filter(
        role=Role.BUYER_MEMBER, organisation__territory=territory
    ).select_related("user", "organisation")
    for membership in buyers.order_by("pk")[:16]:
        organisation = membership.organisation
        public = organisation is not None and organisation.kind in LOCAL_AUTHORITY_KINDS
        kind = "local_authorities" if public else "buyers"
        _seat(territory, kind, membership.user)


def _members(territory: Territory, kind: str, *, besides: set[int]) -> list[User]:
    return [
        seat.user
        for seat in CollegeMembership.objects.filter(territory=territory, college__kind=kind)
        .select_related("user")
        .order_by("pk")
        if seat.user_id not in besides
    ]


def build(*, territory: Territory, users: Mapping[str, User]) -> bool:
    """Colleges, members, a past decision and a vote under way; False if already there."""
    if Statutes.objects.filter(territory=territory).exists():
        return False
    coordinator = users.get("coordinator")
    union_rep = users.get("union")
    if coordinator is None:
        return False
    services.adopt_statutes(
        territory=territory,
        weights=WEIGHTS,
        quorum_bp=2500,
        majority_bp=5000,
        starts_on=STATUTES_FROM,
        by=coordinator,
    )
    _seat_members(territory, users)
    showcase = {user.pk for user in users.values()}  # the demo accounts vote themselves

    # October: the internal rules, adopted.
    rules = services.create_proposal(
        territory=territory,
        kind="text",
        title="Règlement intérieur de la coopérative",
        text=(
            "Adopter le règlement intérieur : assemblée des collèges deux fois par an, "
            "ordre du jour ouvert à chaque collège, comptes rendus publiés sur l'observatoire."
        ),
        by=coordinator,
    )
    services.start_discussion(proposal=rules, by=coordinator)
    services.open_vote(proposal=rules, closes_at=PAST_CLOSES, by=coordinator, now=PAST_OPENED)
    ballots = {
        "workers": ["for"] * 7 + ["against", "abstain"],
        "buyers": ["for", "for", "against"],
        "local_authorities": ["for", "for"],
        "unions": [],
        "third_places": [],
        "training_bodies": [],
    }
    voting_day = PAST_OPENED + dt.timedelta(days=3)
    for kind, choices in ballots.items():
        for user, choice in zip(_members(territory, kind, besides=showcase), choices, strict=False):
            services.cast_vote(proposal=rules, user=user, choice=choice, now=voting_day)
    for key, choice in (("union", "for"), ("tierslieu", "for"), ("trainer", "abstain")):
        if key in users:
            services.cast_vote(proposal=rules, user=users[key], choice=choice, now=voting_day)
    services.close_vote(proposal=rules, now=PAST_CLOSES)

    # Now: raise the foundation floors from January, the union college has given its opinion.
    raise_floors = services.create_proposal(
        territory=territory,
        kind="charter",
        title="Revaloriser les planchers du niveau fondamental au 1er janvier 2027",
        text=(
            "Porter les planchers horaires bruts du niveau fondamental (1-2) à 14,20 € pour "
            "les ateliers périscolaires et l'aide numérique, pour garder l'écart avec le SMIC."
        ),
        change={
            "starts_on": "2027-01-01",
            "floors": {
                "after_school_workshop:foundation": "14.20",
                "digital_help_desk:foundation": "14.20",
            },
        },
        union_opinion_due=dt.date(2026, 11, 20),
        by=union_rep or coordinator,
    )
    services.start_discussion(proposal=raise_floors, by=coordinator)
    if union_rep is not None:
        services.record_union_opinion(
            proposal=raise_floors,
            position="favourable",
            text="Favorable : la hausse protège les débutants. Nous demandons un bilan en juin.",
            by=union_rep,
        )
    now = timezone.now()
    services.open_vote(
        proposal=raise_floors, closes_at=now + dt.timedelta(days=21), by=coordinator, now=now
    )
    for user in _members(territory, "workers", besides=showcase)[:4]:
        services.cast_vote(proposal=raise_floors, user=user, choice="for", now=now)
    return True
