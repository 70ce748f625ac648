"""Certifications of a worker's skill level and the Open Badges 3.0 credentials they issue
(docs/decisions/0036-open-badges-vc-jose.md, 0037-certification-two-certifiers.md).

A certification is a level awarded by certifiers (trainers or coordinators of the worker's
territory) with a written justification each; from level 5 it needs two distinct ones: the
first signature leaves it pending, the second certifies it. Signatures, transitions and
credentials are never edited in place (their tables are protected by triggers); a credential
only gets its revocation date, once.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.core.statemachine import StateMachineMixin, TransitionLog
from maillage.people.models import User, WorkerProfile
from maillage.skills.models import MAX_LEVEL, MIN_LEVEL, Skill, WorkerSkill

#: From this level on, two distinct certifiers sign.
TWO_CERTIFIERS_FROM_LEVEL = 5
#: Bits of the revocation list: the Bitstring Status List minimum (16 KB), so that a
#: credential's index says nothing about how many were issued.
STATUS_LIST_BITS = 131_072


class CertificationState(models.TextChoices):
    PENDING = "pending", _("Awaiting a second certifier")
    CERTIFIED = "certified", _("Certified")
    CANCELLED = "cancelled", _("Cancelled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = CertificationState
CERTIFICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    S.PENDING: frozenset({S.CERTIFIED, S.CANCELLED}),
    S.CERTIFIED: frozenset({S.WITHDRAWN}),
    S.CANCELLED: frozenset(),
    S.WITHDRAWN: frozenset(),
}


class Certification(StateMachineMixin, models.Model):
    """A level of a worker's skill, vouched for by one or two certifiers."""

    TRANSITIONS = CERTIFICATION_TRANSITIONS
    log_fk_name = "certification"

    worker_skill = models.ForeignKey(
        WorkerSkill, on_delete=models.PROTECT, related_name="certifications"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    state = models.CharField(
        _("state"), max_length=12, choices=CertificationState.choices, default=S.PENDING
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL),
                name="certification_level_1_to_8",
                violation_error_message=_("A level goes from 1 to 8."),
            ),
            models.UniqueConstraint(
                fields=["worker_skill"],
                condition=Q(state="pending"),
                name="certification_one_pending_per_skill",
                violation_error_message=_("A certification of this skill is already pending."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker_skill.skill} — {self.level} ({self.get_state_display()})"

    @property
    def needs_two_certifiers(self) -> bool:
        return self.level >= TWO_CERTIFIERS_FROM_LEVEL


class CertificationTransition(TransitionLog):
    certification = models.ForeignKey(
        Certification, on_delete=models.PROTECT, related_name="transitions"
    )


Certification.log_model = CertificationTransition


class CertificationSignature(models.Model):
    """A certifier's award of the level, with their written justification."""

    certification = models.ForeignKey(
        Certification, on_delete=models.PROTECT, related_name="signatures"
    )
    certifier = models.ForeignKey(
        User, verbose_name=_("certifier"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("as"), max_length=24)
    justification = models.TextField(_("justification"))
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certifier's signature")
        verbose_name_plural = _("certifiers' signatures")
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "certifier"],
                name="certification_signed_once_per_certifier",
                violation_error_message=_("This certifier already signed this certification."),
            ),
            models.CheckConstraint(
                condition=~Q(justification=""),
                name="certification_signature_justified",
                violation_error_message=_("A certifier writes why the level is awarded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certifier} — {self.certification}"


class IssuedCredential(models.Model):
    """An Open Badges 3.0 credential as signed (a VC-JOSE compact JWS), and its status."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    certification = models.OneToOneField(
        Certification, on_delete=models.PROTECT, related_name="credential"
    )
    worker = models.ForeignKey(WorkerProfile, on_delete=models.PROTECT, related_name="credentials")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"))
    token = models.TextField(_("signed credential (vc+jwt)"))
    key_id = models.CharField(_("signing key"), max_length=60)
    status_index = models.PositiveIntegerField(_("index in the revocation list"), unique=True)
    issued_at = models.DateTimeField(_("issued at"))
    valid_until = models.DateTimeField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # NULL until revoked (then set once, as revoked_at).
    revocation_reason = models.CharField(
        _("revocation reason"), max_length=300, null=True, blank=True
    )

    class Meta:
        verbose_name = _("issued credential")
        verbose_name_plural = _("issued credentials")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status_index__lt=STATUS_LIST_BITS),
                name="credential_status_index_in_list",
                violation_error_message=_("The revocation list is full."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("issued_at")),
                name="credential_valid_after_issue",
                violation_error_message=_(
                    "A credential is valid for some time after it is issued."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} {self.level} — {self.worker}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
