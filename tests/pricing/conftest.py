"""Fixtures of the pricing tests: a territory with its charter, a need, the people."""

import datetime as dt

import pytest

from maillage.people.models import Membership, Role
from maillage.pricing.services import default_terms, issue_charter
from tests.factories import (
    FixedSlotFactory,
    MissionFactory,
    MissionSkillFactory,
    OrganisationFactory,
    TerritoryFactory,
    UserFactory,
    WorkerProfileFactory,
    WorkerSkillFactory,
    buyer_member,
    member_with_role,
)


@pytest.fixture
def territory():
    return TerritoryFactory()


@pytest.fixture
def coordinator(territory):
    return member_with_role(Role.COORDINATOR, territory)


@pytest.fixture
def charter(territory, coordinator):
    return issue_charter(
        territory=territory, terms=default_terms(dt.date(2026, 1, 1)), by=coordinator
    )


@pytest.fixture
def school(territory):
    return OrganisationFactory(territory=territory)


@pytest.fixture
def buyer(school):
    return buyer_member(school)


@pytest.fixture
def need(school):
    """Tuesdays 15:00-16:30 from 2 November to 18 December 2026, level 2: foundation band."""
    mission = MissionFactory(buyer=school)
    MissionSkillFactory(mission=mission, min_level=2)
    FixedSlotFactory(mission=mission)
    return mission


@pytest.fixture
def qualified_worker(territory):
    worker = WorkerProfileFactory(territory=territory)
    WorkerSkillFactory(worker=worker, level=4)
    Membership.objects.create(user=worker.user, role=Role.WORKER, territory=territory)
    return worker


@pytest.fixture
def people(territory, school, buyer, coordinator, qualified_worker):
    other_territory = TerritoryFactory()
    other_school = OrganisationFactory(territory=other_territory)
    return {
        "buyer_member": buyer,
        "coordinator": coordinator,
        "worker": qualified_worker.user,
        "other_buyer": buyer_member(other_school),
        "other_coordinator": member_with_role(Role.COORDINATOR, other_territory),
        "stranger": UserFactory(),
    }
