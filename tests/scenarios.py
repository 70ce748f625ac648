"""Worlds shared by several test folders, built from the factories and the real services.

- ``publish_plan``: a published plan giving one worker one flexible need per weekly volume;
- ``gpec_world`` and ``plan``: a small territory whose GPEC figures are known, planned by the
  real engine (used by tests/gpec and tests/www/gpec);
- ``upcoming_term``: a term after today, for the pages that refuse a need already over.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from maillage.consolidation.models import PlanVersion
from maillage.consolidation.services import publish_version, start_run
from maillage.people.models import Role
from maillage.territory.models import Territory
from tests.factories import (
    BORDEAUX,
    END,
    MERIGNAC,
    START,
    AvailabilityFactory,
    FixedSlotFactory,
    MissionFactory,
    MissionSkillFactory,
    OrganisationFactory,
    PlanAssignmentFactory,
    PlanVersionFactory,
    TerritoryFactory,
    WorkerProfileFactory,
    WorkerSkillFactory,
    commune,
    member_with_role,
    skill,
)


@dataclass(frozen=True)
class Term:
    start: dt.date  # a Monday
    end: dt.date  # the Friday six weeks later
    excluded: dt.date  # the Wednesday of the second week (as 11 November in the demo's term)


def upcoming_term(today: dt.date | None = None) -> Term:
    """Seven school weeks starting the Monday after ``today`` (the pages' today by default).

    The pages refuse a need already over or starting too far ahead from the real date, so a
    test posting fixed dates would fail once they are past: it takes this term instead.
    """
    today = today or timezone.localdate()
    start = today + dt.timedelta(days=7 - today.weekday())
    return Term(
        start=start,
        end=start + dt.timedelta(weeks=6, days=4),
        excluded=start + dt.timedelta(days=9),
    )


def publish_plan(territory, worker, weekly_minutes_list) -> PlanVersion:
    """A published plan giving ``worker`` one help-desk need per entry of the list (minutes)."""
    school = OrganisationFactory(territory=territory)
    version = PlanVersionFactory(territory=territory, published=True)
    for minutes in weekly_minutes_list:
        mission = MissionFactory(
            buyer=school, flexible=True, flexible_weekly_minutes=minutes, state="planned"
        )
        PlanAssignmentFactory(
            version=version, mission=mission, worker=worker, blocks=[], weekly_minutes=minutes
        )
    return version


def gpec_world() -> Territory:
    """A small hand-built territory whose GPEC figures are known.

    Workers (all in Mérignac, by car, 24 h wished, 30 h maximum):
    - Alice and Bruno: workshop-children level 4, available Tue and Thu 8:00-19:00 (22 h);
    - Chloé: web-upkeep level 2, available Mon 9:00-17:00 (8 h a week).
    Needs (accepted, 2 Nov - 18 Dec 2026):
    - M1 Bordeaux, Tue 15:00-16:30, workshop-children ≥ 2 (90 min);
    - M2 Mérignac, Thu 15:00-16:30, workshop-children ≥ 2 (90 min);
    - M3 Bordeaux, Mon 10:00-12:00, web-upkeep ≥ 3 (120 min): nobody is qualified; Chloé is
      one level away.
    """
    territory = TerritoryFactory(slug="gpec-test", name="Territoire GPEC")
    workshop, web = skill("workshop-children"), skill("web-upkeep")
    workers = {}
    for first_name, worker_skill, level, days, start, end in (
        ("Alice", workshop, 4, (1, 3), 8 * 60, 19 * 60),
        ("Bruno", workshop, 4, (1, 3), 8 * 60, 19 * 60),
        ("Chloé", web, 2, (0,), 9 * 60, 17 * 60),
    ):
        worker = WorkerProfileFactory(
            territory=territory,
            with_membership=True,
            user__first_name=first_name,
            user__last_name="Secret",
            user__email=f"{first_name.lower()}@workers.example",
        )
        WorkerSkillFactory(worker=worker, skill=worker_skill, level=level)
        for day in days:
            AvailabilityFactory(worker=worker, weekday=day, start_minute=start, end_minute=end)
        workers[first_name] = worker
    school = OrganisationFactory(territory=territory)
    missions = {}
    for name, mission_skill, level, place, day, start, end in (
        ("M1", workshop, 2, BORDEAUX, 1, 900, 990),
        ("M2", workshop, 2, MERIGNAC, 3, 900, 990),
        ("M3", web, 3, BORDEAUX, 0, 600, 720),
    ):
        mission = MissionFactory(buyer=school, accepted=True, title=name, commune=commune(place))
        MissionSkillFactory(mission=mission, skill=mission_skill, min_level=level)
        FixedSlotFactory(mission=mission, weekday=day, start_minute=start, end_minute=end)
        missions[name] = mission
    territory.workers_by_name, territory.missions_by_name = workers, missions
    territory.coordinator = member_with_role(Role.COORDINATOR, territory)
    return territory


def plan(territory, capture, *, method="engine", publish=True) -> PlanVersion:
    """Run the engine (or the baseline) on the test period; publish the engine's version.

    ``capture`` is pytest-django's ``django_capture_on_commit_callbacks`` (eager runs start
    when the request's transaction commits).
    """
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
