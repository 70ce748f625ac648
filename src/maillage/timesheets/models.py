"""Timesheets: what a worker says was done, week by week, for each organisation, and its
validation by the buyer (docs/decisions/0023-timesheets.md).

One timesheet per (worker, buyer organisation, ISO week). What the worker declares is a
*version*: an immutable row with immutable lines, one per occurrence of that week and
organisation. A correction never edits a version: it writes the next one (who, when, why)
and supersedes the previous one. The timesheet itself only moves its state, with a log.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from maillage.core.statemachine import StateMachineMixin, TransitionLog
from maillage.execution.models import Occurrence
from maillage.people.models import Organisation, User, WorkerProfile

# Legal limits of work (French Code du travail): 10 hours a day (L3121-18) and 48 hours in
# any one week (L3121-20). A declaration that goes above them is refused.
MAX_DAY_MINUTES = 10 * 60
MAX_WEEK_MINUTES = 48 * 60
# The longest reason or comment kept with a version, a dispute or a settlement.
REASON_MAX_LENGTH = 1000


class TimesheetState(models.TextChoices):
    TO_DECLARE = "to_declare", _("To declare")
    DECLARED = "declared", _("Declared, awaiting validation")
    VALIDATED = "validated", _("Validated")
    DISPUTED = "disputed", _("Disputed")


S = TimesheetState
TIMESHEET_TRANSITIONS: dict[str, frozenset[str]] = {
    S.TO_DECLARE: frozenset({S.DECLARED}),
    # declared → declared: the worker corrects before the buyer answers (a new version).
    S.DECLARED: frozenset({S.DECLARED, S.VALIDATED, S.DISPUTED}),
    # disputed → validated: the coordinator settles; → declared: the worker corrects.
    S.DISPUTED: frozenset({S.VALIDATED, S.DECLARED}),
    # A correction of a validated timesheet is a new version, to validate again.
    S.VALIDATED: frozenset({S.DECLARED}),
}
# The moves the database lets the state column make (core/immutability.py).
STATE_MOVES = sorted(
    (old, new) for old, targets in TIMESHEET_TRANSITIONS.items() for new in targets if old != new
)


class Outcome(models.TextChoices):
    AS_PLANNED = "as_planned", _("Done as planned")
    OTHER_TIMES = "other_times", _("Done at other times")
    NOT_DONE = "not_done", _("Not done")


class Timesheet(StateMachineMixin, models.Model):
    """A worker's week of work for one organisation."""

    TRANSITIONS = TIMESHEET_TRANSITIONS
    log_fk_name = "timesheet"

    worker = models.ForeignKey(
        WorkerProfile,
        verbose_name=_("worker"),
        on_delete=models.PROTECT,
        related_name="timesheets",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="timesheets",
    )
    week = models.DateField(_("week (Monday)"))
    state = models.CharField(
        _("state"), max_length=12, choices=TimesheetState.choices, default=S.TO_DECLARE
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("timesheet")
        verbose_name_plural = _("timesheets")
        ordering = ["-week", "organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "organisation", "week"],
                name="timesheet_one_per_worker_organisation_week",
                violation_error_message=_(
                    "This worker already has a timesheet for this organisation and week."
                ),
            ),
            models.CheckConstraint(
                condition=Q(state__in=[choice.value for choice in TimesheetState]),
                name="timesheet_state_known",
                violation_error_message=_("Unknown timesheet state."),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "state"], name="timesheet_organisation_state"),
            models.Index(fields=["state", "week"], name="timesheet_state_week"),
        ]

    def __str__(self) -> str:
        return f"{self.worker} — {self.organisation} — {self.iso_week}"

    @property
    def iso_week(self) -> str:
        """The week as the pages write it: 2026-W47."""
        return f"{self.week:%G-W%V}"


class TimesheetTransition(TransitionLog):
    """Log row of a timesheet's lifecycle (a dispute's comment is its reason)."""

    timesheet = models.ForeignKey(Timesheet, on_delete=models.PROTECT, related_name="transitions")
    # Set when nobody answered: the validation implied after this many days (the charter's).
    implied_after_days = models.PositiveSmallIntegerField(
        _("implied after (days)"), null=True, blank=True
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("timesheet transition")
        verbose_name_plural = _("timesheet transitions")


Timesheet.log_model = TimesheetTransition


class TimesheetVersion(models.Model):
    """One declaration of a timesheet, as sent: never edited, superseded by the next one."""

    timesheet = models.ForeignKey(
        Timesheet, verbose_name=_("timesheet"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    by = models.ForeignKey(
        User, verbose_name=_("by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(_("at"))
    # Empty for the first declaration; a correction says why.
    reason = models.TextField(_("reason"), blank=True, max_length=REASON_MAX_LENGTH)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("timesheet version")
        verbose_name_plural = _("timesheet versions")
        ordering = ["timesheet", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["timesheet", "number"],
                name="timesheet_version_number_once",
                violation_error_message=_("This timesheet already has a version with this number."),
            ),
            models.UniqueConstraint(
                fields=["timesheet"],
                condition=Q(superseded_at__isnull=True),
                name="timesheet_one_current_version",
                violation_error_message=_("A timesheet has one current version."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="timesheet_version_number_positive",
                violation_error_message=_("Versions are numbered from 1."),
            ),
            models.CheckConstraint(
                condition=Q(number=1) | ~Q(reason=""),
                name="timesheet_correction_has_reason",
                violation_error_message=_("A correction says why."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.timesheet} v{self.number}"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None


class TimesheetLine(models.Model):
    """What became of one occurrence, in one version."""

    version = models.ForeignKey(
        TimesheetVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="lines",
    )
    occurrence = models.ForeignKey(
        Occurrence,
        verbose_name=_("occurrence"),
        on_delete=models.PROTECT,
        related_name="timesheet_lines",
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    # The times worked (aware), for "done at other times" only, on the occurrence's date.
    actual_start = models.DateTimeField(_("actual start"), null=True, blank=True)
    actual_end = models.DateTimeField(_("actual end"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=REASON_MAX_LENGTH)
    # Minutes worked, as declared (0 when not done): what invoicing and payroll read.
    minutes = models.PositiveIntegerField(_("minutes worked"))

    class Meta:
        verbose_name = _("timesheet line")
        verbose_name_plural = _("timesheet lines")
        ordering = ["version", "occurrence__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "occurrence"],
                name="timesheet_line_one_per_occurrence",
                violation_error_message=_("This occurrence is already in this version."),
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=[choice.value for choice in Outcome]),
                name="timesheet_line_outcome_known",
                violation_error_message=_("Unknown outcome."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(outcome="other_times", actual_end__gt=F("actual_start"), minutes__gt=0)
                    | Q(
                        ~Q(outcome="other_times"),
                        actual_start__isnull=True,
                        actual_end__isnull=True,
                    )
                ),
                name="timesheet_line_times_for_other_times_only",
                violation_error_message=_(
                    "Times worked are given, ending after they start, for other times only."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(outcome="not_done") | Q(minutes=0) & ~Q(reason=""),
                name="timesheet_line_not_done_has_reason",
                violation_error_message=_("Work not done says why, and counts no minutes."),
            ),
            models.CheckConstraint(
                condition=Q(minutes__lte=MAX_DAY_MINUTES),
                name="timesheet_line_within_a_day",
                violation_error_message=_("A line counts at most 10 hours."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurrence} — {self.get_outcome_display()}"
