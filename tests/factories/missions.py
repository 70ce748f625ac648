"""Needs (missions) with their skills, weekly slots or windows and excluded dates.

A bare ``MissionFactory()`` is a draft workshop at an address in Bordeaux, fixed schedule,
with no slot and no skill yet (tests add what they look at). Traits:

- ``fixed``: plus a Tuesday 15:00-16:30 slot and workshop-children ≥ 2 (a complete need);
- ``flexible``: 3 h a week in blocks of at least 1 h, in a Monday 9:00-17:00 window,
  help-desk ≥ 2;
- ``accepted``: in the accepted state (what the engine plans), without a quote;
- ``priced``: a complete fixed need with a quote issued through the real service (the
  territory gets the default charter if it has none in force);
- ``at_third_place``: in a tiers-lieu of the territory; ``remote``: no place at all.
"""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from maillage.missions.models import (
    ExcludedPeriod,
    FixedSlot,
    FlexibleWindow,
    Mission,
    MissionSkill,
)
from maillage.skills.models import Skill
from tests.factories.people import OrganisationFactory
from tests.factories.territory import BORDEAUX, ThirdPlaceFactory, commune

START = dt.date(2026, 11, 2)
END = dt.date(2026, 12, 18)


def _skill_adder(code: str, level: int):
    def add(mission, create, extracted, **kwargs):
        if create:
            skill = Skill.objects.get(code=code)
            MissionSkill.objects.create(mission=mission, skill=skill, min_level=level)

    return add


def _add_slot(mission, create, extracted, **kwargs):
    if create:
        FixedSlot.objects.create(mission=mission, weekday=1, start_minute=900, end_minute=990)


def _add_window(mission, create, extracted, **kwargs):
    if create:
        FlexibleWindow.objects.create(mission=mission, weekday=0, start_minute=540, end_minute=1020)


def _issue_quote(mission, create, extracted, **kwargs):
    """Issue a quote through the pricing service (the need becomes priced)."""
    if create:
        from tests.factories.pricing import QuoteFactory

        QuoteFactory(mission=mission)
        mission.refresh_from_db()


class MissionFactory(DjangoModelFactory):
    class Meta:
        model = Mission
        skip_postgeneration_save = True

    buyer = factory.SubFactory(OrganisationFactory)
    territory = factory.SelfAttribute("buyer.territory")
    title = factory.Sequence(lambda n: f"Atelier numérique périscolaire {n}")
    kind = "after_school_workshop"
    place_kind = "address"
    address = "1 place de la République"
    commune = factory.LazyFunction(lambda: commune(BORDEAUX))
    period_start = START
    period_end = END
    schedule_kind = "fixed"

    class Params:
        fixed = factory.Trait(
            schedule_kind="fixed",
            slot=factory.PostGeneration(_add_slot),
            skill=factory.PostGeneration(_skill_adder("workshop-children", 2)),
        )
        flexible = factory.Trait(
            kind="digital_help_desk",
            schedule_kind="flexible",
            flexible_weekly_minutes=180,
            flexible_min_block_minutes=60,
            window=factory.PostGeneration(_add_window),
            skill=factory.PostGeneration(_skill_adder("digital-mediation", 2)),
        )
        accepted = factory.Trait(state="accepted")
        priced = factory.Trait(fixed=True, quote=factory.PostGeneration(_issue_quote))
        at_third_place = factory.Trait(
            place_kind="third_place",
            address="",
            commune=None,
            third_place=factory.SubFactory(
                ThirdPlaceFactory, territory=factory.SelfAttribute("..territory")
            ),
        )
        remote = factory.Trait(place_kind="remote", address="", commune=None)


class MissionSkillFactory(DjangoModelFactory):
    class Meta:
        model = MissionSkill

    mission = factory.SubFactory(MissionFactory)
    skill = factory.LazyFunction(lambda: Skill.objects.get(code="workshop-children"))
    min_level = 2


class FixedSlotFactory(DjangoModelFactory):
    """Tuesday 15:00-16:30."""

    class Meta:
        model = FixedSlot

    mission = factory.SubFactory(MissionFactory)
    weekday = 1
    start_minute = 15 * 60
    end_minute = 16 * 60 + 30


class FlexibleWindowFactory(DjangoModelFactory):
    """Monday 9:00-17:00, in a flexible need."""

    class Meta:
        model = FlexibleWindow

    mission = factory.SubFactory(
        MissionFactory,
        schedule_kind="flexible",
        flexible_weekly_minutes=180,
        flexible_min_block_minutes=60,
    )
    weekday = 0
    start_minute = 9 * 60
    end_minute = 17 * 60


class ExcludedPeriodFactory(DjangoModelFactory):
    """The All Saints' school holidays' last days (inside the default period)."""

    class Meta:
        model = ExcludedPeriod

    mission = factory.SubFactory(MissionFactory)
    start = dt.date(2026, 11, 2)
    end = dt.date(2026, 11, 6)
    label = "Vacances de la Toussaint"
