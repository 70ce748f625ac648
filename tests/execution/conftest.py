"""A small published plan to date: two Tuesday workshops of one school, two workers.

- ``workshop``: Tue 15:00-16:30 in Bordeaux, 2 Nov - 18 Dec 2026, All Saints' holidays
  (2-6 Nov) excluded: 6 Tuesdays (10 Nov ... 15 Dec);
- ``help_desk``: a flexible need at a tiers-lieu whose engine-placed block is Wednesday
  10:00-12:00: 6 Wednesdays (4 Nov ... 16 Dec without 11 Nov, Armistice Day).
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from maillage.execution.dates import PARIS
from tests.factories import (
    ExcludedPeriodFactory,
    MissionFactory,
    OrganisationFactory,
    PlanAssignmentFactory,
    PlanVersionFactory,
    WorkerProfileFactory,
)

TUESDAY = {"day": 1, "start": 900, "end": 990}
WEDNESDAY = {"day": 2, "start": 600, "end": 720}
# "Now" in the middle of the period: Friday 20 November 2026, noon, Paris time.
MID_PERIOD = dt.datetime(2026, 11, 20, 12, 0, tzinfo=PARIS)


@pytest.fixture
def plan(territory):
    school = OrganisationFactory(territory=territory, email="accueil@ecole.example")
    workshop = MissionFactory(buyer=school, fixed=True, state="planned", title="Atelier mardi")
    ExcludedPeriodFactory(mission=workshop)
    help_desk = MissionFactory(
        buyer=school, flexible=True, at_third_place=True, state="planned", title="Accueil"
    )
    alice = WorkerProfileFactory(
        territory=territory, with_membership=True, with_skill=True, user__first_name="Alice"
    )
    bruno = WorkerProfileFactory(
        territory=territory, with_membership=True, with_skill=True, user__first_name="Bruno"
    )
    version = PlanVersionFactory(territory=territory, published=True)
    PlanAssignmentFactory(version=version, mission=workshop, worker=alice, blocks=[TUESDAY])
    PlanAssignmentFactory(
        version=version, mission=help_desk, worker=alice, blocks=[WEDNESDAY], weekly_minutes=120
    )
    return SimpleNamespace(
        territory=territory,
        school=school,
        workshop=workshop,
        help_desk=help_desk,
        alice=alice,
        bruno=bruno,
        v1=version,
    )


def next_version(plan, assignments):
    """Supersede the published version and publish a new one with `assignments`
    (mission, worker, blocks) — states written directly, as the factories do."""
    current = plan.territory.plans.get(state="published")
    current.transition("superseded")
    version = PlanVersionFactory(territory=plan.territory, published=True)
    for mission, worker, blocks in assignments:
        PlanAssignmentFactory(version=version, mission=mission, worker=worker, blocks=blocks)
    return version
