"""Dated work after absences and cancellations: a re-plan keeps what happened since, and
never moves the past; needs start running at their first occurrence; workers are told."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.absences.services import (
    cancel_occurrence,
    confirm_proposal,
    declare_absence,
    request_proposal,
)
from maillage.consolidation.services import publish_version
from maillage.execution.models import Occurrence
from maillage.execution.services import expand_published_plan, start_running_missions
from maillage.notifications.models import Notification
from tests.execution.conftest import MID_PERIOD, TUESDAY, WEDNESDAY, next_version
from tests.factories import (
    ExcludedPeriodFactory,
    MissionFactory,
    OrganisationFactory,
    PlanAssignmentFactory,
    PlanVersionFactory,
    TerritoryFactory,
    WorkerProfileFactory,
    buyer_member,
    member_with_role,
)

pytestmark = pytest.mark.django_db
TUESDAY_24 = dt.date(2026, 11, 24)
LATER = MID_PERIOD + dt.timedelta(days=1)


def _row(plan, day, **filters):
    return Occurrence.objects.get(
        mission=plan.workshop, date=day, state__in=("planned", "to_replace", "cancelled"), **filters
    )


def _replan(plan):
    version = next_version(
        plan,
        [
            (plan.workshop, plan.alice, [TUESDAY]),
            (plan.help_desk, plan.alice, [WEDNESDAY]),
        ],
    )
    expand_published_plan(version=version, now=LATER)
    return version


def test_a_replan_keeps_an_occurrence_still_to_replace_and_a_buyer_cancellation(plan):
    expand_published_plan(version=plan.v1, now=MID_PERIOD)
    declare_absence(
        worker=plan.alice,
        kind="leave",
        first_day=TUESDAY_24,
        last_day=TUESDAY_24,
        by=plan.alice.user,
        now=MID_PERIOD,
    )
    buyer = buyer_member(plan.school)
    december_1 = dt.date(2026, 12, 1)
    cancel_occurrence(occurrence=_row(plan, december_1), by=buyer, reason="Trip", now=MID_PERIOD)
    past = list(Occurrence.objects.filter(date__lt=MID_PERIOD.date()).values_list("pk", "state"))
    _replan(plan)
    assert _row(plan, TUESDAY_24).state == "to_replace"
    assert _row(plan, december_1).state == "cancelled"
    assert _row(plan, dt.date(2026, 12, 8)).version != plan.v1
    # Nothing in the past moved.
    assert (
        list(Occurrence.objects.filter(date__lt=MID_PERIOD.date()).values_list("pk", "state"))
        == past
    )


def test_a_replan_keeps_a_confirmed_replacement(plan, django_capture_on_commit_callbacks):
    expand_published_plan(version=plan.v1, now=MID_PERIOD)
    carla = WorkerProfileFactory(territory=plan.territory, qualified=True)
    coordinator = member_with_role("coordinator", plan.territory)
    absence = declare_absence(
        worker=plan.alice,
        kind="sickness",
        first_day=TUESDAY_24,
        last_day=TUESDAY_24,
        by=plan.alice.user,
        now=MID_PERIOD,
    )
    with django_capture_on_commit_callbacks(execute=True):
        proposal = request_proposal(absence=absence, by=coordinator, now=MID_PERIOD)
    proposal.refresh_from_db()
    confirm_proposal(proposal=proposal, by=coordinator, now=MID_PERIOD)
    _replan(plan)
    assert _row(plan, TUESDAY_24).worker == carla


def test_needs_run_from_their_first_occurrence(plan):
    paris = MID_PERIOD.tzinfo
    expand_published_plan(version=plan.v1, now=dt.datetime(2026, 10, 1, tzinfo=paris))
    plan.workshop.refresh_from_db()
    assert plan.workshop.state == "planned"
    # The desk's first Wednesday is 4 November; the workshop's first Tuesday 10 November.
    assert start_running_missions(now=dt.datetime(2026, 11, 5, tzinfo=paris)) == 1
    plan.help_desk.refresh_from_db()
    plan.workshop.refresh_from_db()
    assert (plan.help_desk.state, plan.workshop.state) == ("running", "planned")
    assert start_running_missions(now=MID_PERIOD) == 1
    plan.workshop.refresh_from_db()
    assert plan.workshop.state == "running"
    assert start_running_missions(now=MID_PERIOD) == 0


def test_a_plan_published_late_starts_its_needs_at_once(plan):
    expand_published_plan(version=plan.v1, now=MID_PERIOD)
    plan.workshop.refresh_from_db()
    assert plan.workshop.state == "running"


def test_each_worker_of_a_published_plan_is_told(territory):
    school = OrganisationFactory(territory=territory)
    workshop = MissionFactory(buyer=school, fixed=True, state="accepted")
    worker = WorkerProfileFactory(territory=territory)
    draft = PlanVersionFactory(territory=territory)
    PlanAssignmentFactory(version=draft, mission=workshop, worker=worker, blocks=[TUESDAY])
    publish_version(version=draft, by=None)
    told = Notification.objects.get(kind="plan_published")
    assert told.recipient == worker.user
    assert told.params["occurrences"] == Occurrence.objects.filter(version=draft).count()


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    start=st.dates(dt.date(2026, 9, 1), dt.date(2026, 12, 1)),
    length=st.integers(0, 60),
    holes=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 10)), max_size=3),
)
def test_dated_occurrences_stay_in_the_period_and_off_excluded_dates(db, start, length, holes):
    territory = TerritoryFactory()
    school = OrganisationFactory(territory=territory)
    end = start + dt.timedelta(days=length)
    mission = MissionFactory(
        buyer=school, fixed=True, state="planned", period_start=start, period_end=end
    )
    ranges = []
    for offset, span in holes:
        first = start + dt.timedelta(days=offset)
        ExcludedPeriodFactory(mission=mission, start=first, end=first + dt.timedelta(days=span))
        ranges.append((first, first + dt.timedelta(days=span)))
    worker = WorkerProfileFactory(territory=territory)
    version = PlanVersionFactory(
        territory=territory,
        published=True,
        period_start=dt.date(2026, 9, 1),
        period_end=dt.date(2027, 2, 1),
    )
    PlanAssignmentFactory(version=version, mission=mission, worker=worker, blocks=[TUESDAY])
    expand_published_plan(version=version, now=MID_PERIOD)
    for row in Occurrence.objects.filter(mission=mission):
        assert start <= row.date <= end
        assert not any(a <= row.date <= b for a, b in ranges)
        assert row.date.weekday() == TUESDAY["day"]
