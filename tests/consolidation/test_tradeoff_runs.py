"""A run that also plans the trade-off between coverage and people at 24 h: a draft version per
plan of the front that brings more people to the threshold, side by side on the plan page,
with the one the charter's policy recommends."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.consolidation.engine import EngineInput, EngineResult, validate
from maillage.consolidation.models import ConsolidationRun, PlanVersion
from maillage.consolidation.services import execute_run, start_run
from maillage.people.models import Membership, Role
from maillage.pricing.services import default_terms
from tests.consolidation.test_platform import END, START
from tests.factories import (
    AvailabilityFactory,
    CharterFactory,
    FixedSlotFactory,
    MissionFactory,
    MissionSkillFactory,
    OrganisationFactory,
    TerritoryFactory,
    WorkerProfileFactory,
    WorkerSkillFactory,
    member_with_role,
    skill,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dilemma(settings):
    """Ana wishes 3 h a week. The Monday IT hour only she can do clashes with the 3-hour
    Monday help desk that Bruno could do too: covering everything leaves Ana at 1 h; giving
    her the help desk brings her to 3 h and leaves the IT hour (about 4 % of the demand)
    uncovered. Bruno, who wishes little, has 24 more hours that only he can do."""
    settings.MAILLAGE_CONTRACT_THRESHOLD_MINUTES = 180
    territory = TerritoryFactory()
    coordinator = member_with_role(Role.COORDINATOR, territory)
    ana = WorkerProfileFactory(
        territory=territory, wished_weekly_minutes=180, max_weekly_minutes=240
    )
    bruno = WorkerProfileFactory(
        territory=territory, wished_weekly_minutes=60, max_weekly_minutes=1800
    )
    for worker in (ana, bruno):
        Membership.objects.create(user=worker.user, role=Role.WORKER, territory=territory)
        for day in range(5):
            AvailabilityFactory(worker=worker, weekday=day, start_minute=480, end_minute=1140)
        WorkerSkillFactory(worker=worker, skill=skill("digital-mediation"), level=3)
    WorkerSkillFactory(worker=ana, skill=skill("it-support"), level=3)
    WorkerSkillFactory(worker=bruno, skill=skill("web-upkeep"), level=3)
    buyer = OrganisationFactory(territory=territory)

    def need(code, weekday, start, end):
        mission = MissionFactory(buyer=buyer, state="accepted", period_start=START, period_end=END)
        MissionSkillFactory(mission=mission, skill=skill(code), min_level=1)
        FixedSlotFactory(mission=mission, weekday=weekday, start_minute=start, end_minute=end)
        return mission

    it_hour = need("it-support", 0, 540, 600)
    desk = need("digital-mediation", 0, 540, 720)
    others = [need("web-upkeep", day, 780, 900) for day in range(1, 5)]
    others += [need("web-upkeep", day, 540, 660) for day in range(1, 5)]
    others += [need("web-upkeep", day, 960, 1080) for day in range(1, 5)]
    territory.coordinator, territory.ana, territory.it_hour, territory.desk = (
        coordinator,
        ana,
        it_hour,
        desk,
    )
    territory.others = others
    return territory


def _run(territory, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(
            territory=territory,
            period_start=START,
            period_end=END,
            method="engine",
            requested_by=territory.coordinator,
            time_limit_seconds=8,
            explore_tradeoff=True,
            enqueue=False,
        )
    return execute_run(run_id=run.pk)


def test_the_front_becomes_draft_versions(dilemma, django_capture_on_commit_callbacks):
    run = _run(dilemma, django_capture_on_commit_callbacks)
    assert run.status == "succeeded"
    front = run.result["front"]
    assert [(p["version"], p["workers_at_threshold"]) for p in front] == [(1, 0), (2, 1)]
    assert front[0]["coverage"] == 1.0
    assert 0.95 < front[1]["coverage"] < 1.0  # the IT hour, about 4 % of the demand
    first, second = PlanVersion.objects.order_by("number")
    assert (first.run, first.state, second.state) == (run, "draft", "draft")
    assert second.run.result == {"tradeoff_of": run.pk, "epsilon": front[1]["epsilon"]}
    assert second.unassigned.get().mission == dilemma.it_hour
    assert second.assignments.get(mission=dilemma.desk).worker == dilemma.ana
    # The trade-off plan is a plan like any other: the independent validation accepts it.
    instance = EngineInput.from_dict(second.run.engine_input)
    assert validate(instance, EngineResult.from_dict(second.run.engine_result)).ok
    assert ConsolidationRun.objects.count() == 2


def test_the_page_shows_the_front_and_the_charter_s_choice(
    client, dilemma, django_capture_on_commit_callbacks
):
    _run(dilemma, django_capture_on_commit_callbacks)
    first, second = PlanVersion.objects.order_by("number")
    client.force_login(dilemma.coordinator)
    # No charter: the default policy, half a point of coverage per job, keeps coverage first.
    page = client.get(reverse("plans:version", args=[second.pk]))
    rows = page.context["tradeoff"]["rows"]
    assert [(r["version"], r["recommended"], r["current"]) for r in rows] == [
        (1, True, False),
        (2, False, True),
    ]
    assert rows[1]["more_people"] == 1
    assert rows[1]["minutes_given_up"] == 60
    content = page.content.decode()
    # The contract threshold of this territory (3 h here), not a fixed 24 h.
    assert "(1\xa0h par semaine) : 1 personne de plus à 3 h" in content
    # A charter voted for up to 5 points of coverage per job recommends the second plan.
    terms = dataclasses.replace(
        default_terms(dt.date(2026, 1, 1)), coverage_points_per_job=Decimal("5")
    )
    CharterFactory(territory=dilemma, terms=terms, by=dilemma.coordinator)
    page = client.get(reverse("plans:version", args=[first.pk]))
    rows = page.context["tradeoff"]["rows"]
    assert [r["recommended"] for r in rows] == [False, True]


def test_without_the_option_no_front_is_planned(dilemma, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(
            territory=dilemma,
            period_start=START,
            period_end=END,
            method="engine",
            requested_by=dilemma.coordinator,
            time_limit_seconds=5,
            enqueue=False,
        )
    run = execute_run(run_id=run.pk)
    assert "front" not in run.result
    assert PlanVersion.objects.count() == 1
