"""A worker's two dated weeks for two organisations (all on Tuesdays), and their buyers.

The three needs run from Monday 9 to Friday 20 November 2026; the plan gives Alice:
- ``help_desk`` (the library): Tuesday 10:00-12:00;
- ``workshop`` (the school): Tuesday 15:00-16:30;
- ``late_workshop`` (the school): Tuesday 17:00-18:00.
So the week of 16 November (WEEK) has three occurrences on Tuesday 17, for two timesheets.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from maillage.execution.dates import PARIS
from maillage.execution.models import Occurrence
from maillage.execution.services import expand_published_plan
from tests.factories import (
    MissionFactory,
    OrganisationFactory,
    PlanAssignmentFactory,
    PlanVersionFactory,
    WorkerProfileFactory,
    buyer_member,
)
from tests.factories.timesheets import AFTER_WEEK

FIRST_WEEK = dt.date(2026, 11, 9)
WEEK = dt.date(2026, 11, 16)
TUESDAY = dt.date(2026, 11, 17)
NOW = AFTER_WEEK


def at(hour: int, minute: int = 0, day: dt.date = TUESDAY) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def dated(territory, charter, coordinator):
    school = OrganisationFactory(territory=territory, name="École Jules Ferry")
    library = OrganisationFactory(territory=territory, name="Médiathèque")
    period = {"period_start": FIRST_WEEK, "period_end": dt.date(2026, 11, 20), "state": "planned"}
    workshop = MissionFactory(buyer=school, fixed=True, title="Atelier", **period)
    late_workshop = MissionFactory(buyer=school, fixed=True, title="Atelier du soir", **period)
    help_desk = MissionFactory(
        buyer=library, flexible=True, at_third_place=True, title="Accueil", **period
    )
    alice = WorkerProfileFactory(
        territory=territory, with_membership=True, with_skill=True, user__first_name="Alice"
    )
    bruno = WorkerProfileFactory(
        territory=territory, with_membership=True, with_skill=True, user__first_name="Bruno"
    )
    version = PlanVersionFactory(territory=territory, published=True)
    for mission, block in (
        (help_desk, {"day": 1, "start": 600, "end": 720}),
        (workshop, {"day": 1, "start": 900, "end": 990}),
        (late_workshop, {"day": 1, "start": 1020, "end": 1080}),
    ):
        PlanAssignmentFactory(
            version=version,
            mission=mission,
            worker=alice,
            blocks=[block],
            weekly_minutes=block["end"] - block["start"],
        )
    expand_published_plan(version=version, now=NOW)

    def occurrence(mission, day=TUESDAY):
        return Occurrence.objects.get(mission=mission, date=day)

    return SimpleNamespace(
        territory=territory,
        school=school,
        library=library,
        workshop=workshop,
        late_workshop=late_workshop,
        help_desk=help_desk,
        alice=alice,
        bruno=bruno,
        version=version,
        occurrence=occurrence,
        school_buyer=buyer_member(school),
        library_buyer=buyer_member(library),
        coordinator=coordinator,
    )
