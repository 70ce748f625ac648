"""A need (mission): skills, place, period with excluded dates, weekly schedule, lifecycle."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from maillage.core.statemachine import StateMachineMixin, TransitionLog
from maillage.people.models import BuyerGroup, Organisation, User
from maillage.skills.models import Skill, level_constraint
from maillage.territory.models import Commune, Territory, ThirdPlace, Weekday, format_minutes


class MissionKind(models.TextChoices):
    AFTER_SCHOOL_WORKSHOP = "after_school_workshop", _("After-school workshop")
    COMMUNITY_MANAGEMENT = "community_management", _("Community management")
    WEB_UPKEEP = "web_upkeep", _("Website upkeep")
    DIGITAL_HELP_DESK = "digital_help_desk", _("Digital help desk")
    TRAINING = "training", _("Training")
    VIDEO = "video", _("Video")
    GRAPHIC_DESIGN = "graphic_design", _("Graphic design")
    IT_SUPPORT = "it_support", _("IT support")


class PlaceKind(models.TextChoices):
    ADDRESS = "address", _("At an address")
    THIRD_PLACE = "third_place", _("In a tiers-lieu")
    REMOTE = "remote", _("Remote")


class ScheduleKind(models.TextChoices):
    FIXED = "fixed", _("Fixed weekly slots")
    FLEXIBLE = "flexible", _("Flexible weekly volume")


class MissionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PRICED = "priced", _("Priced (quote issued)")
    ACCEPTED = "accepted", _("Accepted")
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


S = MissionState
MISSION_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.PRICED, S.CANCELLED}),
    S.PRICED: frozenset({S.ACCEPTED, S.DRAFT, S.CANCELLED}),  # refused quote: back to draft
    S.ACCEPTED: frozenset({S.PLANNED, S.CANCELLED}),
    S.PLANNED: frozenset({S.RUNNING, S.ACCEPTED, S.CANCELLED}),  # withdrawn from a plan
    S.RUNNING: frozenset({S.DONE, S.CANCELLED}),
    S.DONE: frozenset(),
    S.CANCELLED: frozenset(),
}
EDITABLE_STATES = frozenset({S.DRAFT})


def with_quote_request(missions: models.QuerySet[Mission]) -> models.QuerySet[Mission]:
    """Needs annotated with the quotes issued since the buyer's request (for a list)."""
    return missions.annotate(
        quotes_since_request=models.Count(
            "quotes", filter=Q(quotes__issued_at__gte=F("quote_requested_at"))
        )
    )


class Mission(StateMachineMixin, models.Model):
    """What a buyer needs done: the unit that the consolidation engine assigns to a worker."""

    TRANSITIONS = MISSION_TRANSITIONS
    log_fk_name = "mission"

    buyer = models.ForeignKey(
        Organisation, verbose_name=_("buyer"), on_delete=models.PROTECT, related_name="missions"
    )
    buyer_group = models.ForeignKey(
        BuyerGroup,
        verbose_name=_("bought through group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="missions",
    )
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="missions"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind of mission"), max_length=24, choices=MissionKind.choices)
    place_kind = models.CharField(_("place"), max_length=12, choices=PlaceKind.choices)
    address = models.CharField(_("address"), max_length=300, blank=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    third_place = models.ForeignKey(
        ThirdPlace,
        verbose_name=_("tiers-lieu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="missions",
    )
    period_start = models.DateField(_("first day"))
    period_end = models.DateField(_("last day"))
    schedule_kind = models.CharField(_("schedule"), max_length=8, choices=ScheduleKind.choices)
    flexible_weekly_minutes = models.PositiveSmallIntegerField(
        _("weekly volume (minutes)"), null=True, blank=True
    )
    flexible_min_block_minutes = models.PositiveSmallIntegerField(
        _("shortest block (minutes)"), null=True, blank=True
    )
    state = models.CharField(
        _("state"), max_length=12, choices=MissionState.choices, default=MissionState.DRAFT
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replacements",
    )
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The buyer's latest request for pricing: the need stays a draft until a quote is issued.
    quote_requested_at = models.DateTimeField(_("quote requested at"), null=True, blank=True)
    quote_requested_by = models.ForeignKey(
        User,
        verbose_name=_("quote requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["period_start", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="mission_period_ordered",
                violation_error_message=_("The last day cannot come before the first day."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=[choice.value for choice in MissionState]),
                name="mission_state_known",
                violation_error_message=_("Unknown mission state."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(place_kind="remote", commune__isnull=True, third_place__isnull=True)
                    | Q(place_kind="address", commune__isnull=False, third_place__isnull=True)
                    | Q(place_kind="third_place", third_place__isnull=False)
                ),
                name="mission_place_consistent",
                violation_error_message=_(
                    "A remote mission has no place; one at an address needs its commune; "
                    "one in a tiers-lieu needs the tiers-lieu."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        schedule_kind="fixed",
                        flexible_weekly_minutes__isnull=True,
                        flexible_min_block_minutes__isnull=True,
                    )
                    | Q(
                        schedule_kind="flexible",
                        flexible_weekly_minutes__gt=0,
                        flexible_min_block_minutes__gt=0,
                        flexible_min_block_minutes__lte=F("flexible_weekly_minutes"),
                    )
                ),
                name="mission_schedule_consistent",
                violation_error_message=_(
                    "Fixed slots have no weekly volume; a flexible volume needs its weekly "
                    "minutes and a shortest block no longer than the volume."
                ),
            ),
            models.CheckConstraint(
                condition=Q(flexible_weekly_minutes__isnull=True)
                | Q(flexible_weekly_minutes__lte=2880),
                name="mission_volume_within_week",
                violation_error_message=_("A weekly volume cannot exceed 48 hours."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def quote_requested(self) -> bool:
        """A draft the buyer submitted for pricing, with no quote issued since the request.

        Lists annotate ``quotes_since_request`` (see ``with_quote_request``) to spare a query
        a row.
        """
        if self.state != MissionState.DRAFT or self.quote_requested_at is None:
            return False
        newer = getattr(self, "quotes_since_request", None)
        if newer is not None:
            return newer == 0
        return not self.quotes.filter(issued_at__gte=self.quote_requested_at).exists()

    @property
    def location(self):
        """The object holding the coordinates of the place, or None when remote."""
        if self.place_kind == PlaceKind.THIRD_PLACE:
            return self.third_place
        if self.place_kind == PlaceKind.ADDRESS:
            return self.commune
        return None

    def weekly_minutes(self) -> int:
        """Minutes of work a week (slots summed, or the flexible volume)."""
        if self.schedule_kind == ScheduleKind.FLEXIBLE:
            return self.flexible_weekly_minutes or 0
        return sum(slot.minutes for slot in self.slots.all())

    def working_weeks(self) -> float:
        """Weeks of the period, excluded dates taken out (a partial week counts pro rata)."""
        return self.working_days() / 5

    def working_days(self) -> int:
        """Weekdays (Mon-Fri) in the period that are not excluded."""
        excluded = [(e.start, e.end) for e in self.excluded_periods.all()]
        day = self.period_start
        count = 0
        while day <= self.period_end:
            if day.weekday() < 5 and not any(a <= day <= b for a, b in excluded):
                count += 1
            day += dt.timedelta(days=1)
        return count


class MissionSkill(models.Model):
    """A skill the mission requires, at a minimum level."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, verbose_name=_("skill"), on_delete=models.PROTECT)
    min_level = models.PositiveSmallIntegerField(_("minimum level"))

    class Meta:
        verbose_name = _("required skill")
        verbose_name_plural = _("required skills")
        ordering = ["skill__code"]
        constraints = [
            level_constraint("min_level", "mission_skill_level_1_to_8"),
            models.UniqueConstraint(
                fields=["mission", "skill"],
                name="mission_skill_once",
                violation_error_message=_("This skill is already required."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ≥ {self.min_level}"


class WeeklyInterval(models.Model):
    """A weekly span in minutes from midnight (abstract)."""

    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    start_minute = models.PositiveSmallIntegerField(_("from (minutes)"))
    end_minute = models.PositiveSmallIntegerField(_("to (minutes)"))

    class Meta:
        abstract = True
        ordering = ["weekday", "start_minute"]

    def __str__(self) -> str:
        return (
            f"{self.get_weekday_display()} "
            f"{format_minutes(self.start_minute)}–{format_minutes(self.end_minute)}"
        )

    @property
    def minutes(self) -> int:
        return self.end_minute - self.start_minute


def interval_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(start_minute__lt=F("end_minute")) & Q(end_minute__lte=1440),
            name=f"{prefix}_ordered_within_day",
            violation_error_message=_("The start must come before the end, within the day."),
        ),
        models.CheckConstraint(
            condition=Q(weekday__gte=0, weekday__lte=6),
            name=f"{prefix}_weekday_valid",
            violation_error_message=_("The day must be Monday (0) to Sunday (6)."),
        ),
    ]


class FixedSlot(WeeklyInterval):
    """A fixed weekly slot of the mission (e.g. Tuesday 15:00–16:30)."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="slots")

    class Meta(WeeklyInterval.Meta):
        verbose_name = _("weekly slot")
        verbose_name_plural = _("weekly slots")
        constraints = interval_constraints("fixed_slot")


class FlexibleWindow(WeeklyInterval):
    """A span in which a flexible weekly volume may be done (e.g. Monday 9:00–17:00)."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="windows")

    class Meta(WeeklyInterval.Meta):
        verbose_name = _("flexible window")
        verbose_name_plural = _("flexible windows")
        constraints = interval_constraints("flexible_window")


class ExcludedPeriod(models.Model):
    """Dates inside the period when the mission does not run (school holidays, bank holidays)."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="excluded_periods")
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    label = models.CharField(_("label"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("excluded dates")
        verbose_name_plural = _("excluded dates")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="excluded_period_ordered",
                violation_error_message=_(
                    "The end of excluded dates cannot come before the start."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.start}–{self.end}".strip()


class MissionTransition(TransitionLog):
    """Log row of a mission's lifecycle."""

    # A need with a history is kept (cancelled, not deleted): its log rows are never deleted.
    mission = models.ForeignKey(Mission, on_delete=models.PROTECT, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("mission transition")
        verbose_name_plural = _("mission transitions")


Mission.log_model = MissionTransition
