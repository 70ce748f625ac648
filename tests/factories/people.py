"""Users, organisations (with valid SIRETs), buyer groups, memberships, workers."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from maillage.people.models import (
    AvailabilityWindow,
    BuyerGroup,
    Membership,
    Organisation,
    Role,
    User,
    WorkerProfile,
)
from maillage.people.siret import luhn_valid
from maillage.skills.models import Skill, WorkerSkill
from tests.factories.territory import (
    BORDEAUX,
    MERIGNAC,
    TerritoryFactory,
    ThirdPlaceFactory,
    commune,
)

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


def siret(n: int) -> str:
    """The n-th made-up SIRET: 13 digits starting with 9 (no real SIREN) and a Luhn digit."""
    body = f"9{n:012d}"
    return next(body + str(d) for d in range(10) if luhn_valid(body + str(d)))


class UserFactory(DjangoModelFactory):
    """A person who signs in with ``PASSWORD``."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.django.Password(PASSWORD)

    class Params:
        staff = factory.Trait(is_staff=True)
        superuser = factory.Trait(is_staff=True, is_superuser=True)


class OrganisationFactory(DjangoModelFactory):
    """A school in Bordeaux with a valid, unique SIRET."""

    class Meta:
        model = Organisation

    kind = "school"
    name = factory.Sequence(lambda n: f"École élémentaire {n}")
    siret = factory.Sequence(siret)
    territory = factory.SubFactory(TerritoryFactory)
    commune = factory.LazyFunction(lambda: commune(BORDEAUX))

    class Params:
        town_hall = factory.Trait(
            kind="commune", name=factory.Sequence(lambda n: f"Mairie {n}"), is_public_buyer=True
        )
        association = factory.Trait(
            kind="association", name=factory.Sequence(lambda n: f"Association {n}")
        )
        carrier = factory.Trait(kind="carrier", name=factory.Sequence(lambda n: f"Coopérative {n}"))
        without_siret = factory.Trait(siret="")


class BuyerGroupFactory(DjangoModelFactory):
    """A purchasing group; ``members=[organisations]`` fills it."""

    class Meta:
        model = BuyerGroup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Groupement {n}")
    kind = "purchasing"
    territory = factory.SubFactory(TerritoryFactory)

    class Params:
        employer = factory.Trait(kind="employer")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)


class MembershipFactory(DjangoModelFactory):
    """A role held by a user, with the scope the role needs (one trait per role).

    Without a trait: a buyer member of a new organisation.
    """

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.BUYER_MEMBER
    organisation = factory.SubFactory(OrganisationFactory)

    class Params:
        buyer_member = factory.Trait(role=Role.BUYER_MEMBER)
        worker = factory.Trait(
            role=Role.WORKER, organisation=None, territory=factory.SubFactory(TerritoryFactory)
        )
        coordinator = factory.Trait(
            role=Role.COORDINATOR,
            organisation=None,
            territory=factory.SubFactory(TerritoryFactory),
        )
        union_rep = factory.Trait(
            role=Role.UNION_REP, organisation=None, territory=factory.SubFactory(TerritoryFactory)
        )
        trainer = factory.Trait(
            role=Role.TRAINER, organisation=None, territory=factory.SubFactory(TerritoryFactory)
        )
        group_manager = factory.Trait(
            role=Role.GROUP_MANAGER,
            organisation=None,
            buyer_group=factory.SubFactory(BuyerGroupFactory),
        )
        third_place_manager = factory.Trait(
            role=Role.THIRD_PLACE_MANAGER,
            organisation=None,
            third_place=factory.SubFactory(ThirdPlaceFactory),
        )
        admin = factory.Trait(role=Role.ADMIN, organisation=None)


def _add_membership(worker, create, extracted, **kwargs):
    if create:
        Membership.objects.create(user=worker.user, role=Role.WORKER, territory=worker.territory)


def _add_skill(worker, create, extracted, **kwargs):
    if create:
        skill = Skill.objects.get(code="workshop-children")
        WorkerSkill.objects.create(worker=worker, skill=skill, level=4)


def _add_availability(worker, create, extracted, **kwargs):
    if create:
        AvailabilityWindow.objects.bulk_create(
            AvailabilityWindow(worker=worker, weekday=day, start_minute=480, end_minute=1140)
            for day in (1, 3)
        )


class WorkerProfileFactory(DjangoModelFactory):
    """A worker living in Mérignac, by car, 24 h wished and 30 h at most a week.

    Traits: ``with_membership`` (the worker role on their territory), ``with_skill``
    (workshop-children at level 4), ``with_availability`` (Tuesday and Thursday 8:00-19:00),
    ``full_time_wish`` (35 h wished and maximum), ``qualified`` (all of the first three).
    """

    class Meta:
        model = WorkerProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    territory = factory.SubFactory(TerritoryFactory)
    home_commune = factory.LazyFunction(lambda: commune(MERIGNAC))
    travel_mode = "car"
    max_km = 25
    wished_weekly_minutes = 24 * 60
    max_weekly_minutes = 30 * 60
    status = "job_seeker"

    class Params:
        full_time_wish = factory.Trait(wished_weekly_minutes=35 * 60, max_weekly_minutes=35 * 60)
        with_membership = factory.Trait(membership=factory.PostGeneration(_add_membership))
        with_skill = factory.Trait(skill=factory.PostGeneration(_add_skill))
        with_availability = factory.Trait(availability=factory.PostGeneration(_add_availability))
        qualified = factory.Trait(with_membership=True, with_skill=True, with_availability=True)


class AvailabilityFactory(DjangoModelFactory):
    """Tuesday 9:00-18:00."""

    class Meta:
        model = AvailabilityWindow

    worker = factory.SubFactory(WorkerProfileFactory)
    weekday = 1
    start_minute = 9 * 60
    end_minute = 18 * 60


def buyer_member(organisation: Organisation, **user_fields) -> User:
    """A user who is a buyer member of the organisation."""
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, role=Role.BUYER_MEMBER, organisation=organisation)
    return user


def member_with_role(role: str, territory, **scope) -> User:
    """A user holding ``role`` on ``territory`` (plus any other scope given)."""
    user = UserFactory()
    Membership.objects.create(user=user, role=role, territory=territory, **scope)
    return user
