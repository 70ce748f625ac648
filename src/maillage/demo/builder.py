"""Build the demo territory (the Gironde) from a seed: same seed, same data, every time.

Everything random comes from one `random.Random(seed)`, every queryset drawn from is sorted
by a stable key, and every date is counted from a fixed reference date, so that two builds
from the same seed give identical rows (primary keys and timestamps aside).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Model, ProtectedError, Q, RestrictedError

from maillage.core.immutability import rewrites_allowed
from maillage.demo.context import (
    DEMO_DEPARTEMENT,
    DEMO_EMAIL_DOMAIN,
    DEMO_TERRITORY_SLUG,
    DemoContext,
    SiretMaker,
)
from maillage.demo.needs import FALL_TERM, build_needs
from maillage.demo.notifications import build_notifications
from maillage.demo.organisations import DemoOrganisations, build_organisations
from maillage.demo.workers import (
    ShowcaseWorker,
    build_workers,
    choose_remote_bases,
    showcase_evidence_extras,
)
from maillage.missions.models import Mission, MissionState
from maillage.people.models import (
    BuyerGroup,
    Membership,
    Organisation,
    Role,
    User,
    WorkerProfile,
)
from maillage.pricing.services import default_terms, issue_charter
from maillage.skills.models import Skill
from maillage.territory.models import Commune, Territory, ThirdPlace
from maillage.territory.services import create_departement_territory, read_communes_file

DEFAULT_SEED = 2026
DEMO_PASSWORD = "maillage-demo"
DEMO_URL = "http://127.0.0.1:8000/"
WORKER_COUNT = 40
JOINED_AT = dt.datetime(2026, 4, 1, 8, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class DemoAccount:
    """One demo login: who it is, the role it holds, and what to try with it (in French)."""

    key: str
    role: str
    first_name: str
    last_name: str
    what_to_try: str

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_EMAIL_DOMAIN}"


# The one list of demo logins: build_demo creates them, demo_logins shows them.
DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("coordinator", Role.COORDINATOR, "Camille", "Lafon",
                "Suivre les besoins du territoire, lancer une consolidation, "
                "voir qui atteint 24 h."),
    DemoAccount("admin", Role.ADMIN, "Alex", "Moreau",
                "Administration Django (/admin/) et tous les territoires."),
    DemoAccount("worker", Role.WORKER, "Inès", "Darriet",
                "Profil riche : compétences et preuves (Pix, évaluations), disponibilités, "
                "comparaison micro-entreprise / salariat."),
    DemoAccount("buyer", Role.BUYER_MEMBER, "Sandrine", "Cazenave",
                "Mairie de Libourne : besoins à divers stades (brouillon, devis, accepté), "
                "décrire un nouveau besoin."),
    DemoAccount("buyer2", Role.BUYER_MEMBER, "Mehdi", "Benali",
                "Une autre structure : vérifier qu'on ne voit pas les besoins de la mairie "
                "de Libourne."),
    DemoAccount("group", Role.GROUP_MANAGER, "Olivier", "Dubos",
                "Groupement d'achat numérique du Libournais : les besoins de ses six membres."),
    DemoAccount("tierslieu", Role.THIRD_PLACE_MANAGER, "Maëlle", "Fourcade",
                "Le Hangar numérique de Bacalan : horaires, services, formations accueillies."),
    DemoAccount("trainer", Role.TRAINER, "Yannick", "Le Gall",
                "GPEC : compétences manquantes sur le territoire, qui former et à quoi."),
    DemoAccount("union", Role.UNION_REP, "Fatou", "Diallo",
                "Indicateurs agrégés et anonymisés, gouvernance et votes."),
)  # fmt: skip


@dataclass
class DemoSummary:
    """What a build made, for the command's report and the tests."""

    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    missions_by_state: dict[str, int] = field(default_factory=dict)
    weekly_hours_this_term: float = 0.0


def demo_account(key: str) -> DemoAccount:
    return next(account for account in DEMO_ACCOUNTS if account.key == key)


def demo_exists() -> bool:
    return Territory.objects.filter(slug=DEMO_TERRITORY_SLUG).exists()


def demo_password_hash(seed: int) -> str:
    """The password hash shared by every demo user: hashed once, with a salt from the seed."""
    return make_password(DEMO_PASSWORD, salt=f"maillagedemo{seed}")


def ensure_departement_communes(departement_code: str = DEMO_DEPARTEMENT) -> int:
    """Load the communes of one département if none is there yet (fast, for tests and bare DBs)."""
    if Commune.objects.filter(departement_code=departement_code).exists():
        return 0
    rows = [row for row in read_communes_file() if row["departement_code"] == departement_code]
    Commune.objects.bulk_create(
        Commune(
            insee_code=row["insee_code"],
            name=row["name"],
            postal_codes=row["postal_codes"],
            departement_code=row["departement_code"],
            departement_name=row["departement_name"],
            region_name=row["region_name"],
            epci_siren=row["epci_siren"],
            epci_name=row["epci_name"],
            population=int(row["population"] or 0),
            latitude=float(row["latitude"]) if row["latitude"] not in ("", "nan") else None,
            longitude=float(row["longitude"]) if row["longitude"] not in ("", "nan") else None,
        )
        for row in rows
    )
    return len(rows)


def _delete_with_blockers(queryset, depth: int = 0) -> None:
    """Delete the rows, first deleting what protects them (e.g. rows other apps attach later)."""
    try:
        queryset.delete()
    except (ProtectedError, RestrictedError) as error:
        if depth > 5:
            raise
        blockers = (
            error.protected_objects
            if isinstance(error, ProtectedError)
            else (error.restricted_objects)
        )
        by_model: dict[type[Model], list[Any]] = {}
        for blocker in blockers:
            by_model.setdefault(type(blocker), []).append(blocker.pk)
        for model, pks in by_model.items():
            _delete_with_blockers(model._default_manager.filter(pk__in=pks), depth + 1)
        _delete_with_blockers(queryset, depth + 1)


def reset_demo() -> None:
    """Delete the demo territory and everything and everyone in it (call inside a transaction).

    Its plan versions, quotes, charters and logs are records the database never lets anyone
    rewrite (maillage.core.immutability): erasing the whole demo is the allowed exception.
    """
    territory = Territory.objects.filter(slug=DEMO_TERRITORY_SLUG).first()
    demo_users = User.objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}")
    with rewrites_allowed():
        if territory is not None:
            _delete_with_blockers(Mission.objects.filter(territory=territory).order_by("-pk"))
            _delete_with_blockers(WorkerProfile.objects.filter(territory=territory))
        _delete_with_blockers(demo_users)
        if territory is not None:
            for model in (Membership, BuyerGroup, Organisation, ThirdPlace):
                _delete_with_blockers(model.objects.filter(Q(territory=territory)))
            _delete_with_blockers(Territory.objects.filter(pk=territory.pk))


def _user(account: DemoAccount, password_hash: str, index: int) -> User:
    return User(
        email=account.email,
        first_name=account.first_name,
        last_name=account.last_name,
        password=password_hash,
        is_staff=account.role == Role.ADMIN,
        is_superuser=account.role == Role.ADMIN,
        date_joined=JOINED_AT + dt.timedelta(minutes=index),
    )


def _memberships(ctx: DemoContext, orgs: DemoOrganisations, users: dict[str, User]) -> None:
    """Each demo login holds its role, scoped as the role requires."""
    territory = ctx.territory
    scopes: dict[str, dict[str, Any]] = {
        "coordinator": {"territory": territory},
        "admin": {},
        "buyer": {"organisation": orgs.showcase_town_hall},
        "buyer2": {"organisation": orgs.second_buyer},
        "group": {"buyer_group": orgs.purchasing_group},
        "tierslieu": {"third_place": orgs.third_places[0]},
        "trainer": {"territory": territory, "organisation": orgs.training_body},
        "union": {"territory": territory, "organisation": orgs.union},
    }
    Membership.objects.bulk_create(
        Membership(user=users[key], role=demo_account(key).role, **scope)
        for key, scope in scopes.items()
    )


def _summarise(seed: int, territory: Territory) -> DemoSummary:
    missions = Mission.objects.filter(territory=territory).prefetch_related("slots")
    this_term = [
        m for m in missions if m.period_start == FALL_TERM[0] and m.state != MissionState.CANCELLED
    ]
    organisations = Organisation.objects.filter(territory=territory)
    buyers = [o for o in organisations if o.is_buyer]
    return DemoSummary(
        seed=seed,
        counts={
            "buyers": len(buyers),
            "organisations": len(organisations),
            "buyer_groups": BuyerGroup.objects.filter(territory=territory).count(),
            "third_places": ThirdPlace.objects.filter(territory=territory).count(),
            "workers": WorkerProfile.objects.filter(territory=territory).count(),
            "missions": len(missions),
            "users": User.objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}").count(),
        },
        missions_by_state=dict(sorted(Counter(m.state for m in missions).items())),
        weekly_hours_this_term=sum(m.weekly_minutes() for m in this_term) / 60,
    )


CHARTER_STARTS_ON = dt.date(2026, 1, 1)


def build_demo(*, seed: int = DEFAULT_SEED, reset: bool = False) -> DemoSummary:
    """Build the whole demo territory in one transaction (after deleting the old one if asked)."""
    with transaction.atomic():
        if reset:
            reset_demo()
        ensure_departement_communes(DEMO_DEPARTEMENT)
        rng = random.Random(seed)
        territory = create_departement_territory(
            departement_code=DEMO_DEPARTEMENT, slug=DEMO_TERRITORY_SLUG
        )
        password_hash = demo_password_hash(seed)
        staff = [account for account in DEMO_ACCOUNTS if account.key != "worker"]
        users = {
            account.key: user
            for account, user in zip(
                staff,
                User.objects.bulk_create(
                    _user(account, password_hash, index) for index, account in enumerate(staff)
                ),
                strict=True,
            )
        }
        taken = set(Organisation.objects.exclude(siret="").values_list("siret", flat=True))
        ctx = DemoContext(
            rng=rng,
            territory=territory,
            communes=list(
                Commune.objects.filter(departement_code=DEMO_DEPARTEMENT).order_by("insee_code")
            ),
            coordinator=users["coordinator"],
            sirets=SiretMaker(rng, taken),
            skills={skill.code: skill for skill in Skill.objects.order_by("code")},
        )
        organisations = build_organisations(ctx)
        worker_account = demo_account("worker")
        workers = build_workers(
            ctx,
            count=WORKER_COUNT,
            showcase=ShowcaseWorker(
                worker_account.email, worker_account.first_name, worker_account.last_name
            ),
            password_hash=password_hash,
            evaluators=organisations.of_kind("school") + organisations.of_kind("association"),
        )
        showcase_evidence_extras(ctx, workers[0])
        choose_remote_bases(ctx, workers, seed=seed)
        users["worker"] = workers[0].user
        _memberships(ctx, organisations, users)
        issue_charter(territory=territory, terms=default_terms(CHARTER_STARTS_ON), by=None)
        build_needs(ctx, organisations)
        # The term under way (absences, timesheets, invoices...) needs a published plan: it is
        # built after the plan by `manage.py demo_term` (maillage.demo.term). This verifies the
        # logins' addresses and closes the emails of what the build notified.
        build_notifications(users.values())
        return _summarise(seed, territory)
