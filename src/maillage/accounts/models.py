"""Accounts: invitations, the log of roles granted and withdrawn, worker profile approval."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.statemachine import StateMachineMixin, TransitionLog
from maillage.people.models import BuyerGroup, Organisation, Role, WorkerProfile
from maillage.territory.models import Territory

INVITATION_DAYS = 14


class InvitationState(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


class Invitation(models.Model):
    """A role offered to an email address; the link carries a token stored only as its hash."""

    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="invitation_accepted_or_revoked_not_both",
                violation_error_message=_("An invitation is either accepted or revoked."),
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True, accepted_by__isnull=True)
                | Q(accepted_at__isnull=False, accepted_by__isnull=False),
                name="invitation_accepted_by_someone",
                violation_error_message=_("An accepted invitation names who accepted it."),
            ),
            models.CheckConstraint(
                condition=~Q(role="buyer_member") | Q(organisation__isnull=False),
                name="invitation_buyer_has_organisation",
                violation_error_message=_("A buyer member is invited into an organisation."),
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["coordinator", "union_rep", "worker"])
                | Q(territory__isnull=False),
                name="invitation_territorial_role_has_territory",
                violation_error_message=_("This role is offered on a territory."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["buyer_member", "coordinator", "union_rep", "worker"]),
                name="invitation_role_invitable",
                violation_error_message=_("This role cannot be offered by invitation."),
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="invitation_expires_after_creation",
                violation_error_message=_("An invitation expires after it is made."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} — {self.get_role_display()}"

    def state_at(self, now: dt.datetime) -> str:
        if self.accepted_at:
            return InvitationState.ACCEPTED
        if self.revoked_at:
            return InvitationState.REVOKED
        if now >= self.expires_at:
            return InvitationState.EXPIRED
        return InvitationState.PENDING

    @property
    def state(self) -> str:
        return self.state_at(timezone.now())

    def get_state_display(self) -> str:
        return str(InvitationState(self.state).label)

    @property
    def scope(self) -> Organisation | Territory | None:
        return self.organisation or self.territory


class RoleChange(models.Model):
    """A role granted or withdrawn, by whom, on what scope (written once, never edited)."""

    class Action(models.TextChoices):
        GRANTED = "granted", _("Granted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="role_changes",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    territory = models.ForeignKey(
        Territory, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    buyer_group = models.ForeignKey(
        BuyerGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    invitation = models.ForeignKey(
        Invitation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=["granted", "withdrawn"]),
                name="role_change_action_known",
                violation_error_message=_("Unknown role change."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.get_role_display()}"


class ProfileReviewState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for changes")


class ProfileReview(StateMachineMixin):
    """A worker's profile, submitted by the worker and approved by a coordinator."""

    TRANSITIONS: Mapping[str, frozenset[str]] = {
        ProfileReviewState.SUBMITTED: frozenset(
            {ProfileReviewState.APPROVED, ProfileReviewState.RETURNED}
        ),
        ProfileReviewState.RETURNED: frozenset({ProfileReviewState.SUBMITTED}),
        # An approved worker who changes their profile submits it again.
        ProfileReviewState.APPROVED: frozenset({ProfileReviewState.SUBMITTED}),
    }
    log_fk_name = "review"

    profile = models.OneToOneField(
        WorkerProfile,
        verbose_name=_("worker profile"),
        on_delete=models.CASCADE,
        related_name="review",
    )
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=ProfileReviewState.choices,
        default=ProfileReviewState.SUBMITTED,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("profile review")
        verbose_name_plural = _("profile reviews")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["submitted", "approved", "returned"]),
                name="profile_review_state_known",
                violation_error_message=_("Unknown profile review state."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile} — {self.get_state_display()}"


class ProfileReviewTransition(TransitionLog):
    review = models.ForeignKey(ProfileReview, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("profile review transition")
        verbose_name_plural = _("profile review transitions")


ProfileReview.log_model = ProfileReviewTransition


class ErasureRequest(models.Model):
    """A person's erasure: asked, then done in one transaction; the report says what was kept.

    The row stays (linked to the pseudonymised account) as the proof that it was done.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user_id} — {self.requested_at:%Y-%m-%d}"
