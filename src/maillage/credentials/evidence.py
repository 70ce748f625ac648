"""Evidence from real work: a buyer's evaluation, a peer's validation, a worker's certificate.

(A trainer's end-of-training assessment is recorded by maillage.training.) Each becomes a
SkillEvidence with its source, date and author; a refusal writes nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.credentials.access import is_missions_buyer
from maillage.execution.models import Occurrence, OccurrenceState
from maillage.missions.models import Mission
from maillage.people.models import User, WorkerProfile
from maillage.skills.models import MAX_LEVEL, MIN_LEVEL, Skill, SkillEvidence, WorkerSkill

COMMENT_MAX_LENGTH = 2000
WORKED_STATES = (OccurrenceState.PLANNED, OccurrenceState.DONE)
#: The rubric a buyer reads beside each level (CRCN bands).
RUBRIC = {
    1: gettext_lazy("Does simple tasks when shown how."),
    2: gettext_lazy("Does simple tasks alone."),
    3: gettext_lazy("Handles the usual tasks alone."),
    4: gettext_lazy("Handles the usual tasks and solves common problems."),
    5: gettext_lazy("Handles new situations and adapts the work to them."),
    6: gettext_lazy("Handles complex situations and advises others."),
    7: gettext_lazy("Designs new ways of working and leads others."),
    8: gettext_lazy("Recognised expert: creates and passes on knowledge."),
}
# What a certificate file may be, by its first bytes (never by its name or declared type).
MAGIC = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)


def private_dir() -> Path:
    return Path(
        getattr(
            settings,
            "MAILLAGE_PRIVATE_FILES_DIR",
            Path(settings.PROJECT_DIR) / "var" / "private",
        )
    )


def certificate_max_bytes() -> int:
    return int(getattr(settings, "MAILLAGE_CERTIFICATE_MAX_BYTES", 5 * 1024 * 1024))


def _check_level(level: int) -> None:
    if not isinstance(level, int) or not MIN_LEVEL <= level <= MAX_LEVEL:
        raise ValidationError({"level": _("A level goes from 1 to 8.")})


def _check_comment(comment: str) -> str:
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {"comment": _("At most %(n)d characters.") % {"n": COMMENT_MAX_LENGTH}}
        )
    return comment


def worked_occurrences(worker: WorkerProfile, mission: Mission, *, now: dt.datetime):
    """The worker's occurrences of the mission that are over (worked, not cancelled)."""
    return Occurrence.objects.filter(
        worker=worker, mission=mission, state__in=WORKED_STATES, ends_at__lte=now
    )


def evaluation_source(mission: Mission, worker: WorkerProfile, month: dt.date) -> str:
    return f"mission:{mission.pk}:w{worker.pk}:{month:%Y-%m}"


def evaluate_mission_work(
    *,
    mission: Mission,
    worker: WorkerProfile,
    skill: Skill,
    level: int,
    comment: str,
    by: User,
    now: dt.datetime | None = None,
) -> SkillEvidence:
    """The mission's buyer evaluates a worker's work on one of the skills the mission
    required, once a month at most (the month's evaluation, then the final one)."""
    now = now or timezone.now()
    if not is_missions_buyer(by, mission):
        raise PermissionDenied(_("Only the mission's buyer evaluates the work done for it."))
    _check_level(level)
    comment = _check_comment(comment)
    if not mission.skills.filter(skill=skill).exists():
        raise ValidationError({"skill": _("The mission did not require this skill.")})
    if not worked_occurrences(worker, mission, now=now).exists():
        raise ValidationError(_("This worker has not worked on this mission yet."))
    held = WorkerSkill.objects.filter(worker=worker, skill=skill).first()
    if held is None:
        raise ValidationError({"skill": _("The worker does not hold this skill.")})
    today = timezone.localdate(now)
    source = f"{evaluation_source(mission, worker, today)}:{skill.code}"
    with transaction.atomic():
        WorkerSkill.objects.select_for_update().filter(pk=held.pk).first()
        if SkillEvidence.objects.filter(worker_skill=held, source=source).exists():
            raise ValidationError(
                _("You already evaluated this skill this month: the next evaluation is next month.")
            )
        return SkillEvidence.objects.create(
            worker_skill=held,
            kind=SkillEvidence.Kind.MISSION_EVALUATION,
            level=level,
            detail=mission.title[:300],
            comment=comment,
            source=source,
            issued_on=today,
            recorded_by=by,
        )


def worked_beside(first: WorkerProfile, second: WorkerProfile, *, now: dt.datetime) -> bool:
    """Whether two workers worked on the same mission on the same day (already over)."""
    days = Occurrence.objects.filter(
        worker=second, state__in=WORKED_STATES, ends_at__lte=now
    ).values_list("mission_id", "date")
    pairs = set(days)
    if not pairs:
        return False
    for mission_id, day in Occurrence.objects.filter(
        worker=first, state__in=WORKED_STATES, ends_at__lte=now
    ).values_list("mission_id", "date"):
        if (mission_id, day) in pairs:
            return True
    return False


def validate_peer(
    *,
    worker_skill: WorkerSkill,
    level: int,
    comment: str,
    by: User,
    now: dt.datetime | None = None,
) -> SkillEvidence:
    """A colleague certified at least at ``level`` in the skill, who worked beside the
    worker (same mission, same day), vouches for the level; once per colleague and skill."""
    now = now or timezone.now()
    _check_level(level)
    comment = _check_comment(comment)
    peer = WorkerProfile.objects.filter(user=by).first()
    if peer is None or peer.pk == worker_skill.worker_id:
        raise PermissionDenied(_("A colleague validates a skill, not its holder."))
    peer_skill = WorkerSkill.objects.filter(worker=peer, skill=worker_skill.skill_id).first()
    if peer_skill is None or (peer_skill.certified_level or 0) < level:
        raise PermissionDenied(_("Only a colleague certified at this level or above validates it."))
    if not worked_beside(peer, worker_skill.worker, now=now):
        raise PermissionDenied(_("Only a colleague who worked beside this worker validates."))
    source = f"peer:w{peer.pk}"
    with transaction.atomic():
        WorkerSkill.objects.select_for_update().filter(pk=worker_skill.pk).first()
        if SkillEvidence.objects.filter(worker_skill=worker_skill, source=source).exists():
            raise ValidationError(_("You already validated this skill of this colleague."))
        return SkillEvidence.objects.create(
            worker_skill=worker_skill,
            kind=SkillEvidence.Kind.PEER_VALIDATION,
            level=level,
            comment=comment,
            source=source,
            issued_on=timezone.localdate(now),
            recorded_by=by,
        )


def sniff(head: bytes) -> tuple[str, str] | None:
    """(media type, extension) of a PDF, PNG or JPEG by its first bytes; None otherwise."""
    for magic, media_type, extension in MAGIC:
        if head.startswith(magic):
            return media_type, extension
    return None


def attach_certificate(
    *,
    worker_skill: WorkerSkill,
    upload,
    level: int,
    detail: str,
    by: User,
    on: dt.date | None = None,
) -> SkillEvidence:
    """The worker attaches a certificate (a Pix score, a diploma): PDF, PNG or JPEG, within
    the size limit, stored in the private files directory, never under a public URL."""
    if worker_skill.worker.user_id != by.pk:
        raise PermissionDenied(_("Only the worker attaches a certificate to their skill."))
    _check_level(level)
    detail = (detail or "").strip()
    if not detail or len(detail) > 300:
        raise ValidationError({"detail": _("Name the certificate (at most 300 characters).")})
    size = getattr(upload, "size", None)
    if size is None or size > certificate_max_bytes():
        raise ValidationError(
            {
                "document": _("The file is over %(mb)s MB.")
                % {"mb": round(certificate_max_bytes() / 1024 / 1024, 1)}
            }
        )
    upload.seek(0)
    head = upload.read(16)
    kind = sniff(head)
    if kind is None:
        raise ValidationError({"document": _("Send a PDF, PNG or JPEG file.")})
    media_type, extension = kind
    relative = f"certificates/{uuid.uuid4().hex}.{extension}"
    target = private_dir() / relative
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    upload.seek(0)
    try:
        with target.open("xb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        with transaction.atomic():
            return SkillEvidence.objects.create(
                worker_skill=worker_skill,
                kind=SkillEvidence.Kind.CERTIFICATE,
                level=level,
                detail=detail,
                document=relative,
                document_type=media_type,
                source="upload",
                issued_on=on or timezone.localdate(),
                recorded_by=by,
            )
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def document_path(evidence: SkillEvidence) -> Path | None:
    """The stored file of a certificate, if it is inside the private directory."""
    if not evidence.document:
        return None
    root = private_dir().resolve()
    path = (root / evidence.document).resolve()
    if root not in path.parents or not path.is_file():
        return None
    return path
