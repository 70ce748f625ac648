"""A small hand-built territory whose GPEC figures are known.

Workers (all in Mérignac, by car, 24 h wished, 30 h maximum):
- Alice and Bruno: workshop-children level 4, available Tue and Thu 8:00-19:00 (22 h a week);
- Chloé: web-upkeep level 2, available Mon 9:00-17:00 (8 h a week).
Needs (accepted, 2 Nov - 18 Dec 2026):
- M1 Bordeaux, Tue 15:00-16:30, workshop-children ≥ 2 (90 min);
- M2 Mérignac, Thu 15:00-16:30, workshop-children ≥ 2 (90 min);
- M3 Bordeaux, Mon 10:00-12:00, web-upkeep ≥ 3 (120 min): nobody is qualified; Chloé is one
  level away.
"""

import datetime as dt

import pytest

from maillage.consolidation.models import PlanVersion
from maillage.consolidation.services import publish_version, start_run
from maillage.people.models import Membership, Role
from maillage.skills.models import Skill
from tests.factories import (
    BORDEAUX,
    MERIGNAC,
    AvailabilityFactory,
    FixedSlotFactory,
    MissionFactory,
    MissionSkillFactory,
    OrganisationFactory,
    TerritoryFactory,
    WorkerProfileFactory,
    WorkerSkillFactory,
    commune,
    member_with_role,
)

START, END = dt.date(2026, 11, 2), dt.date(2026, 12, 18)


@pytest.fixture
def world(db):
    territory = TerritoryFactory(slug="gpec-test", name="Territoire GPEC")
    workshop = Skill.objects.get(code="workshop-children")
    web = Skill.objects.get(code="web-upkeep")
    workers = {}
    for first_name, skill, level, days, start, end in (
        ("Alice", workshop, 4, (1, 3), 8 * 60, 19 * 60),
        ("Bruno", workshop, 4, (1, 3), 8 * 60, 19 * 60),
        ("Chloé", web, 2, (0,), 9 * 60, 17 * 60),
    ):
        worker = WorkerProfileFactory(
            territory=territory,
            user__first_name=first_name,
            user__last_name="Secret",
            user__email=f"{first_name.lower()}@workers.example",
        )
        Membership.objects.create(user=worker.user, role=Role.WORKER, territory=territory)
        WorkerSkillFactory(worker=worker, skill=skill, level=level)
        for day in days:
            AvailabilityFactory(worker=worker, weekday=day, start_minute=start, end_minute=end)
        workers[first_name] = worker
    school = OrganisationFactory(territory=territory)
    missions = {}
    for name, skill, level, place, day, start, end in (
        ("M1", workshop, 2, BORDEAUX, 1, 900, 990),
        ("M2", workshop, 2, MERIGNAC, 3, 900, 990),
        ("M3", web, 3, BORDEAUX, 0, 600, 720),
    ):
        mission = MissionFactory(buyer=school, state="accepted", title=name, commune=commune(place))
        MissionSkillFactory(mission=mission, skill=skill, min_level=level)
        FixedSlotFactory(mission=mission, weekday=day, start_minute=start, end_minute=end)
        missions[name] = mission
    territory.workers_by_name, territory.missions_by_name = workers, missions
    territory.coordinator = member_with_role(Role.COORDINATOR, territory)
    return territory


def plan(territory, capture, *, method="engine", publish=True) -> PlanVersion:
    """Run the engine (or the baseline) on the test period; publish the engine's version."""
    with capture(execute=True):
        run = start_run(
            territory=territory,
            period_start=START,
            period_end=END,
            method=method,
            requested_by=territory.coordinator,
            time_limit_seconds=2,
        )
    version = PlanVersion.objects.get(run=run)
    if publish:
        publish_version(version=version, by=territory.coordinator)
        version.refresh_from_db()
    return version


@pytest.fixture
def planned(world, django_capture_on_commit_callbacks):
    """The world with a published engine plan and a baseline version of the same period."""
    world.published = plan(world, django_capture_on_commit_callbacks)
    world.baseline = plan(
        world, django_capture_on_commit_callbacks, method="baseline", publish=False
    )
    return world
