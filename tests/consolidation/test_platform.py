"""The platform side of the consolidation: runs, versions, pins, publication, answers."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from maillage.consolidation.instance import build_instance
from maillage.consolidation.models import (
    AssignmentResponse,
    ConsolidationRun,
    PairRule,
    PlanState,
    PlanVersion,
    RunStatus,
)
from maillage.consolidation.services import (
    add_pair_rule,
    effective_status,
    publish_version,
    respond_to_assignment,
    start_run,
)
from maillage.people.models import Membership, Role
from maillage.www.plans.forms import ResponseForm
from tests.factories import (
    AvailabilityFactory,
    FixedSlotFactory,
    MissionFactory,
    MissionSkillFactory,
    OrganisationFactory,
    TerritoryFactory,
    ThirdPlaceFactory,
    UserFactory,
    WorkerProfileFactory,
    WorkerSkillFactory,
    member_with_role,
)
from tests.scenarios import upcoming_term

pytestmark = pytest.mark.django_db

# A term ahead of the real date: publishing it plans its needs; a term already under way
# would start them running (tests/execution covers a plan published late).
START, END = upcoming_term().start, upcoming_term().end


@pytest.fixture
def territory():
    """Two qualified workers in Mérignac and three Tuesday/Thursday workshops in Bordeaux."""
    territory = TerritoryFactory()
    workers = []
    for last_name in ("Durand", "Petit"):
        worker = WorkerProfileFactory(territory=territory, user__last_name=last_name)
        Membership.objects.create(user=worker.user, role=Role.WORKER, territory=territory)
        WorkerSkillFactory(worker=worker, level=4)
        for day in (1, 3):
            AvailabilityFactory(worker=worker, weekday=day, start_minute=8 * 60, end_minute=19 * 60)
        workers.append(worker)
    school = OrganisationFactory(territory=territory)
    missions = []
    for day, start in ((1, 900), (3, 900), (1, 990)):
        mission = MissionFactory(buyer=school, state="accepted", period_start=START, period_end=END)
        MissionSkillFactory(mission=mission, min_level=2)
        FixedSlotFactory(mission=mission, weekday=day, start_minute=start, end_minute=start + 90)
        missions.append(mission)
    territory.workers_list, territory.missions_list = workers, missions
    territory.coordinator = member_with_role(Role.COORDINATOR, territory)
    return territory


def run(territory, django_capture_on_commit_callbacks, method="engine", *, start=START, end=END):
    with django_capture_on_commit_callbacks(execute=True):
        started = start_run(
            territory=territory,
            period_start=start,
            period_end=end,
            method=method,
            requested_by=territory.coordinator,
            time_limit_seconds=5,
        )
    started.refresh_from_db()
    return started


def test_the_instance_holds_the_accepted_missions_and_the_workers(territory):
    data = build_instance(territory=territory, period_start=START, period_end=END).data
    assert [m["id"] for m in data["missions"]] == [f"m{m.pk}" for m in territory.missions_list]
    assert [w["id"] for w in data["workers"]] == [f"w{w.pk}" for w in territory.workers_list]
    assert data["missions"][0]["slots"] == [{"day": 1, "start": 900, "end": 990}]
    assert data["workers"][0]["skills"] == {"workshop-children": 4}


def test_a_run_stores_a_new_draft_version_with_every_mission_assigned(
    territory, django_capture_on_commit_callbacks, settings
):
    # A threshold both workers could reach with the 4.5 h of demand: consolidation must pick one.
    settings.MAILLAGE_CONTRACT_THRESHOLD_MINUTES = 270
    finished = run(territory, django_capture_on_commit_callbacks)
    assert (finished.status, finished.progress) == (RunStatus.SUCCEEDED, 100)
    version = PlanVersion.objects.get()
    assert (version.number, version.state) == (1, PlanState.DRAFT)
    assert version.assignments.count() == 3
    # The real period: 4.5 h in each of the term's 7 weeks, 4.5 h a week on average.
    assert version.metrics["covered_minutes"] == 270 * 7
    assert version.covered_minutes_week == 270
    # Consolidation: all three workshops go to one worker rather than being spread.
    assert version.assignments.values("worker").distinct().count() == 1
    assert version.metrics["workers_at_threshold"] == 1
    first = version.assignments.order_by("mission").first()
    assert first.explanation["engine"]["code"] == "assigned"
    facts = first.explanation["facts"]
    assert (facts["week_hours"], facts["pinned"], facts["previous"]) == (4.5, False, False)
    # Without any one of the three workshops the worker would fall below the threshold.
    assert all(a.explanation["facts"]["reaches_threshold"] for a in version.assignments.all())
    with translation.override("en"):
        assert first.why == (
            f"Qualified, {facts['km']:.1f} km from home; 4\u00a0h\u00a030 in the week; "
            "it brings the week to the 4\u00a0h\u00a030 contract threshold."
        )
    with translation.override("fr"):  # French: a narrow no-break space before a semicolon
        assert "\u202f; 4\u00a0h\u00a030 dans la semaine\u202f; " in first.why


def test_a_pin_is_kept_by_the_next_run(territory, django_capture_on_commit_callbacks):
    run(territory, django_capture_on_commit_callbacks)
    first = PlanVersion.objects.get()
    chosen = first.assignments.first().worker
    other = next(w for w in territory.workers_list if w != chosen)
    pinned_mission = territory.missions_list[0]
    add_pair_rule(
        mission=pinned_mission, worker=other, kind=PairRule.Kind.PIN, by=territory.coordinator
    )
    run(territory, django_capture_on_commit_callbacks)
    second = PlanVersion.objects.get(number=2)
    assert second.assignments.get(mission=pinned_mission).worker == other
    # The first version is untouched: versions are never overwritten.
    assert first.assignments.get(mission=pinned_mission).worker == chosen


def test_publishing_plans_the_missions_and_supersedes_the_previous_version(
    territory, django_capture_on_commit_callbacks
):
    run(territory, django_capture_on_commit_callbacks)
    run(territory, django_capture_on_commit_callbacks)
    first, second = PlanVersion.objects.order_by("number")
    publish_version(version=first, by=territory.coordinator)
    publish_version(version=second, by=territory.coordinator)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (PlanState.SUPERSEDED, PlanState.PUBLISHED)
    for mission in territory.missions_list:
        mission.refresh_from_db()
    assert {m.state for m in territory.missions_list} == {"planned"}
    assert list(second.transitions.values_list("to_state", flat=True)) == ["draft", "published"]


def test_a_refusal_forbids_the_pair_and_the_next_run_respects_it(
    territory, django_capture_on_commit_callbacks
):
    run(territory, django_capture_on_commit_callbacks)
    version = PlanVersion.objects.get()
    publish_version(version=version, by=territory.coordinator)
    assignment = version.assignments.order_by("mission").first()
    worker_user = assignment.worker.user
    with pytest.raises(Exception, match="Dites pourquoi"):
        respond_to_assignment(assignment=assignment, by=worker_user, decision="refused")
    respond_to_assignment(
        assignment=assignment, by=worker_user, decision="refused", reason="Trop loin le mardi"
    )
    assert AssignmentResponse.objects.get().decision == "refused"
    assert PairRule.objects.get().kind == "forbid"
    run(territory, django_capture_on_commit_callbacks)
    again = PlanVersion.objects.get(number=2)
    assert again.assignments.get(mission=assignment.mission).worker != assignment.worker


def test_only_the_assigned_worker_may_answer(territory, django_capture_on_commit_callbacks):
    run(territory, django_capture_on_commit_callbacks)
    assignment = PlanVersion.objects.get().assignments.first()
    with pytest.raises(PermissionError):
        respond_to_assignment(assignment=assignment, by=UserFactory(), decision="accepted")
    assert AssignmentResponse.objects.count() == 0


def test_a_failed_run_leaves_the_previous_plan_intact_and_says_so(
    territory, django_capture_on_commit_callbacks, monkeypatch
):
    run(territory, django_capture_on_commit_callbacks)
    publish_version(version=PlanVersion.objects.get(), by=territory.coordinator)

    def crash(*args, **kwargs):
        raise MemoryError("out of memory")

    monkeypatch.setattr("maillage.consolidation.services.solve", crash)
    failed = run(territory, django_capture_on_commit_callbacks)
    assert failed.status == RunStatus.FAILED
    assert "out of memory" in failed.message
    assert PlanVersion.objects.get().state == PlanState.PUBLISHED


def test_a_run_that_stopped_answering_is_shown_as_interrupted(territory):
    silent = ConsolidationRun.objects.create(
        territory=territory,
        period_start=START,
        period_end=END,
        method="engine",
        status=RunStatus.RUNNING,
        time_limit_seconds=30,
        heartbeat_at=timezone.now() - dt.timedelta(minutes=10),
    )
    assert effective_status(silent) == "interrupted"
    fresh = ConsolidationRun.objects.create(
        territory=territory,
        period_start=START,
        period_end=END,
        method="engine",
        status=RunStatus.RUNNING,
        heartbeat_at=timezone.now(),
    )
    assert effective_status(fresh) == "running"


def test_the_coordinator_runs_compares_and_publishes_through_the_pages(
    client, territory, django_capture_on_commit_callbacks
):
    client.force_login(territory.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("plans:run", args=[territory.pk]),
            {
                f"t{territory.pk}-period_start": START.isoformat(),
                f"t{territory.pk}-period_end": END.isoformat(),
                f"t{territory.pk}-method": "baseline",
                f"t{territory.pk}-time_limit_seconds": "5",
            },
        )
    run_row = ConsolidationRun.objects.get()
    assert response["Location"] == reverse("plans:run_detail", args=[run_row.pk])
    run(territory, django_capture_on_commit_callbacks)
    engine_version = PlanVersion.objects.get(method="engine")
    page = client.get(reverse("plans:version", args=[engine_version.pk]))
    assert page.status_code == 200
    assert page.context["vs_baseline"]["other"].method == "baseline"
    client.post(reverse("plans:publish", args=[engine_version.pk]))
    engine_version.refresh_from_db()
    assert engine_version.state == PlanState.PUBLISHED


def test_the_worker_sees_their_week_and_why(client, territory, django_capture_on_commit_callbacks):
    run(territory, django_capture_on_commit_callbacks)
    version = PlanVersion.objects.get()
    publish_version(version=version, by=territory.coordinator)
    worker = version.assignments.first().worker
    client.force_login(worker.user)
    page = client.get(reverse("plans:worker_week"))
    assert page.status_code == 200
    mine = version.assignments.filter(worker=worker)
    assert [a.pk for a in page.context["assignments"]] == [
        a.pk for a in mine.order_by("mission__title")
    ]
    assert page.context["total_minutes"] == sum(a.weekly_minutes for a in mine)
    assert all(a.why for a in page.context["assignments"])


def test_strangers_and_other_roles_cannot_see_plans(
    client, territory, django_capture_on_commit_callbacks
):
    run(territory, django_capture_on_commit_callbacks)
    version = PlanVersion.objects.get()
    other_coordinator = member_with_role(Role.COORDINATOR, TerritoryFactory())
    for user, expected in [
        (UserFactory(), 403),
        (territory.workers_list[0].user, 403),
        (other_coordinator, 404),
    ]:
        client.force_login(user)
        assert client.get(reverse("plans:version", args=[version.pk])).status_code == expected
        assert client.post(reverse("plans:publish", args=[version.pk])).status_code == expected
    version.refresh_from_db()
    assert version.state == PlanState.DRAFT


def test_a_remote_base_reaches_the_engine_and_its_trip_counts(
    django_capture_on_commit_callbacks,
):
    # One worker in Mérignac who does remote work at a tiers-lieu in Libourne (~35 km):
    # its remote Wednesday help desk costs the round trip there, priced by the engine.
    territory = TerritoryFactory()
    base = ThirdPlaceFactory(territory=territory)
    worker = WorkerProfileFactory(territory=territory, remote_base=base)
    Membership.objects.create(user=worker.user, role=Role.WORKER, territory=territory)
    WorkerSkillFactory(worker=worker, level=4)
    AvailabilityFactory(worker=worker, weekday=2, start_minute=8 * 60, end_minute=19 * 60)
    mission = MissionFactory(
        buyer=OrganisationFactory(territory=territory),
        state="accepted",
        remote=True,
        period_start=START,
        period_end=END,
    )
    MissionSkillFactory(mission=mission, min_level=2)
    FixedSlotFactory(mission=mission, weekday=2, start_minute=600, end_minute=720)
    territory.coordinator = member_with_role(Role.COORDINATOR, territory)

    data = build_instance(territory=territory, period_start=START, period_end=END).data
    assert data["workers"][0]["remote_base"] == f"t{base.pk}"
    assert f"t{base.pk}" in {p["id"] for p in data["places"]}
    assert data["missions"][0]["place"] is None

    finished = run(territory, django_capture_on_commit_callbacks)
    assert finished.status == RunStatus.SUCCEEDED
    version = PlanVersion.objects.get()
    assert version.assignments.get().mission == mission
    assert version.metrics["km_week"] > 60  # two legs of about 35 km each Wednesday

    worker.remote_base = None
    worker.save(update_fields=["remote_base"])
    data = build_instance(territory=territory, period_start=START, period_end=END).data
    assert data["workers"][0]["remote_base"] is None


def test_the_answer_form_on_the_week_page_is_the_one_the_view_reads(
    client, territory, django_capture_on_commit_callbacks
):
    """The week writes ResponseForm out by hand (speed): its names, choices and limit must be
    the form's, or an answer sent from the page would be lost."""
    run(territory, django_capture_on_commit_callbacks)
    version = PlanVersion.objects.get()
    publish_version(version=version, by=territory.coordinator)
    assignment = version.assignments.first()
    client.force_login(assignment.worker.user)

    page = client.get(reverse("plans:worker_week")).content.decode()
    form = page[page.index(reverse("plans:worker_respond", args=[assignment.pk])) :]
    form = form[: form.index("</form>")]
    prefix = f"a{assignment.pk}"
    offered = re.findall(rf'name="{prefix}-decision" value="([a-z_]+)" required', form)
    assert offered == [value for value, _ in AssignmentResponse.Decision.choices]
    assert f'name="{prefix}-reason"' in form
    assert f'maxlength="{ResponseForm.base_fields["reason"].max_length}"' in form
    assert f'for="id_{prefix}-decision_0"' in form and f'id="id_{prefix}-decision_0"' in form

    response = client.post(
        reverse("plans:worker_respond", args=[assignment.pk]),
        {f"{prefix}-decision": "refused", f"{prefix}-reason": "Trop loin"},
    )
    assert response.status_code == 302
    assert assignment.latest_response().reason == "Trop loin"


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (
            dt.date(9999, 12, 31),
            dt.date(9999, 12, 31),
            "period_start",
            "The first day must be within ten years of today.",
        ),
        (
            dt.date(1900, 1, 1),
            dt.date(1900, 1, 2),
            "period_start",
            "The first day must be within ten years of today.",
        ),
        (
            START,
            START + dt.timedelta(days=366),
            "period_end",
            "A plan covers at most a year (366 days).",
        ),
    ],
)
def test_a_far_off_or_overlong_period_is_refused_before_any_run_exists(
    territory, start, end, field, message
):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        start_run(
            territory=territory,
            period_start=start,
            period_end=end,
            method="engine",
            requested_by=territory.coordinator,
        )
    assert refused.value.message_dict == {field: [message]}
    assert not ConsolidationRun.objects.filter(territory=territory).exists()


def test_a_school_year_is_a_period_a_plan_may_cover(territory):
    started = start_run(
        territory=territory,
        period_start=START,
        period_end=START + dt.timedelta(days=365),
        method="engine",
        requested_by=territory.coordinator,
        enqueue=False,
    )
    assert started.period_end - started.period_start == dt.timedelta(days=365)


def test_the_consolidate_command_says_why_a_period_is_refused(territory):
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command(
            "consolidate", "--territory", territory.slug,
            "--start", "9999-12-31", "--end", "9999-12-31", stdout=StringIO(),
        )  # fmt: skip
    assert str(refused.value) == "The first day must be within ten years of today."
    assert not ConsolidationRun.objects.filter(territory=territory).exists()
