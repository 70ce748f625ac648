"""Absences of workers and the replacement proposals computed for them.

An absence is declared for a span of days; it moves the worker's occurrences of those days
to "to replace". A replacement proposal is a background job (one engine run over those days
only, every other worker's week pinned); its lines say who could take each occurrence, or
why nobody can. Confirming a line writes a new occurrence for the replacing worker (see
maillage.execution.models.Occurrence.replaces). Absences and their logs are never rewritten:
an absence only moves from declared to withdrawn (core/immutability.py).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from maillage.core.jobs import BackgroundJob
from maillage.core.statemachine import StateMachineMixin, TransitionLog
from maillage.execution.models import Occurrence
from maillage.people.models import User, WorkerProfile
from maillage.territory.models import Territory

NOTE_MAX_LENGTH = 500
REASON_MAX_LENGTH = 300


class AbsenceKind(models.TextChoices):
    SICKNESS = "sickness", _("Sickness")
    LEAVE = "leave", _("Leave")
    OTHER = "other", _("Other")


class AbsenceState(models.TextChoices):
    DECLARED = "declared", _("Declared")
    WITHDRAWN = "withdrawn", _("Withdrawn")


ABSENCE_TRANSITIONS: dict[str, frozenset[str]] = {
    AbsenceState.DECLARED: frozenset({AbsenceState.WITHDRAWN}),
    AbsenceState.WITHDRAWN: frozenset(),
}


class Absence(StateMachineMixin, models.Model):
    """A worker away from `first_day` to `last_day` (both included)."""

    TRANSITIONS = ABSENCE_TRANSITIONS
    log_fk_name = "absence"

    worker = models.ForeignKey(
        WorkerProfile, verbose_name=_("worker"), on_delete=models.PROTECT, related_name="absences"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AbsenceKind.choices)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    # Seen by the worker and the territory's coordinators only; never by buyers.
    note = models.CharField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=AbsenceState.choices, default=AbsenceState.DECLARED
    )
    declared_by = models.ForeignKey(
        User, verbose_name=_("declared by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("declared at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["-first_day", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=F("first_day")),
                name="absence_days_ordered",
                violation_error_message=_("The last day cannot come before the first day."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[choice.value for choice in AbsenceKind]),
                name="absence_kind_known",
                violation_error_message=_("Unknown kind of absence."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=[choice.value for choice in AbsenceState]),
                name="absence_state_known",
                violation_error_message=_("Unknown absence state."),
            ),
        ]
        indexes = [
            models.Index(fields=["worker", "first_day"], name="absence_worker_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.worker} — {self.first_day:%Y-%m-%d}/{self.last_day:%Y-%m-%d}"

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1


class AbsenceTransition(TransitionLog):
    """Log row of an absence's lifecycle."""

    absence = models.ForeignKey(Absence, on_delete=models.PROTECT, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("absence transition")
        verbose_name_plural = _("absence transitions")


Absence.log_model = AbsenceTransition


class ReplacementProposal(BackgroundJob):
    """One engine run proposing replacements for an absence's occurrences to replace."""

    absence = models.ForeignKey(
        Absence, verbose_name=_("absence"), on_delete=models.PROTECT, related_name="proposals"
    )
    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="replacement_proposals"
    )
    time_limit_seconds = models.PositiveIntegerField(_("time limit (s)"), default=10)
    # The occurrences to replace are those starting after this moment (the request's).
    since = models.DateTimeField(_("from"))
    engine_input = models.JSONField(_("engine input"), null=True, blank=True)
    engine_result = models.JSONField(_("engine result"), null=True, blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("replacement proposal")
        verbose_name_plural = _("replacement proposals")

    def __str__(self) -> str:
        return f"{self.absence} ({self.created_at:%Y-%m-%d %H:%M})"


class LineOutcome(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    # Another confirmation (or a change of the occurrence) came first.
    OVERTAKEN = "overtaken", _("Overtaken")


class ProposalLine(models.Model):
    """One occurrence to replace and the worker proposed for it, or why there is none."""

    proposal = models.ForeignKey(
        ReplacementProposal, on_delete=models.CASCADE, related_name="lines"
    )
    occurrence = models.ForeignKey(
        Occurrence,
        verbose_name=_("occurrence"),
        on_delete=models.PROTECT,
        related_name="proposal_lines",
    )
    worker = models.ForeignKey(
        WorkerProfile,
        verbose_name=_("proposed worker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=60, blank=True)
    params = models.JSONField(default=dict, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=LineOutcome.choices, default=LineOutcome.PROPOSED
    )
    replacement = models.OneToOneField(
        Occurrence,
        verbose_name=_("replacement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposal line")
        verbose_name_plural = _("proposal lines")
        ordering = ["occurrence__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "occurrence"],
                name="proposal_line_one_per_occurrence",
                violation_error_message=_("This occurrence is already in the proposal."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome="confirmed")
                | Q(worker__isnull=False, replacement__isnull=False),
                name="proposal_line_confirmed_has_replacement",
                violation_error_message=_("A confirmed line names its replacement."),
            ),
            models.CheckConstraint(
                condition=Q(worker__isnull=False) | ~Q(reason=""),
                name="proposal_line_worker_or_reason",
                violation_error_message=_("A line proposes a worker or says why it cannot."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurrence} → {self.worker or self.reason}"

    @property
    def why(self) -> str:
        """Why nobody is proposed, in the reader's language."""
        from maillage.consolidation.explanations import describe_unassigned

        return describe_unassigned(self.reason, self.params, self.reason)
