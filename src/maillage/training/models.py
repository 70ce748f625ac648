"""Training sessions born of a GPEC recommendation: trainer, dates, place, funding,
participants among the recommended workers, attendance and the trainer's assessment
(docs/decisions/0038-training-loop.md)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from maillage.core.statemachine import StateMachineMixin, TransitionLog
from maillage.gpec.models import GpecJob
from maillage.people.models import User, WorkerProfile
from maillage.skills.models import MAX_LEVEL, MIN_LEVEL, Skill
from maillage.territory.models import Territory, ThirdPlace


class SessionState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held (attendance taken)")
    CANCELLED = "cancelled", _("Cancelled")


class Funding(models.TextChoices):
    OPCO = "opco", _("OPCO")
    COOPERATIVE = "cooperative", _("The cooperative")
    OTHER = "other", _("Other")


class TrainingPlace(models.TextChoices):
    THIRD_PLACE = "third_place", _("In a tiers-lieu")
    REMOTE = "remote", _("Remote")


S = SessionState
SESSION_TRANSITIONS: dict[str, frozenset[str]] = {
    S.PLANNED: frozenset({S.HELD, S.CANCELLED}),
    S.HELD: frozenset(),
    S.CANCELLED: frozenset(),
}


class TrainingSession(StateMachineMixin, models.Model):
    """A session that brings recommended workers to ``target_level`` in ``skill``."""

    TRANSITIONS = SESSION_TRANSITIONS
    log_fk_name = "session"

    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="training_sessions"
    )
    skill = models.ForeignKey(Skill, verbose_name=_("skill"), on_delete=models.PROTECT)
    target_level = models.PositiveSmallIntegerField(_("target level"))
    title = models.CharField(_("title"), max_length=200)
    trainer = models.ForeignKey(
        User, verbose_name=_("trainer"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    hours = models.DecimalField(_("hours of training"), max_digits=5, decimal_places=1)
    place_kind = models.CharField(_("place"), max_length=12, choices=TrainingPlace.choices)
    third_place = models.ForeignKey(
        ThirdPlace,
        verbose_name=_("tiers-lieu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_sessions",
    )
    funding = models.CharField(_("funded by"), max_length=12, choices=Funding.choices)
    funding_amount = models.DecimalField(
        _("amount (€)"), max_digits=10, decimal_places=2, default=Decimal("0.00")
    )
    # What the recommendation (and the what-if, if one ran) predicted the training unlocks.
    predicted_missions = models.JSONField(_("missions the training should unlock"), default=list)
    predicted_weekly_minutes = models.PositiveIntegerField(_("predicted weekly minutes"))
    what_if = models.ForeignKey(
        GpecJob, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=12, choices=SessionState.choices, default=S.PLANNED
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="training_ends_after_start",
                violation_error_message=_("A training ends on or after its first day."),
            ),
            models.CheckConstraint(
                condition=Q(target_level__gte=MIN_LEVEL, target_level__lte=MAX_LEVEL),
                name="training_target_level_1_to_8",
                violation_error_message=_("A level goes from 1 to 8."),
            ),
            models.CheckConstraint(
                condition=Q(place_kind="remote", third_place__isnull=True)
                | Q(place_kind="third_place", third_place__isnull=False),
                name="training_place_consistent",
                violation_error_message=_(
                    "A training in a tiers-lieu names it; a remote one none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(funding_amount__gte=0) & Q(hours__gt=0),
                name="training_amount_and_hours_positive",
                violation_error_message=_("Hours are positive and the amount is not negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SessionTransition(TransitionLog):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.PROTECT, related_name="transitions"
    )


TrainingSession.log_model = SessionTransition


class Participant(models.Model):
    """A worker enrolled in a session: whether they attended, the trainer's assessment."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="participants"
    )
    worker = models.ForeignKey(
        WorkerProfile, on_delete=models.PROTECT, related_name="training_participations"
    )
    level_before = models.PositiveSmallIntegerField(_("level before"), default=0)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    assessed_level = models.PositiveSmallIntegerField(_("assessed level"), null=True, blank=True)
    assessed_at = models.DateTimeField(_("assessed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["worker__user__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "worker"],
                name="training_participant_once",
                violation_error_message=_("This worker is already enrolled."),
            ),
            models.CheckConstraint(
                condition=Q(assessed_level__isnull=True)
                | Q(assessed_level__gte=MIN_LEVEL, assessed_level__lte=MAX_LEVEL, attended=True),
                name="training_assessed_attendee_level_1_to_8",
                violation_error_message=_("Only an attendee is assessed, from 1 to 8."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker} — {self.session}"
