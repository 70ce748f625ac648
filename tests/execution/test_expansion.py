import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from maillage.consolidation.services import publish_version
from maillage.execution.dates import PARIS
from maillage.execution.models import Occurrence, OccurrenceTransition
from maillage.execution.services import expand_published_plan
from tests.execution.conftest import MID_PERIOD, TUESDAY, WEDNESDAY, next_version
from tests.factories import (
    ExcludedPeriodFactory,
    MissionFactory,
    OrganisationFactory,
    PlanAssignmentFactory,
    PlanVersionFactory,
    WorkerProfileFactory,
)

TUESDAYS = [
    dt.date(2026, 11, 10),
    dt.date(2026, 11, 17),
    dt.date(2026, 11, 24),
    dt.date(2026, 12, 1),
    dt.date(2026, 12, 8),
    dt.date(2026, 12, 15),
]
WEDNESDAYS = [
    dt.date(2026, 11, 4),
    dt.date(2026, 11, 18),
    dt.date(2026, 11, 25),
    dt.date(2026, 12, 2),
    dt.date(2026, 12, 9),
    dt.date(2026, 12, 16),
]


def _dates(mission, **filters):
    return list(
        Occurrence.objects.filter(mission=mission, **filters)
        .order_by("date")
        .values_list("date", flat=True)
    )


def test_publishing_a_plan_dates_it_through_the_signal(territory):
    school = OrganisationFactory(territory=territory)
    workshop = MissionFactory(buyer=school, fixed=True, state="planned")
    ExcludedPeriodFactory(mission=workshop)
    worker = WorkerProfileFactory(territory=territory)
    draft = PlanVersionFactory(territory=territory)
    PlanAssignmentFactory(version=draft, mission=workshop, worker=worker, blocks=[TUESDAY])

    publish_version(version=draft, by=None)

    rows = Occurrence.objects.filter(version=draft)
    assert [o.date for o in rows] == TUESDAYS
    first = rows[0]
    assert (first.worker, first.mission, first.state, first.sequence) == (
        worker,
        workshop,
        "planned",
        0,
    )
    assert first.starts_at == dt.datetime(2026, 11, 10, 15, 0, tzinfo=PARIS)
    assert first.ends_at == dt.datetime(2026, 11, 10, 16, 30, tzinfo=PARIS)
    assert first.uid == f"maillage-m{workshop.pk}-20261110-0900@maillage"
    assert (first.place_label, first.address) == (
        "1 place de la République",
        "1 place de la République, 33000 Bordeaux",
    )


def test_first_publication_dates_the_whole_period_excluded_dates_and_holidays_left_out(plan):
    result = expand_published_plan(version=plan.v1, now=MID_PERIOD)

    assert (result.created, result.superseded, result.cancelled) == (12, 0, 0)
    assert _dates(plan.workshop) == TUESDAYS  # 3 Nov: All Saints' holidays
    assert _dates(plan.help_desk) == WEDNESDAYS  # 11 Nov: Armistice Day
    desk = Occurrence.objects.filter(mission=plan.help_desk).first()
    third_place = plan.help_desk.third_place
    assert desk.place_label == third_place.name
    assert (desk.latitude, desk.longitude) == (third_place.latitude, third_place.longitude)


def test_expanding_twice_changes_nothing(plan):
    expand_published_plan(version=plan.v1, now=MID_PERIOD)
    again = expand_published_plan(version=plan.v1, now=MID_PERIOD)
    assert (again.created, again.superseded, again.cancelled) == (0, 0, 0)
    assert Occurrence.objects.count() == 12


def test_a_draft_is_not_dated(territory):
    draft = PlanVersionFactory(territory=territory)
    with pytest.raises(ValidationError):
        expand_published_plan(version=draft)
    assert not Occurrence.objects.exists()


def test_republishing_replaces_the_future_keeps_the_past_and_cancels_what_is_gone(plan):
    expand_published_plan(version=plan.v1, now=MID_PERIOD)
    past_ids = set(
        Occurrence.objects.filter(date__lt=MID_PERIOD.date()).values_list("pk", flat=True)
    )
    # v2: Bruno takes the workshop, the help desk is no longer planned.
    v2 = next_version(plan, [(plan.workshop, plan.bruno, [TUESDAY])])

    result = expand_published_plan(version=v2, now=MID_PERIOD)

    assert (result.created, result.superseded, result.cancelled) == (4, 4, 4)
    # The past is untouched: same rows, same states, same worker.
    past = Occurrence.objects.filter(pk__in=past_ids)
    assert {(o.state, o.worker_id, o.version_id) for o in past} == {
        ("planned", plan.alice.pk, plan.v1.pk)
    }
    assert len(past) == 4  # 10 and 17 Nov (workshop), 4 and 18 Nov (help desk)
    # The future of the workshop: Bruno, same uids, one revision more.
    current = Occurrence.objects.filter(mission=plan.workshop).exclude(state="superseded")
    assert [(o.date, o.worker_id, o.version_id, o.sequence) for o in current] == [
        (TUESDAYS[0], plan.alice.pk, plan.v1.pk, 0),
        (TUESDAYS[1], plan.alice.pk, plan.v1.pk, 0),
        *[(day, plan.bruno.pk, v2.pk, 1) for day in TUESDAYS[2:]],
    ]
    old = Occurrence.objects.filter(mission=plan.workshop, state="superseded")
    assert {o.uid for o in old} == {o.uid for o in current if o.version_id == v2.pk}
    # The future of the help desk: cancelled, kept, revised.
    cancelled = Occurrence.objects.filter(mission=plan.help_desk, state="cancelled")
    assert [(o.date, o.sequence) for o in cancelled] == [(day, 1) for day in WEDNESDAYS[2:]]
    log = OccurrenceTransition.objects.filter(occurrence=cancelled[0]).get()
    assert (log.from_state, log.to_state, log.reason) == (
        "planned",
        "cancelled",
        f"plan v{v2.number}",
    )


def test_an_unchanged_occurrence_keeps_its_revision(plan):
    expand_published_plan(version=plan.v1, now=MID_PERIOD)
    v2 = next_version(
        plan,
        [(plan.workshop, plan.alice, [TUESDAY]), (plan.help_desk, plan.alice, [WEDNESDAY])],
    )
    result = expand_published_plan(version=v2, now=MID_PERIOD)
    assert (result.created, result.superseded, result.cancelled) == (8, 8, 0)
    current = Occurrence.objects.exclude(state="superseded")
    assert {o.sequence for o in current} == {0}
    assert current.count() == 12


def test_a_cancelled_occurrence_planned_again_comes_back_with_a_higher_revision(plan):
    expand_published_plan(version=plan.v1, now=MID_PERIOD)
    v2 = next_version(plan, [(plan.workshop, plan.alice, [TUESDAY])])
    expand_published_plan(version=v2, now=MID_PERIOD)
    v3 = next_version(
        plan,
        [(plan.workshop, plan.alice, [TUESDAY]), (plan.help_desk, plan.bruno, [WEDNESDAY])],
    )
    expand_published_plan(version=v3, now=MID_PERIOD)
    back = Occurrence.objects.filter(mission=plan.help_desk, version=v3)
    assert [(o.date, o.state, o.sequence, o.worker_id) for o in back] == [
        (day, "planned", 2, plan.bruno.pk) for day in WEDNESDAYS[2:]
    ]


def test_a_need_added_by_a_later_version_gets_no_past_dates(plan):
    """v2 plans a need v1 did not have: its past dates are not invented, only its future."""
    expand_published_plan(version=plan.v1, now=MID_PERIOD)
    added = MissionFactory(buyer=plan.school, fixed=True, state="planned")
    v2 = next_version(
        plan,
        [
            (plan.workshop, plan.alice, [TUESDAY]),
            (plan.help_desk, plan.alice, [WEDNESDAY]),
            (added, plan.bruno, [TUESDAY]),
        ],
    )
    expand_published_plan(version=v2, now=MID_PERIOD)
    assert _dates(added) == TUESDAYS[2:]


def test_an_occurrence_must_end_after_it_starts(plan):
    expand_published_plan(version=plan.v1, now=MID_PERIOD)
    row = Occurrence.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Occurrence.objects.filter(pk=row.pk).update(ends_at=row.starts_at)


def test_one_current_row_per_uid(plan):
    expand_published_plan(version=plan.v1, now=MID_PERIOD)
    row = Occurrence.objects.first()
    row.pk = None
    row.date = row.date + dt.timedelta(days=7)
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_an_address_that_already_names_its_commune_is_not_repeated(plan):
    plan.workshop.address = "1 place de la Mairie, 33000 Bordeaux"
    plan.workshop.save()
    expand_published_plan(version=plan.v1, now=MID_PERIOD)
    row = Occurrence.objects.filter(mission=plan.workshop).first()
    assert row.address == "1 place de la Mairie, 33000 Bordeaux"
