"""Absurd needs are refused at their field (bounds in settings.MAILLAGE_LIMITS); a holiday
straddling the period is clipped to it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from maillage.missions.models import Mission
from maillage.missions.services import (
    DateSpan,
    NeedDescription,
    SkillRequirement,
    WeeklySpan,
    create_need,
)
from maillage.skills.models import Skill
from tests.factories import BORDEAUX, OrganisationFactory, commune

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 10, 1)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


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
        slots=[WeeklySpan(1, 900, 990)],
    )
    values.update(changes)
    return NeedDescription(**values)


def help_desk(**changes) -> NeedDescription:
    values = dict(
        kind="digital_help_desk",
        place_kind="remote",
        commune=None,
        schedule_kind="flexible",
        slots=[],
        flexible_weekly_minutes=240,
        flexible_min_block_minutes=60,
        windows=[WeeklySpan(d, 540, 1020) for d in range(5)],
        skills=[SkillRequirement(Skill.objects.get(code="digital-mediation"), 2)],
    )
    values.update(changes)
    return workshop(**values)


def refused(need: NeedDescription, today: dt.date | None = TODAY) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        create_need(buyer=OrganisationFactory(), created_by=None, need=need, today=today)
    assert Mission.objects.count() == 0
    return error.value.message_dict


def test_a_need_over_a_period_already_over_is_refused():
    need = workshop(period_start=dt.date(2026, 3, 2), period_end=dt.date(2026, 6, 30))
    assert refused(need) == {"period_end": ["This period is already over."]}


def test_a_need_of_a_century_is_refused():
    need = workshop(period_start=dt.date(2026, 11, 2), period_end=dt.date(2126, 11, 2))
    assert refused(need) == {"period_end": ["A need covers at most 366 days."]}


def test_a_need_starting_years_ahead_is_refused():
    need = workshop(period_start=dt.date(2029, 1, 8), period_end=dt.date(2029, 2, 9))
    assert refused(need) == {"period_start": ["A need starts at most 548 days from today."]}


def test_the_period_rules_follow_the_settings(settings):
    settings.MAILLAGE_LIMITS = {**settings.MAILLAGE_LIMITS, "need_max_period_days": 30}
    assert refused(workshop()) == {"period_end": ["A need covers at most 30 days."]}


def test_fourteen_slots_of_twelve_hours_are_refused():
    slots = [WeeklySpan(day, start, start + 720) for day in range(7) for start in (0, 720)]
    need = workshop(kind="it_support", slots=slots)
    assert refused(need) == {
        "slots": [
            "Work is done between 06:00 and 23:00.",
            "A need is at most 35 hours a week.",
            "A need is at most 10 hours a day.",
        ]
    }


def test_a_childrens_workshop_on_sunday_night_is_refused():
    need = workshop(slots=[WeeklySpan(6, 120, 360)])
    assert refused(need) == {
        "slots": [
            "Work is done between 06:00 and 23:00.",
            "A children's workshop takes place from Monday to Saturday.",
            "A children's workshop takes place between 07:00 and 21:00.",
        ]
    }


def test_a_childrens_workshop_on_saturday_morning_is_accepted():
    need = workshop(slots=[WeeklySpan(5, 600, 720)])
    mission = create_need(buyer=OrganisationFactory(), created_by=None, need=need, today=TODAY)
    assert mission.weekly_minutes() == 120


def test_a_flexible_volume_over_a_full_time_week_is_refused_at_its_field():
    need = help_desk(
        flexible_weekly_minutes=40 * 60,
        windows=[WeeklySpan(d, 360, 1380) for d in range(5)],
    )
    assert refused(need) == {"flexible_weekly_minutes": ["A need is at most 35 hours a week."]}


def test_a_holiday_straddling_the_period_is_clipped_to_it():
    need = workshop(
        period_start=dt.date(2026, 11, 2),
        period_end=dt.date(2026, 12, 18),
        excluded=[
            DateSpan(dt.date(2026, 10, 17), dt.date(2026, 11, 3), "Toussaint"),
            DateSpan(dt.date(2026, 12, 16), dt.date(2027, 1, 4), "Noël"),
        ],
    )
    mission = create_need(buyer=OrganisationFactory(), created_by=None, need=need, today=TODAY)
    assert list(mission.excluded_periods.values_list("start", "end", "label")) == [
        (dt.date(2026, 11, 2), dt.date(2026, 11, 3), "Toussaint"),
        (dt.date(2026, 12, 16), dt.date(2026, 12, 18), "Noël"),
    ]


def test_excluded_dates_wholly_outside_the_period_are_still_refused():
    need = workshop(excluded=[DateSpan(dt.date(2027, 2, 1), dt.date(2027, 2, 5), "Hiver")])
    assert refused(need) == {"excluded": ["Excluded dates must lie inside the period."]}


def test_without_today_only_the_bounds_apply():
    """The demo builds a history at fixed dates: it passes no today."""
    need = workshop(period_start=dt.date(2020, 11, 2), period_end=dt.date(2020, 12, 18))
    mission = create_need(buyer=OrganisationFactory(), created_by=None, need=need)
    assert mission.period_start == dt.date(2020, 11, 2)
