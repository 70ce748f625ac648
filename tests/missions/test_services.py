import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from maillage.missions.models import Mission
from maillage.missions.services import (
    DateSpan,
    NeedDescription,
    SkillRequirement,
    WeeklySpan,
    create_need,
    replace_mission,
)
from maillage.skills.models import Skill
from tests.factories import BORDEAUX, OrganisationFactory, UserFactory, commune

pytestmark = pytest.mark.django_db


def workshop(**changes) -> NeedDescription:
    values = dict(
        title="Atelier robotique du mardi",
        kind="after_school_workshop",
        place_kind="address",
        address="12 rue Jules Ferry",
        commune=commune(BORDEAUX),
        period_start=dt.date(2026, 11, 2),
        period_end=dt.date(2026, 12, 18),
        schedule_kind="fixed",
        skills=[SkillRequirement(Skill.objects.get(code="workshop-children"), 2)],
        slots=[WeeklySpan(1, 900, 990), WeeklySpan(3, 900, 990)],
        excluded=[DateSpan(dt.date(2026, 11, 11), dt.date(2026, 11, 11), "Armistice")],
    )
    values.update(changes)
    return NeedDescription(**values)


def test_a_need_is_saved_whole_as_a_draft_with_its_log_row():
    school, officer = OrganisationFactory(), UserFactory()
    mission = create_need(buyer=school, created_by=officer, need=workshop())
    assert mission.state == "draft"
    assert mission.weekly_minutes() == 180
    assert [(s.weekday, s.start_minute, s.end_minute) for s in mission.slots.all()] == [
        (1, 900, 990),
        (3, 900, 990),
    ]
    assert list(mission.transitions.values_list("from_state", "to_state")) == [("", "draft")]
    # 7 weeks of 5 weekdays from 2 Nov to 18 Dec, minus Armistice day.
    assert mission.working_days() == 34


def test_a_flexible_volume_needs_windows_long_enough_for_it():
    school = OrganisationFactory()
    need = workshop(
        kind="community_management",
        place_kind="remote",
        commune=None,
        schedule_kind="flexible",
        slots=[],
        flexible_weekly_minutes=240,
        flexible_min_block_minutes=60,
        windows=[WeeklySpan(0, 540, 660)],
    )
    with pytest.raises(ValidationError) as refused:
        create_need(buyer=school, created_by=None, need=need)
    assert list(refused.value.message_dict) == ["windows"]
    assert Mission.objects.count() == 0


def test_every_problem_is_reported_at_once_and_nothing_is_written():
    school = OrganisationFactory()
    need = workshop(
        period_end=dt.date(2026, 10, 1),
        skills=[],
        slots=[WeeklySpan(1, 900, 990), WeeklySpan(1, 960, 1020)],
    )
    with pytest.raises(ValidationError) as refused:
        create_need(buyer=school, created_by=None, need=need)
    assert sorted(refused.value.message_dict) == ["excluded", "period_end", "skills", "slots"]
    assert Mission.objects.count() == 0


def test_a_commune_outside_the_territory_is_refused():
    school = OrganisationFactory()
    arcachon = commune("33009")  # in Gironde, not in this territory
    with pytest.raises(ValidationError) as refused:
        create_need(buyer=school, created_by=None, need=workshop(commune=arcachon))
    assert list(refused.value.message_dict) == ["commune"]


def test_replacing_a_mission_cancels_it_and_opens_a_linked_draft_copy():
    school, coordinator = OrganisationFactory(), UserFactory()
    original = create_need(buyer=school, created_by=None, need=workshop())
    replacement = replace_mission(mission=original, by=coordinator, reason="Intervenant malade")
    original.refresh_from_db()
    assert original.state == "cancelled"
    assert replacement.replaces_id == original.pk
    assert replacement.state == "draft"
    assert replacement.weekly_minutes() == original.weekly_minutes()
