"""Fixtures of the employment tests: a published plan giving a worker 24 h a week."""

import datetime as dt

import pytest

from maillage.consolidation.models import ConsolidationRun, PlanAssignment, PlanVersion
from maillage.people.models import Membership, Role
from maillage.pricing.services import default_terms, issue_charter
from tests.factories import (
    MissionFactory,
    MissionSkillFactory,
    OrganisationFactory,
    TerritoryFactory,
    UserFactory,
    WorkerProfileFactory,
    buyer_member,
    member_with_role,
)

START = dt.date(2026, 11, 2)
END = dt.date(2026, 12, 18)


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
def worker(territory):
    worker = WorkerProfileFactory(territory=territory)
    Membership.objects.create(user=worker.user, role=Role.WORKER, territory=territory)
    return worker


@pytest.fixture
def publish_plan():
    return _publish_plan


def _publish_plan(territory, worker, weekly_minutes_list):
    """A published plan giving ``worker`` one mission per entry of ``weekly_minutes_list``."""
    school = OrganisationFactory(territory=territory)
    run = ConsolidationRun.objects.create(
        territory=territory, period_start=START, period_end=END, method="engine"
    )
    version = PlanVersion.objects.create(
        territory=territory,
        period_start=START,
        period_end=END,
        number=1,
        run=run,
        method="engine",
        state="published",
        solver_status="OPTIMAL",
        objective=0,
        bound=0,
    )
    for minutes in weekly_minutes_list:
        mission = MissionFactory(
            buyer=school,
            kind="digital_help_desk",
            schedule_kind="flexible",
            flexible_weekly_minutes=minutes,
            flexible_min_block_minutes=60,
            period_start=START,
            period_end=END,
            state="planned",
        )
        MissionSkillFactory(mission=mission, min_level=2)
        PlanAssignment.objects.create(
            version=version, mission=mission, worker=worker, blocks=[], weekly_minutes=minutes
        )
    return version


@pytest.fixture
def people(territory, coordinator, worker):
    school = OrganisationFactory(territory=territory)
    other = TerritoryFactory()
    return {
        "worker": worker.user,
        "coordinator": coordinator,
        "buyer_member": buyer_member(school),
        "other_coordinator": member_with_role(Role.COORDINATOR, other),
        "stranger": UserFactory(),
    }
