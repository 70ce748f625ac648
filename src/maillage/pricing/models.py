"""The ethical pricing charter (versioned per territory) and the quotes issued under it.

Nothing here is edited in place: a new charter version is a new row that supersedes the
one in force; a new quote for a need supersedes the previous one. Floors are guarded
twice: by the services (against the SMIC read from OpenFisca) and by named database
constraints (a rate is never below the legal minimum stored with it; a quote's hourly pay is
never below the floor it was issued under), so no path can save a price below the floor.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.db.models import F, Q, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.fields import MONEY, RATE
from maillage.core.statemachine import StateMachineMixin, TransitionLog
from maillage.missions.models import Mission, MissionKind
from maillage.people.models import User
from maillage.territory.models import Territory


class LevelBand(models.TextChoices):
    """Skill level bands of the charter (CRCN / DigComp levels 1 to 8, two by two)."""

    FOUNDATION = "foundation", _("Foundation (levels 1-2)")
    INTERMEDIATE = "intermediate", _("Intermediate (levels 3-4)")
    ADVANCED = "advanced", _("Advanced (levels 5-6)")
    EXPERT = "expert", _("Expert (levels 7-8)")


BAND_OF_LEVEL = {
    1: LevelBand.FOUNDATION,
    2: LevelBand.FOUNDATION,
    3: LevelBand.INTERMEDIATE,
    4: LevelBand.INTERMEDIATE,
    5: LevelBand.ADVANCED,
    6: LevelBand.ADVANCED,
    7: LevelBand.EXPERT,
    8: LevelBand.EXPERT,
}


def band_for_level(level: int) -> str:
    """The charter band of a skill level (1-2 foundation ... 7-8 expert)."""
    return BAND_OF_LEVEL[level]


class CharterQuerySet(models.QuerySet["Charter"]):
    """Which version applies on a day: a version applies from its own start date."""

    def in_force_on(self, territory: Territory, day: dt.date) -> Charter | None:
        """The version of ``territory`` in force on ``day``.

        Among the versions already started on that day, the one issued last wins: a newer
        version replaces the older ones from its start date, and a version issued later but
        starting earlier replaces an upcoming one altogether (the coordinator changed plans).
        """
        return self.filter(territory=territory, starts_on__lte=day).order_by("-number").first()

    def upcoming_on(self, territory: Territory, day: dt.date) -> list[Charter]:
        """The versions of ``territory`` that will come into force after ``day``, soonest first.

        A future version replaced before its start by a later-issued one is left out: it will
        never apply.
        """
        current = self.in_force_on(territory, day)
        future = list(
            self.filter(territory=territory, starts_on__gt=day)
            .exclude(number__lte=current.number if current else 0)
            .order_by("-number")
        )
        upcoming: list[Charter] = []
        for charter in future:  # newest first: keep those starting before every newer one
            if all(charter.starts_on < newer.starts_on for newer in upcoming):
                upcoming.append(charter)
        return sorted(upcoming, key=lambda c: c.starts_on)


class Charter(models.Model):
    """One version of a territory's pricing charter; it applies from its ``starts_on``.

    A new version is a new row (the older one is kept for the quotes issued under it).
    ``superseded_at`` is when a newer version was issued, so it is empty for the latest
    version only; which version is *in force* on a day depends on the start dates (see
    ``CharterQuerySet.in_force_on``): a version issued today starting next month leaves the
    current one in force until then.
    """

    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="charters"
    )
    number = models.PositiveIntegerField(_("version"))
    starts_on = models.DateField(_("in force from"))
    legal_minimum_hourly = models.DecimalField(
        _("legal minimum hourly gross (SMIC)"),
        help_text=_("The gross hourly SMIC on the start date, read from OpenFisca."),
        **MONEY,
    )
    travel_time_paid = models.BooleanField(_("travel time is paid"), default=True)
    mileage_rate = models.DecimalField(
        _("mileage allowance (€/km)"),
        help_text=_("Official per-km scale (barème kilométrique)."),
        **RATE,
    )
    cooperative_fee_rate = models.DecimalField(_("cooperative's fee (share of the price)"), **RATE)
    overhead_coefficient = models.DecimalField(
        _("employer structure's overhead coefficient"),
        help_text=_("Applied to the employer cost (1.05 = 5 % of overhead)."),
        **RATE,
    )
    employer_headcount = models.PositiveIntegerField(
        _("employer headcount"),
        default=10,
        help_text=_("Headcount of the employer structure (it changes some contribution rates)."),
    )
    # What happens after planning (timesheets, cancellations): part of what the parties agreed.
    timesheet_validation_days = models.PositiveSmallIntegerField(
        _("days for the buyer to validate a timesheet"),
        default=7,
        help_text=_("Without an answer after this many days, the timesheet is validated."),
    )
    late_cancellation_hours = models.PositiveSmallIntegerField(
        _("late cancellation notice (hours)"),
        default=48,
        help_text=_(
            "A session the buyer cancels less than this many hours before it starts is billed."
        ),
    )
    need_cancellation_notice_days = models.PositiveSmallIntegerField(
        _("notice to cancel a need (days)"),
        default=14,
        help_text=_(
            "When a buyer cancels a running or planned need, the sessions within this notice "
            "are still billed."
        ),
    )
    # Skills sponsorship and volunteering are never paid work (maillage.engagement): above
    # this share of a buyer's hours being unpaid, the coordinator is warned of the drift.
    unpaid_engagement_threshold = models.DecimalField(
        _("warning when a buyer's unpaid hours exceed this share"),
        default=Decimal("0.25"),
        help_text=_(
            "Share of a buyer's hours (paid, sponsored and volunteered) that are unpaid; "
            "0.25 is a quarter."
        ),
        **RATE,
    )
    # Planning policy (decision 0046): how many points of coverage (percent of the demand's
    # hours) the plan may give up for each more person at the contract threshold.
    coverage_points_per_job = models.DecimalField(
        _("points of coverage the plan may give up for one more person at 24 h"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.5"),
    )
    note = models.TextField(_("note"), blank=True)
    # PROTECT, not SET_NULL: a charter is never rewritten, not even to forget its author.
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    objects = CharterQuerySet.as_manager()

    class Meta:
        verbose_name = _("pricing charter")
        verbose_name_plural = _("pricing charters")
        ordering = ["territory", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory"],
                condition=Q(superseded_at__isnull=True),
                name="charter_one_in_force_per_territory",
                violation_error_message=_("A territory has only one charter version in force."),
            ),
            models.UniqueConstraint(
                fields=["territory", "number"],
                name="charter_number_unique",
                violation_error_message=_("This charter version number already exists."),
            ),
            models.CheckConstraint(
                condition=Q(legal_minimum_hourly__gt=0),
                name="charter_legal_minimum_positive",
                violation_error_message=_("The legal minimum must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(cooperative_fee_rate__gte=0, cooperative_fee_rate__lt=Decimal("0.5")),
                name="charter_fee_rate_range",
                violation_error_message=_("The cooperative's fee is between 0 and 50 %."),
            ),
            models.CheckConstraint(
                condition=Q(overhead_coefficient__gte=1, overhead_coefficient__lte=2),
                name="charter_overhead_range",
                violation_error_message=_("The overhead coefficient is between 1 and 2."),
            ),
            models.CheckConstraint(
                condition=Q(timesheet_validation_days__gte=1, timesheet_validation_days__lte=60),
                name="charter_timesheet_validation_days_range",
                violation_error_message=_("The buyer has between 1 and 60 days to validate."),
            ),
            models.CheckConstraint(
                condition=Q(late_cancellation_hours__lte=336),
                name="charter_late_cancellation_hours_range",
                violation_error_message=_("The late cancellation notice is at most 14 days."),
            ),
            models.CheckConstraint(
                condition=Q(need_cancellation_notice_days__lte=90),
                name="charter_need_cancellation_notice_range",
                violation_error_message=_("The notice to cancel a need is at most 90 days."),
            ),
            models.CheckConstraint(
                condition=Q(coverage_points_per_job__gte=0, coverage_points_per_job__lte=10),
                name="charter_coverage_points_per_job_range",
                violation_error_message=_(
                    "The coverage given up for one more job is between 0 and 10 points."
                ),
            ),
            models.CheckConstraint(
                condition=Q(unpaid_engagement_threshold__gte=0, unpaid_engagement_threshold__lte=1),
                name="charter_unpaid_engagement_threshold_range",
                violation_error_message=_("The unpaid hours threshold is between 0 and 1."),
            ),
            models.CheckConstraint(
                condition=Q(mileage_rate__gte=0, mileage_rate__lte=2),
                name="charter_mileage_range",
                violation_error_message=_("The mileage allowance is between 0 and 2 € per km."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.territory} — v{self.number}"

    @property
    def in_force(self) -> bool:
        """Whether this version is the one in force today."""
        return Charter.objects.in_force_on(self.territory, timezone.localdate()) == self

    def status_on(self, day: dt.date) -> str:
        """'in_force', 'upcoming', 'superseded' (applied, then replaced) or 'never_applied'."""
        if Charter.objects.in_force_on(self.territory, day) == self:
            return "in_force"
        if self in Charter.objects.upcoming_on(self.territory, day):
            return "upcoming"
        replaced_before_start = Charter.objects.filter(
            territory=self.territory, number__gt=self.number, starts_on__lte=self.starts_on
        ).exists()
        return "never_applied" if replaced_before_start else "superseded"


class CharterRate(models.Model):
    """The hourly pay floor (gross €/h) of one mission kind and skill level band."""

    charter = models.ForeignKey(Charter, on_delete=models.PROTECT, related_name="rates")
    kind = models.CharField(_("kind of mission"), max_length=24, choices=MissionKind.choices)
    band = models.CharField(_("level band"), max_length=12, choices=LevelBand.choices)
    floor_hourly_gross = models.DecimalField(_("floor (gross €/h)"), **MONEY)
    #: Copy of the charter's legal minimum, so that the database can compare the two.
    legal_minimum_hourly = models.DecimalField(_("legal minimum (gross €/h)"), **MONEY)

    class Meta:
        verbose_name = _("pay floor")
        verbose_name_plural = _("pay floors")
        ordering = ["kind", "band"]
        constraints = [
            models.UniqueConstraint(
                fields=["charter", "kind", "band"],
                name="charter_rate_once",
                violation_error_message=_("This kind and band already have a floor."),
            ),
            models.CheckConstraint(
                condition=Q(legal_minimum_hourly__gt=0),
                name="charter_rate_legal_minimum_positive",
                violation_error_message=_("The legal minimum must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(floor_hourly_gross__gte=F("legal_minimum_hourly")),
                name="charter_rate_floor_at_least_legal_minimum",
                violation_error_message=_(
                    "A pay floor cannot be below the legal minimum (SMIC) of the charter."
                ),
            ),
            models.CheckConstraint(
                condition=Q(band__in=LevelBand.values),
                name="charter_rate_band_known",
                violation_error_message=_("Unknown level band."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} / {self.get_band_display()}: {self.floor_hourly_gross}"


class CharterPreparation(models.Model):
    """Paid preparation time per hour delivered, for one mission kind."""

    charter = models.ForeignKey(Charter, on_delete=models.PROTECT, related_name="preparations")
    kind = models.CharField(_("kind of mission"), max_length=24, choices=MissionKind.choices)
    hours_per_hour = models.DecimalField(
        _("preparation hours per hour delivered"), max_digits=4, decimal_places=2
    )

    class Meta:
        verbose_name = _("paid preparation time")
        verbose_name_plural = _("paid preparation times")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["charter", "kind"],
                name="charter_preparation_once",
                violation_error_message=_("This kind already has a preparation time."),
            ),
            models.CheckConstraint(
                condition=Q(hours_per_hour__gte=0, hours_per_hour__lte=2),
                name="charter_preparation_range",
                violation_error_message=_(
                    "Preparation time is between 0 and 2 hours per hour delivered."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.hours_per_hour}"


class QuoteState(models.TextChoices):
    ISSUED = "issued", _("Issued, awaiting the buyer")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")
    SUPERSEDED = "superseded", _("Superseded by a newer quote")


Q_ = QuoteState
QUOTE_TRANSITIONS: dict[str, frozenset[str]] = {
    Q_.ISSUED: frozenset({Q_.ACCEPTED, Q_.REFUSED, Q_.SUPERSEDED}),
    Q_.ACCEPTED: frozenset(),
    Q_.REFUSED: frozenset(),
    Q_.SUPERSEDED: frozenset(),
}

BREAKDOWN_PARTS = (
    "net_pay",
    "employee_contributions",
    "employer_contributions",
    "overhead",
    "mileage_allowance",
    "cooperative_fee",
)

# SQLite keeps decimals as floating point: the sums are compared to the half cent (exact on
# PostgreSQL, where amounts are numeric with two places).
HALF_CENT = Value(Decimal("0.005"))
PARTS_TOTAL = (
    F("net_pay")
    + F("employee_contributions")
    + F("employer_contributions")
    + F("overhead")
    + F("mileage_allowance")
    + F("cooperative_fee")
)


class Quote(StateMachineMixin, models.Model):
    """A priced offer for a need, issued under a charter version; never edited once issued.

    Hours are over the whole period. Money is in euros, excluding VAT. The parts of the
    breakdown add up exactly to ``price`` (a database constraint says so).
    """

    TRANSITIONS = QUOTE_TRANSITIONS
    log_fk_name = "quote"

    mission = models.ForeignKey(
        Mission, verbose_name=_("need"), on_delete=models.PROTECT, related_name="quotes"
    )
    number = models.PositiveIntegerField(_("version"))
    charter = models.ForeignKey(
        Charter, verbose_name=_("charter"), on_delete=models.PROTECT, related_name="quotes"
    )
    state = models.CharField(
        _("state"), max_length=12, choices=QuoteState.choices, default=QuoteState.ISSUED
    )
    kind = models.CharField(_("kind of mission"), max_length=24, choices=MissionKind.choices)
    band = models.CharField(_("level band"), max_length=12, choices=LevelBand.choices)
    floor_hourly_gross = models.DecimalField(_("charter floor (gross €/h)"), **MONEY)
    hourly_gross = models.DecimalField(_("hourly pay (gross €/h)"), **MONEY)
    working_weeks = models.DecimalField(_("working weeks"), max_digits=6, decimal_places=2)
    delivered_hours = models.DecimalField(_("hours delivered"), **MONEY)
    preparation_hours = models.DecimalField(_("paid preparation hours"), **MONEY)
    travel_hours = models.DecimalField(_("paid travel hours"), **MONEY)
    travel_km = models.DecimalField(_("km travelled"), **MONEY)
    paid_hours = models.DecimalField(_("paid hours"), **MONEY)
    gross_pay = models.DecimalField(_("gross pay"), **MONEY)
    net_pay = models.DecimalField(_("worker's net pay"), **MONEY)
    employee_contributions = models.DecimalField(_("employee contributions"), **MONEY)
    employer_contributions = models.DecimalField(
        _("employer contributions (after the general reduction)"), **MONEY
    )
    general_reduction = models.DecimalField(_("general reduction granted"), **MONEY)
    overhead = models.DecimalField(_("employer structure's overhead"), **MONEY)
    mileage_allowance = models.DecimalField(_("mileage allowance"), **MONEY)
    cooperative_fee = models.DecimalField(_("cooperative's fee"), **MONEY)
    price = models.DecimalField(_("price (excl. VAT)"), **MONEY)
    computation = models.JSONField(_("how it was computed"), default=dict)
    issued_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["mission", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "number"],
                name="quote_number_unique",
                violation_error_message=_("This quote version number already exists."),
            ),
            models.UniqueConstraint(
                fields=["mission"],
                condition=Q(state__in=["issued", "accepted"]),
                name="quote_one_open_per_need",
                violation_error_message=_("A need has only one open or accepted quote."),
            ),
            models.CheckConstraint(
                condition=Q(floor_hourly_gross__gt=0),
                name="quote_floor_positive",
                violation_error_message=_("The floor must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(hourly_gross__gte=F("floor_hourly_gross")),
                name="quote_hourly_pay_at_least_floor",
                violation_error_message=_(
                    "The hourly pay cannot be below the floor of the pricing charter."
                ),
            ),
            models.CheckConstraint(
                condition=Q(price__gt=PARTS_TOTAL - HALF_CENT, price__lt=PARTS_TOTAL + HALF_CENT),
                name="quote_parts_add_up_to_price",
                violation_error_message=_("The parts of a quote must add up to its price."),
            ),
            models.CheckConstraint(
                condition=Q(
                    gross_pay__gt=F("net_pay") + F("employee_contributions") - HALF_CENT,
                    gross_pay__lt=F("net_pay") + F("employee_contributions") + HALF_CENT,
                ),
                name="quote_gross_is_net_plus_contributions",
                violation_error_message=_(
                    "The gross pay must equal the net pay plus the employee contributions."
                ),
            ),
            models.CheckConstraint(
                condition=Q(
                    delivered_hours__gt=0,
                    preparation_hours__gte=0,
                    travel_hours__gte=0,
                    travel_km__gte=0,
                    net_pay__gt=0,
                    employee_contributions__gte=0,
                    overhead__gte=0,
                    mileage_allowance__gte=0,
                    cooperative_fee__gte=0,
                ),
                name="quote_amounts_not_negative",
                violation_error_message=_("Hours and amounts of a quote cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=QuoteState.values),
                name="quote_state_known",
                violation_error_message=_("Unknown quote state."),
            ),
        ]

    def __str__(self) -> str:
        return _("Quote %(number)s for “%(mission)s”") % {
            "number": self.number,
            "mission": self.mission,
        }

    def parts(self) -> list[tuple[str, Decimal]]:
        """The breakdown of the price as (code, amount), in a fixed order."""
        return [(code, getattr(self, code)) for code in BREAKDOWN_PARTS]

    @property
    def price_per_delivered_hour(self) -> Decimal:
        return (self.price / self.delivered_hours).quantize(Decimal("0.01"))


class QuoteTransition(TransitionLog):
    """Log row of a quote's lifecycle."""

    quote = models.ForeignKey(Quote, on_delete=models.PROTECT, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("quote transition")
        verbose_name_plural = _("quote transitions")


Quote.log_model = QuoteTransition
