"""Operations on needs: describe one (all or nothing), move it through its lifecycle."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core.limits import limit
from maillage.missions.models import (
    ExcludedPeriod,
    FixedSlot,
    FlexibleWindow,
    Mission,
    MissionKind,
    MissionSkill,
    MissionState,
    PlaceKind,
    ScheduleKind,
)
from maillage.people.models import Organisation, User
from maillage.skills.models import Skill
from maillage.territory.models import Commune, ThirdPlace


@dataclass(frozen=True)
class SkillRequirement:
    skill: Skill
    min_level: int


@dataclass(frozen=True)
class WeeklySpan:
    weekday: int
    start_minute: int
    end_minute: int


@dataclass(frozen=True)
class DateSpan:
    start: dt.date
    end: dt.date
    label: str = ""


@dataclass
class NeedDescription:
    """Everything a buyer says about a need, before it is saved."""

    title: str
    kind: str
    place_kind: str
    period_start: dt.date
    period_end: dt.date
    schedule_kind: str
    description: str = ""
    address: str = ""
    commune: Commune | None = None
    third_place: ThirdPlace | None = None
    flexible_weekly_minutes: int | None = None
    flexible_min_block_minutes: int | None = None
    skills: Sequence[SkillRequirement] = field(default_factory=list)
    slots: Sequence[WeeklySpan] = field(default_factory=list)
    windows: Sequence[WeeklySpan] = field(default_factory=list)
    excluded: Sequence[DateSpan] = field(default_factory=list)


def _spans_overlap(spans: Sequence[WeeklySpan]) -> bool:
    ordered = sorted(spans, key=lambda s: (s.weekday, s.start_minute))
    return any(
        a.weekday == b.weekday and b.start_minute < a.end_minute
        for a, b in itertools.pairwise(ordered)
    )


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def clip_excluded(need: NeedDescription) -> None:
    """Cut excluded dates that straddle a boundary of the period down to the period.

    A school holiday calendar is copied as it is: the Christmas holidays run into January
    whatever the need's last day; only the part inside the period matters.
    """
    if need.period_end < need.period_start:
        return
    need.excluded = [
        DateSpan(max(e.start, need.period_start), min(e.end, need.period_end), e.label)
        if e.start <= need.period_end and e.end >= need.period_start and e.start <= e.end
        else e
        for e in need.excluded
    ]


def _check_period(need: NeedDescription, today: dt.date | None, add) -> None:
    """A period a real buyer could ask for: not over, not absurdly long or far ahead."""
    if need.period_end < need.period_start:
        add("period_end", _("The last day cannot come before the first day."))
        return
    max_days = limit("need_max_period_days")
    if (need.period_end - need.period_start).days + 1 > max_days:
        add("period_end", _("A need covers at most %(days)s days.") % {"days": max_days})
    if today is None:  # a history built at fixed dates (the demo) has no "today"
        return
    if need.period_end < today:
        add("period_end", _("This period is already over."))
    ahead = limit("need_max_start_ahead_days")
    if need.period_start > today + dt.timedelta(days=ahead):
        add(
            "period_start",
            _("A need starts at most %(days)s days from today.") % {"days": ahead},
        )


def _check_schedule_bounds(need: NeedDescription, add) -> None:
    """Slots and windows within the day's bounds; a children's workshop at children's hours;
    a week and a day of the need no longer than a worker may work."""
    earliest, latest = limit("slot_earliest_minute"), limit("slot_latest_minute")
    children = need.kind == MissionKind.AFTER_SCHOOL_WORKSHOP
    children_days = set(limit("children_workshop_weekdays"))
    children_earliest = limit("children_workshop_earliest_minute")
    children_latest = limit("children_workshop_latest_minute")
    fixed = need.schedule_kind == ScheduleKind.FIXED
    section = "slots" if fixed else "windows"
    spans = need.slots if fixed else need.windows
    for span in spans:
        if span.start_minute < earliest or span.end_minute > latest:
            add(
                section,
                _("Work is done between %(earliest)s and %(latest)s.")
                % {"earliest": _hhmm(earliest), "latest": _hhmm(latest)},
            )
            break
    if children:
        if any(span.weekday not in children_days for span in spans):
            add(section, _("A children's workshop takes place from Monday to Saturday."))
        if any(s.start_minute < children_earliest or s.end_minute > children_latest for s in spans):
            add(
                section,
                _("A children's workshop takes place between %(earliest)s and %(latest)s.")
                % {"earliest": _hhmm(children_earliest), "latest": _hhmm(children_latest)},
            )
    max_week = limit("need_max_weekly_minutes")
    if fixed:
        week = sum(max(0, s.end_minute - s.start_minute) for s in need.slots)
        by_day: dict[int, int] = {}
        for s in need.slots:
            by_day[s.weekday] = by_day.get(s.weekday, 0) + max(0, s.end_minute - s.start_minute)
        max_day = limit("need_max_daily_minutes")
        if week > max_week:
            add("slots", _("A need is at most %(hours)s hours a week.") % {"hours": max_week // 60})
        if any(minutes > max_day for minutes in by_day.values()):
            add("slots", _("A need is at most %(hours)s hours a day.") % {"hours": max_day // 60})
    elif (need.flexible_weekly_minutes or 0) > max_week:
        add(
            "flexible_weekly_minutes",
            _("A need is at most %(hours)s hours a week.") % {"hours": max_week // 60},
        )


def check_need(*, buyer: Organisation, need: NeedDescription, today: dt.date | None = None) -> None:
    """Raise ValidationError with field-level messages for anything wrong in the description.

    ``today`` adds the rules relative to the date (not over, not too far ahead); the bounds
    are in settings.MAILLAGE_LIMITS.
    """
    errors: dict[str, list[str]] = {}

    def add(field_name: str, message: str) -> None:
        if message not in errors.get(field_name, []):
            errors.setdefault(field_name, []).append(message)

    _check_period(need, today, add)
    _check_schedule_bounds(need, add)
    if not need.skills:
        add("skills", _("Say which skill the mission needs (at least one)."))
    if len({r.skill.pk for r in need.skills}) != len(need.skills):
        add("skills", _("Each skill can be listed only once."))
    for requirement in need.skills:
        if not 1 <= requirement.min_level <= 8:
            add("skills", _("A level goes from 1 to 8."))
    if need.place_kind == PlaceKind.ADDRESS:
        if need.commune is None:
            add("commune", _("Choose the commune of the address."))
        elif not buyer.territory.communes.filter(pk=need.commune.pk).exists():
            add("commune", _("This commune is outside the territory of the cooperative."))
    if need.place_kind == PlaceKind.THIRD_PLACE:
        if need.third_place is None:
            add("third_place", _("Choose the tiers-lieu."))
        elif need.third_place.territory_id != buyer.territory_id:
            add("third_place", _("This tiers-lieu belongs to another territory."))
    if need.schedule_kind == ScheduleKind.FIXED:
        if not need.slots:
            add("slots", _("Give at least one weekly slot."))
        elif _spans_overlap(need.slots):
            add("slots", _("Two slots overlap on the same day."))
    else:
        weekly = need.flexible_weekly_minutes or 0
        block = need.flexible_min_block_minutes or 0
        if weekly <= 0:
            add("flexible_weekly_minutes", _("Give the weekly volume."))
        if block <= 0:
            add("flexible_min_block_minutes", _("Give the shortest block of work."))
        elif weekly and block > weekly:
            add(
                "flexible_min_block_minutes",
                _("The shortest block cannot be longer than the weekly volume."),
            )
        if not need.windows:
            add("windows", _("Give at least one window in which the work may be done."))
        elif weekly and sum(w.end_minute - w.start_minute for w in need.windows) < weekly:
            add("windows", _("The windows are too short to hold the weekly volume."))
    for span in (*need.slots, *need.windows):
        if span.end_minute <= span.start_minute:
            add("slots" if span in need.slots else "windows", _("A span must end after it starts."))
    for excluded in need.excluded:
        if excluded.end < excluded.start:
            add("excluded", _("Excluded dates must end after they start."))
        elif excluded.start < need.period_start or excluded.end > need.period_end:
            add("excluded", _("Excluded dates must lie inside the period."))
    if errors:
        raise ValidationError(errors)


def create_need(
    *,
    buyer: Organisation,
    created_by: User | None,
    need: NeedDescription,
    today: dt.date | None = None,
    reason: str = "",
    replaces: Mission | None = None,
) -> Mission:
    """Save a new need in the draft state, with all its parts, or nothing at all.

    Excluded dates straddling the period are clipped to it. Pages pass ``today``, so that a
    period already over or years ahead is refused. ``replaces``: the need this one takes
    over from (a cancelled one, or last term's for a renewal).
    """
    clip_excluded(need)
    check_need(buyer=buyer, need=need, today=today)
    with transaction.atomic():
        mission = Mission(
            buyer=buyer, territory=buyer.territory, created_by=created_by, replaces=replaces
        )
        apply_description(mission, need)
        mission.full_clean()
        mission.save()
        save_parts(mission, need)
        mission.transitions.create(
            from_state="", to_state=MissionState.DRAFT, by=created_by, reason=reason
        )
    return mission


def apply_description(mission: Mission, need: NeedDescription) -> None:
    """Copy the main part of a description onto a need (not saved)."""
    flexible = need.schedule_kind == ScheduleKind.FLEXIBLE
    mission.title = need.title
    mission.description = need.description
    mission.kind = need.kind
    mission.place_kind = need.place_kind
    mission.address = need.address if need.place_kind == PlaceKind.ADDRESS else ""
    mission.commune = need.commune if need.place_kind == PlaceKind.ADDRESS else None
    mission.third_place = need.third_place if need.place_kind == PlaceKind.THIRD_PLACE else None
    mission.period_start = need.period_start
    mission.period_end = need.period_end
    mission.schedule_kind = need.schedule_kind
    mission.flexible_weekly_minutes = need.flexible_weekly_minutes if flexible else None
    mission.flexible_min_block_minutes = need.flexible_min_block_minutes if flexible else None


def save_parts(mission: Mission, need: NeedDescription) -> None:
    """Write the skills, slots or windows and excluded dates of a saved need."""
    MissionSkill.objects.bulk_create(
        MissionSkill(mission=mission, skill=r.skill, min_level=r.min_level) for r in need.skills
    )
    if need.schedule_kind == ScheduleKind.FIXED:
        FixedSlot.objects.bulk_create(
            FixedSlot(mission=mission, **span.__dict__) for span in need.slots
        )
    else:
        FlexibleWindow.objects.bulk_create(
            FlexibleWindow(mission=mission, **span.__dict__) for span in need.windows
        )
    ExcludedPeriod.objects.bulk_create(
        ExcludedPeriod(mission=mission, start=e.start, end=e.end, label=e.label)
        for e in need.excluded
    )


def move_mission(*, mission: Mission, to_state: str, by: User | None, reason: str = "") -> Mission:
    """Move a mission through its lifecycle (locked row, logged, or IllegalTransition)."""
    with transaction.atomic():
        locked = Mission.objects.select_for_update().get(pk=mission.pk)
        locked.transition(to_state, by=by, reason=reason)
    return locked


def cancel_mission(*, mission: Mission, by: User, reason: str) -> Mission:
    """Cancel a mission; a reason is required so the other side knows why."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the mission is cancelled.")})
    return move_mission(mission=mission, to_state=MissionState.CANCELLED, by=by, reason=reason)


def replace_mission(*, mission: Mission, by: User, reason: str) -> Mission:
    """Cancel a mission and open a draft copy that replaces it (same need, new lifecycle)."""
    with transaction.atomic():
        cancelled = cancel_mission(mission=mission, by=by, reason=reason)
        need = describe(cancelled)
        replacement = create_need(
            buyer=cancelled.buyer, created_by=by, need=need, replaces=cancelled
        )
    return replacement


def describe(mission: Mission) -> NeedDescription:
    """The description of an existing mission (used to copy it)."""
    return NeedDescription(
        title=mission.title,
        description=mission.description,
        kind=mission.kind,
        place_kind=mission.place_kind,
        address=mission.address,
        commune=mission.commune,
        third_place=mission.third_place,
        period_start=mission.period_start,
        period_end=mission.period_end,
        schedule_kind=mission.schedule_kind,
        flexible_weekly_minutes=mission.flexible_weekly_minutes,
        flexible_min_block_minutes=mission.flexible_min_block_minutes,
        skills=[SkillRequirement(s.skill, s.min_level) for s in mission.skills.all()],
        slots=[WeeklySpan(s.weekday, s.start_minute, s.end_minute) for s in mission.slots.all()],
        windows=[
            WeeklySpan(w.weekday, w.start_minute, w.end_minute) for w in mission.windows.all()
        ],
        excluded=[DateSpan(e.start, e.end, e.label) for e in mission.excluded_periods.all()],
    )
