"""Certify a level, issue and revoke its Open Badges credential.

Refusals raise ValidationError (a translated message) or PermissionDenied and write nothing.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.credentials import badges, jose, keys
from maillage.credentials.access import certifier_role
from maillage.credentials.models import (
    STATUS_LIST_BITS,
    Certification,
    CertificationSignature,
    CertificationState,
    IssuedCredential,
)
from maillage.notifications.kinds import Kind
from maillage.notifications.services import notify
from maillage.people.models import User
from maillage.skills.models import (
    MAX_LEVEL,
    MIN_LEVEL,
    Skill,
    SkillEvidence,
    SkillTrustPolicy,
    WorkerSkill,
)

S = CertificationState
JUSTIFICATION_MAX_LENGTH = 2000
#: Self-assessment is what certification goes beyond: it never backs a certified level.
BACKING_KINDS = (
    SkillEvidence.Kind.MISSION_EVALUATION,
    SkillEvidence.Kind.PEER_VALIDATION,
    SkillEvidence.Kind.CERTIFICATE,
    SkillEvidence.Kind.TRAINER_ASSESSMENT,
)


def evidence_ceiling(worker_skill: WorkerSkill) -> int:
    """The highest level the worker's evidence (self-assessment aside) shows; 0 if none."""
    found = worker_skill.evidence.filter(kind__in=BACKING_KINDS).aggregate(top=Max("level"))
    return int(found["top"] or 0)


def award_level(
    *,
    worker_skill: WorkerSkill,
    level: int,
    justification: str,
    by: User,
    now: dt.datetime | None = None,
) -> Certification:
    """A certifier awards ``level``: certified at once below 5; from 5 the first award waits
    for a second, distinct certifier, whose award of the same level certifies it."""
    now = now or timezone.now()
    justification = (justification or "").strip()
    worker = worker_skill.worker
    role = certifier_role(by, worker.territory_id)
    if not role:
        raise PermissionDenied(
            _("Only a trainer or a coordinator of the worker's territory certifies a level.")
        )
    if worker.user_id == by.pk:
        raise PermissionDenied(_("You cannot certify your own skill."))
    if not MIN_LEVEL <= level <= MAX_LEVEL:
        raise ValidationError({"level": _("A level goes from 1 to 8.")})
    if not justification:
        raise ValidationError({"justification": _("Write why this level is awarded.")})
    if len(justification) > JUSTIFICATION_MAX_LENGTH:
        raise ValidationError(
            {"justification": _("At most %(n)d characters.") % {"n": JUSTIFICATION_MAX_LENGTH}}
        )
    ceiling = evidence_ceiling(worker_skill)
    if ceiling == 0:
        raise ValidationError(
            {"level": _("No evidence beyond self-assessment backs this skill yet.")}
        )
    if level > ceiling:
        raise ValidationError(
            {"level": _("The evidence shows level %(max)d at most.") % {"max": ceiling}}
        )
    keys.active_key()  # no key: refuse before writing anything
    with transaction.atomic():
        locked = WorkerSkill.objects.select_for_update().get(pk=worker_skill.pk)
        pending = Certification.objects.filter(worker_skill=locked, state=S.PENDING).first()
        if pending is not None:
            if pending.level != level:
                raise ValidationError(
                    {
                        "level": _(
                            "Level %(level)d awaits a second certifier: confirm it, or ask a "
                            "coordinator to cancel it."
                        )
                        % {"level": pending.level}
                    }
                )
            if pending.signatures.filter(certifier=by).exists():
                raise ValidationError(
                    {"level": _("You already awarded this level: a second certifier confirms.")}
                )
            certification = pending
        else:
            certification = Certification.objects.create(worker_skill=locked, level=level)
        CertificationSignature.objects.create(
            certification=certification, certifier=by, role=role, justification=justification
        )
        signatures = certification.signatures.count()
        if not certification.needs_two_certifiers or signatures >= 2:
            certification.transition(S.CERTIFIED, by=by, reason=justification)
            _apply_level(locked, level, now)
            issue_credential(certification=certification, now=now)
            notify(
                recipients=[worker.user],
                kind=Kind.SKILL_CERTIFIED,
                params={"skill": locked.skill.name_fr, "level": level},
                url=reverse("credentials:mine"),
            )
    return certification


def _apply_level(worker_skill: WorkerSkill, level: int, now: dt.datetime) -> None:
    """The certified level becomes the level in use (a higher pending declaration waits)."""
    worker_skill.certified_level = level
    worker_skill.certified_at = now
    worker_skill.level = level
    if worker_skill.declared_level is not None and worker_skill.declared_level <= level:
        worker_skill.declared_level = None
    worker_skill.full_clean()
    worker_skill.save()


def _next_status_index() -> int:
    top = IssuedCredential.objects.aggregate(top=Max("status_index"))["top"]
    index = 0 if top is None else top + 1
    if index >= STATUS_LIST_BITS:
        raise ValidationError(_("The revocation list is full."))
    return index


def issue_credential(*, certification: Certification, now: dt.datetime) -> IssuedCredential:
    """Sign the OpenBadgeCredential of a certified level; the worker's earlier credential of
    the same skill is revoked (superseded). Called inside the certifying transaction."""
    worker_skill = certification.worker_skill
    worker = worker_skill.worker
    kid, key = keys.active_key()
    for earlier in IssuedCredential.objects.select_for_update().filter(
        worker=worker, skill=worker_skill.skill, revoked_at__isnull=True
    ):
        _revoke(earlier, reason=_("superseded by a newer certification"), now=now)
    credential = IssuedCredential(
        certification=certification,
        worker=worker,
        skill=worker_skill.skill,
        level=certification.level,
        key_id=kid,
        status_index=_next_status_index(),
        issued_at=now,
        valid_until=now + badges.VALIDITY,
    )
    document = badges.open_badge(
        public_id=str(credential.public_id),
        skill=worker_skill.skill,
        level=certification.level,
        email=worker.user.email,
        salt=secrets.token_hex(8),
        evidence=list(worker_skill.evidence.all()),
        status_index=credential.status_index,
        issued_at=now,
        valid_until=credential.valid_until,
    )
    errors = badges.schema_errors(document)
    if errors:  # a bug of ours, never the user's: refuse to sign it
        raise ValueError(f"credential does not validate: {errors}")
    credential.token = jose.sign(document, kid=kid, key=key)
    credential.save()
    return credential


def _revoke(credential: IssuedCredential, *, reason: str, now: dt.datetime) -> None:
    credential.revoked_at = now
    credential.revocation_reason = reason[:300]
    credential.save(update_fields=["revoked_at", "revocation_reason"])


def revoke_credential(
    *, credential: IssuedCredential, reason: str, by: User, now: dt.datetime | None = None
) -> IssuedCredential:
    """A coordinator of the worker's territory revokes a credential, with the reason; the
    certification is withdrawn and the certified level cleared."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if certifier_role(by, credential.worker.territory_id) != "coordinator":
        raise PermissionDenied(_("Only a coordinator of the worker's territory revokes."))
    if not reason:
        raise ValidationError({"reason": _("Write why the credential is revoked.")})
    with transaction.atomic():
        locked = IssuedCredential.objects.select_for_update().get(pk=credential.pk)
        if locked.revoked_at is not None:
            raise ValidationError(_("This credential is already revoked."))
        _revoke(locked, reason=reason, now=now)
        certification = locked.certification
        if certification.state == S.CERTIFIED:
            certification.transition(S.WITHDRAWN, by=by, reason=reason)
            held = WorkerSkill.objects.select_for_update().get(pk=certification.worker_skill_id)
            if held.certified_level == certification.level:
                held.certified_level, held.certified_at = None, None
                held.save(update_fields=["certified_level", "certified_at", "updated_at"])
    return locked


def cancel_pending(*, certification: Certification, by: User, reason: str) -> Certification:
    """A coordinator cancels a level awaiting its second certifier."""
    if certifier_role(by, certification.worker_skill.worker.territory_id) != "coordinator":
        raise PermissionDenied(_("Only a coordinator of the worker's territory cancels."))
    with transaction.atomic():
        locked = Certification.objects.select_for_update().get(pk=certification.pk)
        locked.transition(S.CANCELLED, by=by, reason=(reason or "").strip()[:300])
    return locked


def set_trust_policy(*, territory_id: int, skill: Skill, trust: str, by: User) -> SkillTrustPolicy:
    """A coordinator says whether the engine trusts declared or only certified levels of a
    skill on their territory (the next run reads it)."""
    if certifier_role(by, territory_id) != "coordinator":
        raise PermissionDenied(_("Only a coordinator of the territory sets this policy."))
    if trust not in SkillTrustPolicy.Trust.values:
        raise ValidationError({"trust": _("Unknown trust policy.")})
    with transaction.atomic():
        policy, _created = SkillTrustPolicy.objects.update_or_create(
            territory_id=territory_id, skill=skill, defaults={"trust": trust}
        )
    return policy
