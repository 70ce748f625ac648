"""factory_boy factories for the domain, with real communes of Gironde by default."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from maillage.missions.models import FixedSlot, Mission, MissionSkill
from maillage.people.models import (
    AvailabilityWindow,
    BuyerGroup,
    Membership,
    Organisation,
    Role,
    User,
    WorkerProfile,
)
from maillage.skills.models import Skill, WorkerSkill
from maillage.territory.models import Commune, Territory, ThirdPlace

BORDEAUX = "33063"
MERIGNAC = "33281"
LIBOURNE = "33243"
PASSWORD = "correct-horse-battery"

# SIRETs whose Luhn check digit is right (checked in tests/people/test_siret.py).
VALID_SIRETS = [
    "21330063500017",
    "21330281300018",
    "21330243300015",
    "44306184100047",
    "80295478500027",
    "51903758400025",
]


def commune(insee_code: str) -> Commune:
    return Commune.objects.get(insee_code=insee_code)


class TerritoryFactory(DjangoModelFactory):
    class Meta:
        model = Territory
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Territoire {n}")
    slug = factory.Sequence(lambda n: f"territoire-{n}")
    kind = "custom"

    @factory.post_generation
    def communes(self, create, extracted, **kwargs):
        if create:
            codes = extracted or [BORDEAUX, MERIGNAC, LIBOURNE]
            self.communes.set(Commune.objects.filter(insee_code__in=codes))


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = "school"
    name = factory.Sequence(lambda n: f"École élémentaire {n}")
    territory = factory.SubFactory(TerritoryFactory)
    commune = factory.LazyFunction(lambda: commune(BORDEAUX))


class BuyerGroupFactory(DjangoModelFactory):
    class Meta:
        model = BuyerGroup

    name = factory.Sequence(lambda n: f"Groupement {n}")
    kind = "purchasing"
    territory = factory.SubFactory(TerritoryFactory)


class ThirdPlaceFactory(DjangoModelFactory):
    class Meta:
        model = ThirdPlace

    territory = factory.SubFactory(TerritoryFactory)
    name = factory.Sequence(lambda n: f"Tiers-lieu {n}")
    commune = factory.LazyFunction(lambda: commune(LIBOURNE))
    address = "12 rue Gambetta"
    latitude = 44.9153
    longitude = -0.2436
    capacity = 20
    services = ["coworking"]


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.BUYER_MEMBER


class WorkerProfileFactory(DjangoModelFactory):
    class Meta:
        model = WorkerProfile

    user = factory.SubFactory(UserFactory)
    territory = factory.SubFactory(TerritoryFactory)
    home_commune = factory.LazyFunction(lambda: commune(MERIGNAC))
    travel_mode = "car"
    max_km = 25
    wished_weekly_minutes = 24 * 60
    max_weekly_minutes = 30 * 60
    status = "job_seeker"


class AvailabilityFactory(DjangoModelFactory):
    class Meta:
        model = AvailabilityWindow

    worker = factory.SubFactory(WorkerProfileFactory)
    weekday = 1
    start_minute = 9 * 60
    end_minute = 18 * 60


class WorkerSkillFactory(DjangoModelFactory):
    class Meta:
        model = WorkerSkill

    worker = factory.SubFactory(WorkerProfileFactory)
    skill = factory.LazyFunction(lambda: Skill.objects.get(code="workshop-children"))
    level = 4


class MissionFactory(DjangoModelFactory):
    class Meta:
        model = Mission

    buyer = factory.SubFactory(OrganisationFactory)
    territory = factory.SelfAttribute("buyer.territory")
    title = factory.Sequence(lambda n: f"Atelier numérique périscolaire {n}")
    kind = "after_school_workshop"
    place_kind = "address"
    address = "1 place de la République"
    commune = factory.LazyFunction(lambda: commune(BORDEAUX))
    period_start = dt.date(2026, 11, 2)
    period_end = dt.date(2026, 12, 18)
    schedule_kind = "fixed"


class MissionSkillFactory(DjangoModelFactory):
    class Meta:
        model = MissionSkill

    mission = factory.SubFactory(MissionFactory)
    skill = factory.LazyFunction(lambda: Skill.objects.get(code="workshop-children"))
    min_level = 2


class FixedSlotFactory(DjangoModelFactory):
    class Meta:
        model = FixedSlot

    mission = factory.SubFactory(MissionFactory)
    weekday = 1
    start_minute = 15 * 60
    end_minute = 16 * 60 + 30


def buyer_member(organisation: Organisation, **user_fields) -> User:
    """A user who is a buyer member of the organisation."""
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, role=Role.BUYER_MEMBER, organisation=organisation)
    return user


def member_with_role(role: str, territory: Territory, **scope) -> User:
    user = UserFactory()
    Membership.objects.create(user=user, role=role, territory=territory, **scope)
    return user
