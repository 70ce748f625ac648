"""The demo territory: deterministic from its seed, realistic in size, with working logins."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.contrib.auth import authenticate

from maillage.demo.builder import DEMO_ACCOUNTS, DEMO_PASSWORD, build_demo, demo_exists
from maillage.demo.catalogue import HOME_TOWNS
from maillage.demo.context import DEMO_EMAIL_DOMAIN, DEMO_TERRITORY_SLUG
from maillage.missions.models import Mission, MissionState, MissionTransition
from maillage.people.models import (
    BuyerGroup,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
    WorkerProfile,
)
from maillage.people.roles import has_role
from maillage.people.siret import is_valid_siret
from maillage.skills.models import SkillEvidence
from maillage.territory.geo import great_circle_km
from maillage.territory.models import Commune, Territory, TerritoryKind, ThirdPlace

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gironde_communes")]


def test_the_same_seed_rebuilds_identical_data(snapshot):
    build_demo(seed=7)
    first = snapshot()
    rows_after_first = (Organisation.objects.count(), User.objects.count(), Mission.objects.count())

    build_demo(seed=7, reset=True)

    assert snapshot() == first
    assert (
        Organisation.objects.count(),
        User.objects.count(),
        Mission.objects.count(),
    ) == rows_after_first
    assert Territory.objects.filter(slug=DEMO_TERRITORY_SLUG).count() == 1


def test_another_seed_gives_other_data(snapshot):
    build_demo(seed=1)
    first = snapshot()

    build_demo(seed=2, reset=True)
    second = snapshot()

    assert second["territory"] == first["territory"]
    assert second["organisations"] != first["organisations"]
    assert second["workers"] != first["workers"]
    assert second["missions"] != first["missions"]
    assert second["users"] != first["users"]  # the password salt follows the seed


def test_counts_and_shape_look_like_a_territory():
    summary = build_demo()
    territory = Territory.objects.get(slug=DEMO_TERRITORY_SLUG)
    buyers = [o for o in Organisation.objects.filter(territory=territory) if o.is_buyer]
    kinds = Counter(buyer.kind for buyer in buyers)

    assert (territory.name, territory.kind, territory.code) == (
        "Gironde",
        TerritoryKind.DEPARTEMENT,
        "33",
    )
    assert territory.communes.count() == Commune.objects.filter(departement_code="33").count()
    assert 55 <= len(buyers) <= 65
    assert summary.counts["buyers"] == len(buyers)
    assert kinds[OrganisationKind.SCHOOL] >= 15
    assert kinds[OrganisationKind.COMMUNE] >= 10
    assert kinds[OrganisationKind.ASSOCIATION] >= 12
    assert all(kinds[kind] >= 1 for kind in ("library", "public_digital_space", "company"))
    assert Organisation.objects.filter(kind=OrganisationKind.CARRIER, territory=territory).count()
    assert ThirdPlace.objects.filter(territory=territory).count() == 5
    assert all(place.opening_hours.count() >= 5 for place in ThirdPlace.objects.all())
    assert WorkerProfile.objects.filter(territory=territory).count() == 40
    purchasing = BuyerGroup.objects.get(kind=BuyerGroup.Kind.PURCHASING)
    employer = BuyerGroup.objects.get(kind=BuyerGroup.Kind.EMPLOYER)
    assert purchasing.members.count() == 6
    assert set(purchasing.members.values_list("kind", flat=True)) == {"commune", "school"}
    assert set(employer.members.values_list("kind", flat=True)) == {"association"}
    assert employer.members.count() == 4
    # Buyers in the big towns and in the countryside.
    communes = {buyer.commune.name for buyer in buyers}
    assert {"Bordeaux", "Libourne"} <= communes
    assert any(buyer.commune.population < 2000 for buyer in buyers)
    # Enough work for a cooperative of 40: most of it where the workers live.
    assert 400 <= summary.weekly_hours_this_term <= 650


def test_workers_are_plausible():
    build_demo()
    workers = WorkerProfile.objects.select_related("user").prefetch_related(
        "availability", "skills"
    )
    for worker in workers:
        assert 10 <= worker.max_km <= 40
        assert worker.wished_weekly_minutes <= worker.max_weekly_minutes <= 48 * 60
        assert 2 <= worker.skills.count() <= 5
        assert all(2 <= skill.level <= 7 for skill in worker.skills.all())
        assert sum(window.minutes for window in worker.availability.all()) >= (
            worker.wished_weekly_minutes
        )
        assert worker.user.email.isascii()
        assert worker.user.email.endswith(f"@{DEMO_EMAIL_DOMAIN}")
    # Workers live mostly in the metropole and the larger towns, with skills for both halves
    # of a full week.
    homes = [worker.home_commune for worker in workers]
    towns = {name for name, _weight in HOME_TOWNS}
    in_towns = sum(h.epci_name == "Bordeaux Métropole" or h.name in towns for h in homes)
    assert in_towns >= 0.8 * len(homes)
    full_week = [w for w in workers if w.wished_weekly_minutes >= 24 * 60]
    assert all(w.skills.count() >= 3 for w in full_week)
    wished_hours = [worker.wished_weekly_minutes / 60 for worker in workers]
    assert sum(24 <= hours <= 35 for hours in wished_hours) >= 20
    assert any(hours <= 20 for hours in wished_hours)
    assert len({worker.status for worker in workers}) >= 4
    kinds = set(SkillEvidence.objects.values_list("kind", flat=True))
    # Trainers' assessments come later, with the term's training (demo_term).
    assert kinds == {choice.value for choice in SkillEvidence.Kind} - {"trainer_assessment"}
    assert SkillEvidence.objects.filter(kind="certificate", detail__contains=" pix").exists()
    # A few remote workers chose a tiers-lieu near home as their remote-work base.
    based = [w for w in workers if w.remote_base_id is not None]
    assert 2 <= len(based) <= len(workers) // 4
    for worker in based:
        assert {s.skill.code for s in worker.skills.all()} & {"web-upkeep", "community-management"}
        home, base = worker.home_commune, worker.remote_base
        assert great_circle_km(home.latitude, home.longitude, base.latitude, base.longitude) <= 12


def test_needs_follow_the_school_term_and_the_lifecycle():
    build_demo()
    missions = list(Mission.objects.prefetch_related("slots", "excluded_periods"))
    states = Counter(mission.state for mission in missions)
    fall = [m for m in missions if m.period_start == dt.date(2026, 11, 2)]

    assert states[MissionState.ACCEPTED] > len(missions) / 2
    assert states[MissionState.DRAFT] and states[MissionState.PRICED]
    assert states[MissionState.CANCELLED] >= 1
    assert all(m.period_end == dt.date(2026, 12, 18) for m in fall)
    assert all(
        [(e.start, e.end) for e in m.excluded_periods.all()]
        == [(dt.date(2026, 11, 11), dt.date(2026, 11, 11))]
        for m in fall
    )
    # The winter needs renew fall ones, at the same slots, as a buyer's copy for the next
    # term does: planning the winter offers each first to its fall worker.
    winter = [m for m in missions if m.period_start == dt.date(2027, 1, 4)]
    assert winter
    assert all(
        m.replaces is not None and m.replaces.period_start == dt.date(2026, 11, 2) for m in winter
    )
    assert all(
        {(s.weekday, s.start_minute) for s in m.slots.all()}
        == {(s.weekday, s.start_minute) for s in m.replaces.slots.all()}
        for m in winter
    )
    workshops = [m for m in missions if m.kind == "after_school_workshop"]
    after_school = [m for m in workshops if "périscolaire" in m.title]
    assert {(s.start_minute, s.end_minute) for m in after_school for s in m.slots.all()} == {
        (900, 990),
        (990, 1080),
    }
    assert {s.weekday for m in after_school for s in m.slots.all()} <= {0, 1, 3, 4}
    # The other workshops are the communes' Wednesday leisure centres.
    assert {s.weekday for m in workshops if m not in after_school for s in m.slots.all()} == {2}
    cancellations = MissionTransition.objects.filter(to_state=MissionState.CANCELLED)
    assert cancellations.count() == states[MissionState.CANCELLED]
    assert all(transition.reason for transition in cancellations)


def test_every_siret_is_valid_and_unique():
    build_demo()
    sirets = list(Organisation.objects.values_list("siret", flat=True))

    assert all(is_valid_siret(siret) for siret in sirets)
    assert len(set(sirets)) == len(sirets) == 63
    # A town hall's SIREN is '21' + its INSEE code with a 0 after the département, as for real
    # (Bordeaux, 33063: 213 300 635).
    for town_hall in Organisation.objects.filter(kind="commune").select_related("commune"):
        code = town_hall.commune.insee_code
        assert town_hall.siret.startswith(f"21{code[:2]}0{code[2:]}")


def test_every_demo_login_authenticates_and_holds_its_role():
    build_demo()

    for account in DEMO_ACCOUNTS:
        user = authenticate(None, email=account.email, password=DEMO_PASSWORD)
        assert user is not None, account.email
        assert has_role(user, account.role), account.email
    admin = User.objects.get(email=f"admin@{DEMO_EMAIL_DOMAIN}")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.get(email=f"coordinator@{DEMO_EMAIL_DOMAIN}").is_staff
    buyer = Membership.objects.get(user__email=f"buyer@{DEMO_EMAIL_DOMAIN}")
    assert buyer.organisation.name == "Mairie de Libourne"
    assert buyer.organisation.missions.count() >= 3
    assert len(set(buyer.organisation.missions.values_list("state", flat=True))) >= 3
    other = Membership.objects.get(user__email=f"buyer2@{DEMO_EMAIL_DOMAIN}")
    assert other.organisation != buyer.organisation
    workers = User.objects.filter(worker_profile__isnull=False)
    assert Membership.objects.filter(role=Role.WORKER, user__in=workers).count() == 40
    some_worker = workers.exclude(email=f"worker@{DEMO_EMAIL_DOMAIN}").order_by("email").first()
    assert authenticate(None, email=some_worker.email, password=DEMO_PASSWORD) == some_worker


def test_reset_leaves_other_data_alone():
    bordeaux = Commune.objects.get(insee_code="33063")
    other = Territory.objects.create(name="Autre", slug="autre", kind=TerritoryKind.CUSTOM)
    outsider = Organisation.objects.create(
        kind="association", name="Hors démo", territory=other, commune=bordeaux
    )
    person = User.objects.create_user("someone@example.org", "x")
    build_demo(seed=3)

    build_demo(seed=3, reset=True)

    assert demo_exists()
    assert Organisation.objects.filter(pk=outsider.pk).exists()
    assert User.objects.filter(pk=person.pk).exists()
    assert Territory.objects.filter(pk=other.pk).exists()
