"""Dated work: the occurrences a published plan expands into, and secret calendar-feed URLs.

An occurrence is one dated span of one assignment's weekly block. Nothing is edited in
place: a re-publication supersedes future occurrences with new rows (same `uid`, so that
calendar clients update the event instead of duplicating it) and cancels those no longer
planned; past occurrences are never touched. A confirmed replacement (an absent worker's
occurrence given to another worker) is also a new row: it `replaces` the absent worker's
row, which becomes REPLACED, and it belongs to no plan assignment.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from maillage.consolidation.models import PlanAssignment, PlanVersion
from maillage.core.statemachine import StateMachineMixin, TransitionLog
from maillage.missions.models import Mission
from maillage.people.models import Organisation, User, WorkerProfile


class OccurrenceState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    TO_REPLACE = "to_replace", _("To replace")
    CANCELLED = "cancelled", _("Cancelled")
    DONE = "done", _("Done")
    # The absent worker's row once a replacement is confirmed (the new row `replaces` it).
    REPLACED = "replaced", _("Replaced")
    # Replaced by the same occurrence (same uid) of a newer plan version.
    SUPERSEDED = "superseded", _("Superseded by a newer plan")


S = OccurrenceState
OCCURRENCE_TRANSITIONS: dict[str, frozenset[str]] = {
    S.PLANNED: frozenset({S.TO_REPLACE, S.CANCELLED, S.DONE, S.SUPERSEDED}),
    S.TO_REPLACE: frozenset({S.PLANNED, S.CANCELLED, S.SUPERSEDED, S.REPLACED}),
    S.CANCELLED: frozenset({S.SUPERSEDED}),  # planned again by a later version
    S.DONE: frozenset(),
    S.SUPERSEDED: frozenset(),
    S.REPLACED: frozenset(),
}
# The states of the row that stands for its uid (one per uid); superseded rows are history.
CURRENT_STATES = frozenset({S.PLANNED, S.TO_REPLACE, S.CANCELLED, S.DONE})
# History rows: another row now stands for their uid.
HISTORY_STATES = frozenset({S.SUPERSEDED, S.REPLACED})


class Occurrence(StateMachineMixin, models.Model):
    """One dated span of work: a block of an assignment on one date, at a place."""

    TRANSITIONS = OCCURRENCE_TRANSITIONS
    log_fk_name = "occurrence"

    version = models.ForeignKey(
        PlanVersion,
        verbose_name=_("plan version"),
        on_delete=models.PROTECT,
        related_name="occurrences",
    )
    # The plan's assignment this row dates; none on a replacement row (the plan gave the
    # work to the absent worker: see `replaces`).
    assignment = models.ForeignKey(
        PlanAssignment,
        verbose_name=_("assignment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="occurrences",
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    mission = models.ForeignKey(
        Mission, verbose_name=_("need"), on_delete=models.PROTECT, related_name="occurrences"
    )
    worker = models.ForeignKey(
        WorkerProfile,
        verbose_name=_("worker"),
        on_delete=models.PROTECT,
        related_name="occurrences",
    )
    date = models.DateField(_("date"))
    # Aware datetimes (Europe/Paris wall-clock times of the block on that date).
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    # A snapshot of the place when the plan was published: an occurrence keeps saying where
    # the work was, even if the need's address is corrected later.
    place_label = models.CharField(_("place"), max_length=300)
    address = models.CharField(_("address"), max_length=400, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=OccurrenceState.choices, default=S.PLANNED
    )
    # The calendar identity (RFC 5545 UID): the same need, date and start time keep it
    # across re-publications, whoever does the work.
    uid = models.CharField(_("calendar UID"), max_length=120)
    # RFC 5545 SEQUENCE: raised when a re-publication changes the worker, times or place.
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    # Set when the buyer cancels: the charter's late-cancellation rule says whether the
    # occurrence is still invoiced (kept for invoicing).
    billable = models.BooleanField(_("billable"), default=False)
    # Why the buyer cancelled (empty for a cancellation by a newer plan): a re-plan keeps
    # a buyer's cancellation.
    cancel_reason = models.CharField(_("cancellation reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="occurrence_ends_after_start",
                violation_error_message=_("An occurrence must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=[choice.value for choice in OccurrenceState]),
                name="occurrence_state_known",
                violation_error_message=_("Unknown occurrence state."),
            ),
            models.UniqueConstraint(
                fields=["assignment", "date", "starts_at"],
                name="occurrence_one_per_block_and_date",
                violation_error_message=_("This block already has an occurrence on this date."),
            ),
            models.CheckConstraint(
                condition=Q(assignment__isnull=False) | Q(replaces__isnull=False),
                name="occurrence_from_plan_or_replacement",
                violation_error_message=_(
                    "An occurrence dates a plan's assignment or replaces another occurrence."
                ),
            ),
            models.CheckConstraint(
                condition=Q(billable=False) | Q(state__in=["cancelled", "superseded"]),
                name="occurrence_billable_only_cancelled",
                violation_error_message=_("Only a cancelled occurrence is billed as cancelled."),
            ),
            models.UniqueConstraint(
                fields=["uid"],
                condition=~Q(state__in=["superseded", "replaced"]),
                name="occurrence_one_current_row_per_uid",
                violation_error_message=_("This occurrence already exists in the current plan."),
            ),
        ]
        indexes = [
            models.Index(fields=["worker", "starts_at"], name="occurrence_worker_start"),
            models.Index(fields=["mission", "starts_at"], name="occurrence_mission_start"),
        ]

    def __str__(self) -> str:
        return f"{self.mission} — {self.date:%Y-%m-%d} {self.starts_at:%H:%M}"

    @property
    def where(self) -> str:
        """The place as a reader wants it: its name, then its address unless the name is it."""
        if not self.address or self.place_label in self.address:
            return self.address or self.place_label
        return f"{self.place_label} — {self.address}"

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_current(self) -> bool:
        return self.state in CURRENT_STATES

    @property
    def is_replacement(self) -> bool:
        return self.replaces_id is not None


class OccurrenceTransition(TransitionLog):
    """Log row of an occurrence's lifecycle."""

    # Never cascaded: the log rows are kept as written (maillage.core.immutability).
    occurrence = models.ForeignKey(Occurrence, on_delete=models.PROTECT, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("occurrence transition")
        verbose_name_plural = _("occurrence transitions")


Occurrence.log_model = OccurrenceTransition


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class FeedKind(models.TextChoices):
    WORKER = "worker", _("My work (worker)")
    BUYER = "buyer", _("An organisation's needs (buyer)")


class FeedToken(models.Model):
    """A secret calendar URL: whoever holds it reads one person's or organisation's dates.

    Revoking keeps the row (who had a URL, until when); the URL then answers 404.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="feed_tokens"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=FeedKind.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="worker", organisation__isnull=True)
                | Q(kind="buyer", organisation__isnull=False),
                name="feed_token_buyer_names_organisation",
                violation_error_message=_(
                    "A buyer's feed names its organisation; a worker's feed names none."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.user}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
