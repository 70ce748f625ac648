"""Fixtures of the demo tests: the Gironde's communes, and a canonical dump of the demo data."""

from __future__ import annotations

import pytest

from maillage.demo.builder import ensure_departement_communes
from maillage.demo.context import DEMO_EMAIL_DOMAIN, DEMO_TERRITORY_SLUG
from maillage.missions.models import Mission
from maillage.people.models import (
    AvailabilityWindow,
    BuyerGroup,
    Membership,
    Organisation,
    User,
    WorkerProfile,
)
from maillage.skills.models import SkillEvidence, WorkerSkill
from maillage.territory.models import Territory, ThirdPlace


@pytest.fixture
def gironde_communes(db) -> None:
    """The 534 communes of the Gironde (only those: loading all of France takes seconds)."""
    ensure_departement_communes("33")


def _rows(queryset, *fields: str) -> list[tuple]:
    """Sorted tuples of natural fields (None written as '' so that rows always compare)."""
    return sorted(
        tuple("" if value is None else value for value in row)
        for row in queryset.values_list(*fields)
    )


def _mission_row(mission: Mission) -> tuple:
    return (
        mission.buyer.siret,
        mission.buyer_group.name if mission.buyer_group else "",
        mission.title,
        mission.description,
        mission.kind,
        mission.place_kind,
        mission.address,
        mission.commune.insee_code if mission.commune else "",
        mission.third_place.name if mission.third_place else "",
        mission.period_start,
        mission.period_end,
        mission.schedule_kind,
        mission.flexible_weekly_minutes or 0,
        mission.flexible_min_block_minutes or 0,
        mission.state,
        mission.created_by.email if mission.created_by else "",
        tuple(_rows(mission.skills.all(), "skill__code", "min_level")),
        tuple(_rows(mission.slots.all(), "weekday", "start_minute", "end_minute")),
        tuple(_rows(mission.windows.all(), "weekday", "start_minute", "end_minute")),
        tuple(_rows(mission.excluded_periods.all(), "start", "end", "label")),
        tuple(
            mission.transitions.order_by("at", "pk").values_list(
                "from_state", "to_state", "by__email", "reason"
            )
        ),
    )


def demo_snapshot() -> dict[str, object]:
    """Every row the demo made, by natural fields: no primary key, no creation timestamp."""
    territory = Territory.objects.get(slug=DEMO_TERRITORY_SLUG)
    in_territory = {"territory": territory}
    missions = Mission.objects.filter(**in_territory).select_related(
        "buyer", "buyer_group", "commune", "third_place", "created_by"
    )
    return {
        "territory": (territory.name, territory.slug, territory.kind, territory.code),
        "territory_communes": sorted(territory.communes.values_list("insee_code", flat=True)),
        "organisations": _rows(
            Organisation.objects.filter(**in_territory),
            *("kind", "name", "siret", "commune__insee_code", "address", "email"),
            "is_public_buyer",
        ),
        "groups": sorted(
            (group.name, group.kind, tuple(sorted(group.members.values_list("siret", flat=True))))
            for group in BuyerGroup.objects.filter(**in_territory)
        ),
        "third_places": sorted(
            (
                *(place.name, place.commune.insee_code, place.address, place.latitude),
                *(place.longitude, place.capacity, tuple(place.services), place.email),
                tuple(_rows(place.opening_hours.all(), "weekday", "opens_at", "closes_at")),
            )
            for place in ThirdPlace.objects.filter(**in_territory)
        ),
        "users": _rows(
            User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}"),
            *("email", "first_name", "last_name", "phone", "password", "is_staff"),
            *("is_superuser", "date_joined"),
        ),
        "workers": _rows(
            WorkerProfile.objects.filter(**in_territory),
            *("user__email", "home_commune__insee_code", "travel_mode", "max_km"),
            *("wished_weekly_minutes", "max_weekly_minutes", "status", "bio"),
        ),
        "availability": _rows(
            AvailabilityWindow.objects.filter(worker__territory=territory),
            *("worker__user__email", "weekday", "start_minute", "end_minute"),
        ),
        "skills": _rows(
            WorkerSkill.objects.filter(worker__territory=territory),
            *("worker__user__email", "skill__code", "level"),
        ),
        "evidence": _rows(
            SkillEvidence.objects.filter(worker_skill__worker__territory=territory),
            *("worker_skill__worker__user__email", "worker_skill__skill__code", "kind"),
            *("level", "detail", "issued_on", "recorded_by__email"),
        ),
        "memberships": _rows(
            Membership.objects.filter(user__email__endswith=f"@{DEMO_EMAIL_DOMAIN}"),
            *("user__email", "role", "organisation__siret", "territory__slug"),
            *("buyer_group__name", "third_place__name"),
        ),
        "missions": sorted((_mission_row(mission) for mission in missions), key=repr),
    }


@pytest.fixture
def snapshot():
    """The canonical dump of the demo data, as a function to call after each build."""
    return demo_snapshot
