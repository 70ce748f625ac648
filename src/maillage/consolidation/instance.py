"""Build the engine's input for a territory and a period from the database (plain dicts out)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q

from maillage.consolidation.models import PairRule, PlanAssignment, PlanState, PlanVersion
from maillage.missions.models import (
    ExcludedPeriod,
    FixedSlot,
    FlexibleWindow,
    Mission,
    MissionSkill,
    MissionState,
    PlaceKind,
    ScheduleKind,
)
from maillage.people.models import WorkerProfile
from maillage.skills.models import WorkerSkill, certified_only_skills
from maillage.territory.holidays import public_holidays_between
from maillage.territory.models import Territory

ENGINE_FORMAT = "maillage-consolidation/1"
PLANNABLE_STATES = (MissionState.ACCEPTED, MissionState.PLANNED, MissionState.RUNNING)


def mission_key(pk: int) -> str:
    return f"m{pk}"


def worker_key(pk: int) -> str:
    return f"w{pk}"


def key_pk(key: str) -> int:
    """'m12' -> 12."""
    return int(key[1:])


@dataclass
class BuiltInstance:
    """The engine input, plus the missions left out because they cannot be located."""

    data: dict
    missions_without_place: list[int] = field(default_factory=list)


def plannable_missions(*, territory: Territory, period_start: dt.date, period_end: dt.date):
    """Missions to plan: accepted or already planned, whose period overlaps the plan's."""
    return (
        Mission.objects.filter(
            territory=territory,
            state__in=PLANNABLE_STATES,
            period_start__lte=period_end,
            period_end__gte=period_start,
        )
        .select_related("commune", "third_place")
        .prefetch_related(
            Prefetch("skills", queryset=MissionSkill.objects.select_related("skill")),
            Prefetch("slots", queryset=FixedSlot.objects.order_by("weekday", "start_minute")),
            Prefetch(
                "windows", queryset=FlexibleWindow.objects.order_by("weekday", "start_minute")
            ),
            Prefetch("excluded_periods", queryset=ExcludedPeriod.objects.order_by("start")),
        )
        .order_by("pk")
    )


def excluded_dates(mission: Mission, first: dt.date, last: dt.date) -> list[dt.date]:
    """Every day of the mission's excluded periods between ``first`` and ``last``, sorted;
    for a mission on fixed slots, the public holidays too, as the dated work skips them.

    Not for a weekly volume: the engine drops the whole week of an excluded date of a
    flexible mission (decision 0043), and a bank holiday does not cancel a week of website
    upkeep; the volume is then placed on the week's other days when it is dated.
    """
    days: set[dt.date] = set()
    if mission.schedule_kind == ScheduleKind.FIXED:
        days.update(public_holidays_between(first, last))
    for excluded in mission.excluded_periods.all():
        day = max(excluded.start, first)
        while day <= min(excluded.end, last):
            days.add(day)
            day += dt.timedelta(days=1)
    return sorted(days)


def non_working_weeks(missions: list[dict[str, Any]], first: dt.date, last: dt.date) -> list[str]:
    """Mondays of the calendar weeks that the needs themselves declare off: weeks in which
    most of the missions running around them are excluded on every one of their days (school
    holidays, as the buyers entered them). Those weeks count neither in the 24 h average nor
    in its weekly floor (decision 0043)."""
    spans = [(m["first_date"], m["last_date"], set(m["excluded_dates"])) for m in missions]
    monday = first - dt.timedelta(days=first.weekday())
    off: list[str] = []
    while monday <= last:
        week = {(monday + dt.timedelta(days=k)).isoformat() for k in range(7)}
        sunday = max(week)
        spanning = [
            excluded for start, end, excluded in spans if start <= min(week) and end >= sunday
        ]
        idle = sum(1 for excluded in spanning if week <= excluded)
        if spanning and 2 * idle > len(spanning):
            off.append(monday.isoformat())
        monday += dt.timedelta(days=7)
    return off


def current_published_version(
    *, territory: Territory, period_start: dt.date, period_end: dt.date
) -> PlanVersion | None:
    return PlanVersion.objects.filter(
        territory=territory,
        period_start=period_start,
        period_end=period_end,
        state=PlanState.PUBLISHED,
    ).first()


def trusted_levels(skills, certified_only: set[int]) -> dict[str, int]:
    """A worker's levels the engine may use: the certified one alone for a skill the
    territory trusts only when certified (none until certified), the level in use otherwise."""
    levels = {}
    for held in skills:
        level = held.certified_level if held.skill_id in certified_only else held.level
        if level:
            levels[held.skill.code] = level
    return levels


def _weekly_shape(mission: Mission) -> tuple:
    """What a buyer asks for each week, dates and wording aside: the kind, the place, the
    skills and the schedule (its slots, or its volume)."""
    if mission.schedule_kind == ScheduleKind.FIXED:
        schedule: tuple = tuple(
            sorted((s.weekday, s.start_minute, s.end_minute) for s in mission.slots.all())
        )
    else:
        schedule = (mission.flexible_weekly_minutes, mission.flexible_min_block_minutes)
    return (*_place_and_skills(mission), mission.schedule_kind, schedule)


def _place_and_skills(mission: Mission) -> tuple:
    skills = tuple(sorted(s.skill.code for s in mission.skills.all()))
    return (
        mission.buyer_id,
        mission.kind,
        mission.place_kind,
        mission.commune_id,
        mission.third_place_id,
        skills,
    )


@dataclass(frozen=True)
class Renewal:
    """A need of the last published plan that a need of the new period renews."""

    renewed: int  # the last plan's mission pk (the need's own when it runs on)
    worker: int  # the pk of the worker who held it
    blocks: list  # the blocks they held it in, as stored on the assignment


def renewed_needs(
    *, territory: Territory, period_start: dt.date, needs: list[Mission]
) -> dict[int, Renewal]:
    """Which of ``needs`` (the period's :func:`plannable_missions`, with their skills and
    slots) renew a need of the territory's latest published plan ending before
    ``period_start`` (decision 0043, step 5), by the new need's pk.

    A need held in that plan that runs on into this period continues with its worker. A need
    renews an earlier one when it says so (`replaces`: the buyer's copy for a later
    period, the coordinator's replacement). A buyer who describes next term's workshop from
    scratch does not say so; the same workshop is recognised all the same: first the needs
    that ask, week for week, what a held need asked (same buyer, kind, place, skills, and
    slots or volume), each earlier need renewed once, in order; then, among what is left,
    a need whose buyer, kind, place and skills match exactly one held need (the slots
    moved), when that held need matches no other. Anything more ambiguous is left out: a
    wrong `previous` would keep a worker on a workshop that is not theirs.
    """
    earlier = (
        PlanVersion.objects.filter(
            territory=territory, state=PlanState.PUBLISHED, period_end__lt=period_start
        )
        .order_by("-period_end", "-pk")
        .first()
    )
    if earlier is None:
        return {}
    held: dict[int, tuple[int, list]] = {
        mission_id: (worker_id, blocks)
        for mission_id, worker_id, blocks in PlanAssignment.objects.filter(
            version=earlier
        ).values_list("mission_id", "worker_id", "blocks")
    }
    # New mission pk -> the held mission it continues: itself when it runs on into this
    # period, the one it says it replaces, or the one it is recognised to renew.
    renewed: dict[int, int] = {}
    for need in needs:
        if need.pk in held:
            renewed[need.pk] = need.pk
        elif need.replaces_id in held:
            renewed[need.pk] = need.replaces_id
    unlinked = [m for m in needs if m.pk not in held and m.replaces_id is None]
    taken = set(renewed.values())
    old_needs: list[Mission] = []
    if unlinked:
        old_needs = list(
            Mission.objects.filter(pk__in=set(held) - taken, period_end__lt=period_start)
            .prefetch_related(
                Prefetch("skills", queryset=MissionSkill.objects.select_related("skill")), "slots"
            )
            .order_by("pk")
        )
    for shape in (_weekly_shape, _place_and_skills):
        candidates: dict[tuple, list[Mission]] = {}
        for old in old_needs:
            if old.pk not in taken:
                candidates.setdefault(shape(old), []).append(old)
        asking: dict[tuple, list[Mission]] = {}
        for need in unlinked:
            if need.pk not in renewed:
                asking.setdefault(shape(need), []).append(need)
        for key, needs in asking.items():
            olds = candidates.get(key, [])
            if shape is _place_and_skills and (len(olds) != 1 or len(needs) != 1):
                continue
            for need, old in zip(needs, olds, strict=False):  # the extra ones renew nothing
                renewed[need.pk] = old.pk
                taken.add(old.pk)
    return {
        new_pk: Renewal(renewed=old_pk, worker=held[old_pk][0], blocks=held[old_pk][1])
        for new_pk, old_pk in sorted(renewed.items())
    }


def build_instance(
    *, territory: Territory, period_start: dt.date, period_end: dt.date
) -> BuiltInstance:
    """The engine input for the territory's plannable missions and its workers."""
    places: dict[str, dict] = {}

    def place_of(kind: str, obj) -> str | None:
        if obj is None or obj.latitude is None:
            return None
        key = f"{kind}{obj.pk}"
        places.setdefault(key, {"id": key, "lat": obj.latitude, "lon": obj.longitude})
        return key

    needs = list(
        plannable_missions(territory=territory, period_start=period_start, period_end=period_end)
    )
    previous: dict[int, list[str]] = {}
    previous_plan: list[dict[str, Any]] = []
    published = current_published_version(
        territory=territory, period_start=period_start, period_end=period_end
    )
    if published is not None:
        # A re-run starts from the plan in force: its pairs and blocks (decision 0043).
        for mission_id, worker_id, blocks in PlanAssignment.objects.filter(
            version=published
        ).values_list("mission_id", "worker_id", "blocks"):
            previous.setdefault(worker_id, []).append(mission_key(mission_id))
            previous_plan.append(
                {
                    "mission": mission_key(mission_id),
                    "worker": worker_key(worker_id),
                    "blocks": blocks,
                }
            )
    else:
        # A new period: the same worker keeps a renewed need unless better is found.
        renewals = renewed_needs(territory=territory, period_start=period_start, needs=needs)
        running = {need.pk for need in needs if need.state == MissionState.RUNNING}
        for new_pk, renewal in renewals.items():
            previous.setdefault(renewal.worker, []).append(mission_key(new_pk))
            if new_pk == renewal.renewed and new_pk in running:
                # Started last term and running on: it stays with its worker and blocks.
                previous_plan.append(
                    {
                        "mission": mission_key(new_pk),
                        "worker": worker_key(renewal.worker),
                        "blocks": renewal.blocks,
                    }
                )

    certified_only = certified_only_skills(territory.pk)
    workers = []
    for worker in (
        WorkerProfile.objects.filter(territory=territory, user__is_active=True)
        .select_related("home_commune", "remote_base")
        .prefetch_related(
            "availability",
            Prefetch("skills", queryset=WorkerSkill.objects.select_related("skill")),
        )
        .order_by("pk")
    ):
        home = place_of("c", worker.home_commune)
        if home is None:
            continue  # no coordinates for the home commune: nothing can be planned honestly
        workers.append(
            {
                "id": worker_key(worker.pk),
                "home": home,
                "travel_mode": worker.travel_mode,
                "max_km": worker.max_km,
                "skills": trusted_levels(worker.skills.all(), certified_only),
                "availability": [
                    {"day": w.weekday, "start": w.start_minute, "end": w.end_minute}
                    for w in worker.availability.all()
                ],
                "wished_minutes": worker.wished_weekly_minutes,
                "max_minutes": worker.max_weekly_minutes,
                "previous": sorted(previous.get(worker.pk, [])),
                # The tiers-lieu chosen for remote missions: the engine counts the trip there.
                "remote_base": place_of("t", worker.remote_base),
            }
        )

    missions, without_place = [], []
    for mission in needs:
        place = None
        if mission.place_kind == PlaceKind.THIRD_PLACE:
            place = place_of("t", mission.third_place)
        elif mission.place_kind == PlaceKind.ADDRESS:
            place = place_of("c", mission.commune)
        if mission.place_kind != PlaceKind.REMOTE and place is None:
            without_place.append(mission.pk)
            continue
        first = max(mission.period_start, period_start)
        last = min(mission.period_end, period_end)
        entry: dict[str, Any] = {
            "id": mission_key(mission.pk),
            "buyer": f"b{mission.buyer_id}",
            "skills": {s.skill.code: s.min_level for s in mission.skills.all()},
            "place": place,
            # The real period: two missions clash only on a shared date (decision 0043).
            "first_date": first.isoformat(),
            "last_date": last.isoformat(),
            "excluded_dates": [d.isoformat() for d in excluded_dates(mission, first, last)],
            "started": mission.state == MissionState.RUNNING,
        }
        if mission.schedule_kind == ScheduleKind.FIXED:
            entry["slots"] = [
                {"day": s.weekday, "start": s.start_minute, "end": s.end_minute}
                for s in mission.slots.all()
            ]
        else:
            entry["flexible"] = {
                "minutes": mission.flexible_weekly_minutes,
                "min_block": mission.flexible_min_block_minutes,
                "windows": [
                    {"day": w.weekday, "start": w.start_minute, "end": w.end_minute}
                    for w in mission.windows.all()
                ],
            }
        missions.append(entry)

    mission_ids = {m["id"] for m in missions}
    worker_ids = {w["id"] for w in workers}
    rules = PairRule.objects.filter(
        Q(revoked_at__isnull=True), mission__territory=territory
    ).values_list("kind", "mission_id", "worker_id")
    pinned: list[dict[str, str]] = []
    forbidden: list[dict[str, str]] = []
    for kind, mission_id, worker_id in rules.order_by("pk"):
        pair = {"mission": mission_key(mission_id), "worker": worker_key(worker_id)}
        if pair["mission"] in mission_ids and pair["worker"] in worker_ids:
            (pinned if kind == PairRule.Kind.PIN else forbidden).append(pair)

    data = {
        "format": ENGINE_FORMAT,
        "rules": {
            "threshold_minutes": settings.MAILLAGE_CONTRACT_THRESHOLD_MINUTES,
            "week_floor_minutes": settings.MAILLAGE_WEEK_FLOOR_MINUTES,
            # A renewed workshop stays with its worker even where the nearest-worker
            # marketplace would drive fewer km (decision 0056).
            "renewals_raise_km_budget": True,
        },
        "period": {
            "first_date": period_start.isoformat(),
            "last_date": period_end.isoformat(),
            "non_working_weeks": non_working_weeks(missions, period_start, period_end),
        },
        "places": sorted(places.values(), key=lambda p: p["id"]),
        "workers": workers,
        "missions": missions,
        "pinned": pinned,
        "forbidden": forbidden,
        "previous_plan": {
            "assignments": [
                a
                for a in previous_plan
                if a["mission"] in mission_ids and a["worker"] in worker_ids
            ]
        },
    }
    return BuiltInstance(data=data, missions_without_place=without_place)
