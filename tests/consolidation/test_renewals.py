"""Which of a new term's needs renew last term's, so that the engine offers them first to the
worker who did them (decision 0043, step 5): linked ones, and the same workshop described
again from scratch."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.consolidation.engine import EngineInput, solve, validate
from maillage.consolidation.instance import (
    Renewal,
    build_instance,
    mission_key,
    plannable_missions,
    renewed_needs,
    worker_key,
)
from maillage.consolidation.models import PlanAssignment, PlanVersion
from maillage.consolidation.services import publish_version
from maillage.missions.models import Mission, MissionState
from tests.consolidation.test_platform import END, START, run
from tests.consolidation.test_platform import territory as territory  # the fixture
from tests.consolidation.test_publication import _previous_sent
from tests.factories import (
    FixedSlotFactory,
    MissionFactory,
    MissionSkillFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

SPRING_START, SPRING_END = END + dt.timedelta(days=17), END + dt.timedelta(days=17 + 46)


def _need(buyer, weekday: int, start: int, *, first=SPRING_START, last=SPRING_END) -> Mission:
    """An accepted workshop for the children, described from scratch (nothing it replaces)."""
    need = MissionFactory(buyer=buyer, state="accepted", period_start=first, period_end=last)
    MissionSkillFactory(mission=need, min_level=2)
    FixedSlotFactory(mission=need, weekday=weekday, start_minute=start, end_minute=start + 90)
    return need


def _publish_autumn(territory, capture) -> dict[int, int]:
    """The autumn plan published: mission pk -> the pk of the worker who holds it."""
    run(territory, capture)
    autumn = PlanVersion.objects.get()
    publish_version(version=autumn, by=territory.coordinator)
    return dict(autumn.assignments.values_list("mission_id", "worker_id"))


def _renewal(old: Mission, holders: dict[int, int]) -> Renewal:
    """What renewing ``old`` means: its autumn worker and the blocks they held it in."""
    blocks = PlanAssignment.objects.get(mission=old).blocks
    return Renewal(renewed=old.pk, worker=holders[old.pk], blocks=blocks)


def _renewed(territory) -> dict[int, Renewal]:
    needs = plannable_missions(
        territory=territory, period_start=SPRING_START, period_end=SPRING_END
    )
    return renewed_needs(territory=territory, period_start=SPRING_START, needs=list(needs))


def test_the_same_workshop_described_again_renews_the_one_at_its_slots(
    territory, django_capture_on_commit_callbacks
):
    holders = _publish_autumn(territory, django_capture_on_commit_callbacks)
    thursday = territory.missions_list[1]  # the school's Thursday 15:00 workshop
    again = _need(thursday.buyer, weekday=3, start=900)
    assert _renewed(territory) == {again.pk: _renewal(thursday, holders)}
    previous = _previous_sent(territory, SPRING_START, SPRING_END)
    assert previous[worker_key(holders[thursday.pk])] == [mission_key(again.pk)]
    assert sum(len(keys) for keys in previous.values()) == 1


def test_a_workshop_whose_slot_moved_renews_the_only_one_of_its_buyer_place_and_skills(
    territory, django_capture_on_commit_callbacks
):
    library = OrganisationFactory(territory=territory)
    on_thursday = _need(library, weekday=3, start=1000, first=START, last=END)
    holders = _publish_autumn(territory, django_capture_on_commit_callbacks)
    assert on_thursday.pk in holders  # planned in the autumn
    moved = _need(library, weekday=1, start=1000)
    assert _renewed(territory) == {moved.pk: _renewal(on_thursday, holders)}


def test_a_moved_slot_among_several_alike_workshops_renews_none(
    territory, django_capture_on_commit_callbacks
):
    # Three autumn workshops of the school at one place: which one moved to 16:40 is a guess.
    _publish_autumn(territory, django_capture_on_commit_callbacks)
    _need(territory.missions_list[0].buyer, weekday=1, start=1000)
    assert _renewed(territory) == {}


def test_a_held_workshop_is_renewed_once(territory, django_capture_on_commit_callbacks):
    holders = _publish_autumn(territory, django_capture_on_commit_callbacks)
    tuesday = territory.missions_list[0]
    first, _second = (_need(tuesday.buyer, weekday=1, start=900) for _ in range(2))
    # The second asks what the first renews; the school's two other workshops are alike.
    assert _renewed(territory) == {first.pk: _renewal(tuesday, holders)}


def test_another_buyers_identical_workshop_renews_nothing(
    territory, django_capture_on_commit_callbacks
):
    _publish_autumn(territory, django_capture_on_commit_callbacks)
    _need(OrganisationFactory(territory=territory), weekday=1, start=900)
    assert _renewed(territory) == {}


def test_a_workshop_held_last_term_that_runs_on_keeps_its_worker(
    territory, django_capture_on_commit_callbacks
):
    year_long = territory.missions_list[2]
    Mission.objects.filter(pk=year_long.pk).update(period_end=SPRING_END)
    holders = _publish_autumn(territory, django_capture_on_commit_callbacks)
    blocks = PlanAssignment.objects.get(mission=year_long).blocks
    assert _renewed(territory) == {
        year_long.pk: Renewal(renewed=year_long.pk, worker=holders[year_long.pk], blocks=blocks)
    }
    data = build_instance(
        territory=territory, period_start=SPRING_START, period_end=SPRING_END
    ).data
    previous = {w["id"]: w["previous"] for w in data["workers"]}
    assert previous[worker_key(holders[year_long.pk])] == [mission_key(year_long.pk)]
    # Not started: a preference for its worker, not a plan in force.
    assert data["previous_plan"] == {"assignments": []}


def test_a_started_workshop_that_runs_on_stays_with_its_worker_and_blocks(
    territory, django_capture_on_commit_callbacks
):
    year_long = territory.missions_list[2]
    Mission.objects.filter(pk=year_long.pk).update(period_end=SPRING_END)
    holders = _publish_autumn(territory, django_capture_on_commit_callbacks)
    Mission.objects.filter(pk=year_long.pk).update(state=MissionState.RUNNING)
    data = build_instance(
        territory=territory, period_start=SPRING_START, period_end=SPRING_END
    ).data
    assert data["previous_plan"] == {
        "assignments": [
            {
                "mission": mission_key(year_long.pk),
                "worker": worker_key(holders[year_long.pk]),
                "blocks": PlanAssignment.objects.get(mission=year_long).blocks,
            }
        ]
    }
    entry = next(m for m in data["missions"] if m["id"] == mission_key(year_long.pk))
    assert entry["started"] is True
    # The engine freezes it there (tests/consolidation/engine/test_engine_rerun.py).
    report = validate(
        EngineInput.from_dict(data),
        solve(EngineInput.from_dict(data), time_limit_s=2.0, seed=1, num_workers=1),
    )
    assert report.ok, report.violations


def test_a_linked_need_renews_what_it_replaces_before_any_lookalike(
    territory, django_capture_on_commit_callbacks
):
    holders = _publish_autumn(territory, django_capture_on_commit_callbacks)
    tuesday, thursday = territory.missions_list[:2]
    # Linked to the Thursday workshop although it asks for Tuesday 15:00.
    linked = _need(tuesday.buyer, weekday=1, start=900)
    Mission.objects.filter(pk=linked.pk).update(replaces=thursday)
    lookalike = _need(tuesday.buyer, weekday=1, start=900)
    assert _renewed(territory) == {
        linked.pk: _renewal(thursday, holders),
        lookalike.pk: _renewal(tuesday, holders),
    }


def test_no_published_plan_before_the_period_renews_nothing(territory):
    _need(territory.missions_list[0].buyer, weekday=1, start=900)
    assert _renewed(territory) == {}


def test_a_new_period_reads_its_needs_once(territory, django_capture_on_commit_callbacks):
    # The needs of the period and last term's needs that a lookalike may renew: two reads
    # of the needs table, however many needs and renewals.
    _publish_autumn(territory, django_capture_on_commit_callbacks)
    for weekday, start in ((1, 900), (3, 900), (1, 1000)):
        _need(territory.missions_list[0].buyer, weekday=weekday, start=start)
    with CaptureQueriesContext(connection) as queries:
        build_instance(territory=territory, period_start=SPRING_START, period_end=SPRING_END)
    table = Mission._meta.db_table
    reads = [
        q["sql"] for q in queries if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]
    ]
    assert len(reads) == 2
