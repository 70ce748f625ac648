"""Which of a new term's needs renew last term's, so that the engine offers them first to the
worker who did them (decision 0043, step 5): linked ones, and the same workshop described
again from scratch."""

import datetime as dt

import pytest

from maillage.consolidation.instance import mission_key, renewed_needs, worker_key
from maillage.consolidation.models import PlanVersion
from maillage.consolidation.services import publish_version
from maillage.missions.models import Mission
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


def _renewed(territory) -> dict[int, tuple[int, int]]:
    return renewed_needs(territory=territory, period_start=SPRING_START, period_end=SPRING_END)


def test_the_same_workshop_described_again_renews_the_one_at_its_slots(
    territory, django_capture_on_commit_callbacks
):
    holders = _publish_autumn(territory, django_capture_on_commit_callbacks)
    thursday = territory.missions_list[1]  # the school's Thursday 15:00 workshop
    again = _need(thursday.buyer, weekday=3, start=900)
    assert _renewed(territory) == {again.pk: (thursday.pk, holders[thursday.pk])}
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
    assert _renewed(territory) == {moved.pk: (on_thursday.pk, holders[on_thursday.pk])}


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
    assert _renewed(territory) == {first.pk: (tuesday.pk, holders[tuesday.pk])}


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
    assert _renewed(territory) == {year_long.pk: (year_long.pk, holders[year_long.pk])}
    previous = _previous_sent(territory, SPRING_START, SPRING_END)
    assert previous[worker_key(holders[year_long.pk])] == [mission_key(year_long.pk)]


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
        linked.pk: (thursday.pk, holders[thursday.pk]),
        lookalike.pk: (tuesday.pk, holders[tuesday.pk]),
    }


def test_no_published_plan_before_the_period_renews_nothing(territory):
    _need(territory.missions_list[0].buyer, weekday=1, start=900)
    assert _renewed(territory) == {}
