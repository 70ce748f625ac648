"""Pages of credentials: the worker's skills and badges, evaluations by buyers, peer
validation, certification, and the public issuer, status list and verification pages."""

from __future__ import annotations

import json
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from maillage.core import idempotency
from maillage.credentials import badges, jose, keys, statuslist
from maillage.credentials.access import (
    can_see_evidence,
    certifiable_workers,
    certifier_role,
    evaluable_missions,
)
from maillage.credentials.evidence import (
    RUBRIC,
    attach_certificate,
    document_path,
    evaluate_mission_work,
    validate_peer,
    worked_beside,
    worked_occurrences,
)
from maillage.credentials.models import IssuedCredential
from maillage.credentials.selectors import (
    credential_document,
    credentials_of,
    enveloped,
    pending_certifications,
    skills_with_evidence,
)
from maillage.credentials.services import (
    award_level,
    evidence_ceiling,
    revoke_credential,
    set_trust_policy,
)
from maillage.credentials.verification import revoked_indexes, verify
from maillage.execution.models import Occurrence
from maillage.missions.models import MissionSkill
from maillage.people.access import own_worker_profile
from maillage.people.models import Role, WorkerProfile
from maillage.people.roles import territories_for
from maillage.skills.models import Skill, SkillEvidence, SkillTrustPolicy, WorkerSkill
from maillage.www.credentials.forms import (
    AwardForm,
    CertificateForm,
    EvaluationForm,
    PeerForm,
    RevokeForm,
    TrustForm,
    VerifyForm,
)
from maillage.www.utils.access import found_or_403, role_required
from maillage.www.utils.forms import add_errors, report_refusal
from maillage.www.utils.requests import HtmxRequest, SignedInRequest

JSON_LD = "application/ld+json"


def _uuid(value: str) -> UUID:
    """A credential's public id from the URL; 404 for anything else."""
    try:
        return UUID(value)
    except ValueError:
        raise Http404 from None


# Public: the issuer, its keys, the revocation list, achievements, verification ---------------


@login_not_required
@require_GET
def issuer(request: HtmxRequest) -> HttpResponse:
    return render(
        request,
        "credentials/issuer.html",
        {"profile": badges.issuer_profile(), "keys": keys.public_keys()},
    )


@login_not_required
@require_GET
def issuer_json(request: HtmxRequest) -> HttpResponse:
    return JsonResponse(badges.issuer_profile(), content_type=JSON_LD)


@login_not_required
@require_GET
def status_list(request: HtmxRequest) -> HttpResponse:
    """The signed Bitstring Status List credential (vc+jwt) every credential points to."""
    try:
        kid, key = keys.active_key()
    except keys.KeyError_:
        raise Http404 from None
    document = badges.status_list_credential(
        encoded_list=statuslist.encode(revoked_indexes()), now=timezone.now()
    )
    response = HttpResponse(jose.sign(document, kid=kid, key=key), content_type=jose.MEDIA_TYPE)
    response["Cache-Control"] = "max-age=300"
    return response


@login_not_required
@require_GET
def achievement(request: HtmxRequest, code: str, level: int) -> HttpResponse:
    skill = get_object_or_404(Skill, code=code)
    if level not in RUBRIC:
        raise Http404
    return JsonResponse(
        {"@context": [badges.VC_CONTEXT, badges.OB_CONTEXT]} | badges.achievement(skill, level),
        content_type=JSON_LD,
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def verify_page(request: HtmxRequest) -> HttpResponse:
    verdict = None
    form = VerifyForm()
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if form.is_valid():
            verdict = verify(form.cleaned_data["credential"])
    return render(request, "credentials/verify.html", {"form": form, "verdict": verdict})


@login_not_required
@csrf_exempt  # a machine endpoint: no cookie, no session, nothing it changes
@require_POST
def verify_json(request: HtmxRequest) -> HttpResponse:
    """POST the credential (compact JWS or enveloped JSON) as the body: the verdict as JSON."""
    if len(request.body) > 100_000:
        return JsonResponse({"status": "malformed", "reason": _("Too big.")}, status=413)
    try:
        text = request.body.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    return JsonResponse(verify(text).as_json())


@login_not_required
@require_GET
def public_credential(request: HtmxRequest, public_id: str) -> HttpResponse:
    """The public link a worker shares: the verdict and what the credential says."""
    credential = get_object_or_404(IssuedCredential, public_id=_uuid(public_id))
    verdict = verify(credential.token)
    if request.GET.get("format") == "json":
        return JsonResponse(verdict.as_json())
    return render(
        request,
        "credentials/public.html",
        {"credential": credential, "verdict": verdict, "document": credential_document(credential)},
    )


@login_not_required
@require_GET
def public_credential_json(request: HtmxRequest, public_id: str) -> HttpResponse:
    credential = get_object_or_404(IssuedCredential, public_id=_uuid(public_id))
    return JsonResponse(enveloped(credential), content_type=JSON_LD)


# The worker: skills, evidence, badges --------------------------------------------------------


def _own(request: SignedInRequest) -> WorkerProfile:
    return found_or_403(own_worker_profile(request.user))


@role_required(Role.WORKER)
def my_skills(request: SignedInRequest) -> HttpResponse:
    worker = _own(request)
    held = list(skills_with_evidence(worker))
    return render(
        request,
        "credentials/mine.html",
        {
            "worker": worker,
            "skills": held,
            "credentials": credentials_of(worker),
            "certificate_form": CertificateForm(worker_skills=held),
            "own": True,
        },
    )


@require_POST
@role_required(Role.WORKER)
def attach(request: SignedInRequest) -> HttpResponse:
    worker = _own(request)
    held = list(skills_with_evidence(worker))
    form = CertificateForm(request.POST, request.FILES, worker_skills=held)
    if form.is_valid():
        data = form.cleaned_data
        worker_skill = next(h for h in held if h.pk == data["worker_skill"])
        try:
            idempotency.once(
                user=request.user,
                key=idempotency.token_of(request.POST),
                create=lambda: attach_certificate(
                    worker_skill=worker_skill,
                    upload=data["document"],
                    level=data["level"],
                    detail=data["detail"],
                    by=request.user,
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your certificate is attached."))
            return redirect("credentials:mine")
    return render(
        request,
        "credentials/mine.html",
        {
            "worker": worker,
            "skills": held,
            "credentials": credentials_of(worker),
            "certificate_form": form,
            "own": True,
        },
        status=400,
    )


@role_required(Role.WORKER)
def download(request: SignedInRequest, public_id: str) -> HttpResponse:
    worker = _own(request)
    credential = get_object_or_404(IssuedCredential, public_id=_uuid(public_id), worker=worker)
    response = HttpResponse(
        json.dumps(enveloped(credential), indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="badge-{credential.skill.code}-{credential.level}.json"'
    )
    return response


@require_GET
def evidence_document(request: SignedInRequest, pk: int) -> FileResponse:
    """A certificate's file, to the worker and the certifiers of their territory only."""
    evidence = get_object_or_404(
        SkillEvidence.objects.select_related("worker_skill__worker"), pk=pk
    )
    if not can_see_evidence(request.user, evidence.worker_skill.worker):
        raise Http404
    path = document_path(evidence)
    if path is None:
        raise Http404
    response = FileResponse(path.open("rb"), content_type=evidence.document_type)
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{evidence.pk}{path.suffix}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Peers ---------------------------------------------------------------------------------------


@role_required(Role.WORKER)
def peers(request: SignedInRequest) -> HttpResponse:
    """Colleagues the worker worked beside, and their skills the worker may vouch for."""
    me = _own(request)
    now = timezone.now()
    mine = {
        held.skill_id: held.certified_level or 0
        for held in WorkerSkill.objects.filter(worker=me, certified_level__isnull=False)
    }
    together = Occurrence.objects.filter(worker=me, ends_at__lte=now).values("mission")
    colleagues = (
        WorkerProfile.objects.filter(territory=me.territory, occurrences__mission__in=together)
        .exclude(pk=me.pk)
        .distinct()
        .select_related("user")
        .prefetch_related(Prefetch("skills", queryset=WorkerSkill.objects.select_related("skill")))
    )
    rows = []
    for colleague in colleagues:
        if not worked_beside(me, colleague, now=now):
            continue
        for held in colleague.skills.all():
            if mine.get(held.skill_id):
                rows.append({"colleague": colleague, "held": held, "max": mine[held.skill_id]})
    return render(request, "credentials/peers.html", {"rows": rows, "form": PeerForm()})


@require_POST
@role_required(Role.WORKER)
def validate(request: SignedInRequest, worker_skill_id: int) -> HttpResponse:
    worker_skill = get_object_or_404(WorkerSkill, pk=worker_skill_id)
    form = PeerForm(request.POST)
    if form.is_valid():
        try:
            validate_peer(
                worker_skill=worker_skill,
                level=form.cleaned_data["level"],
                comment=form.cleaned_data["comment"],
                by=request.user,
            )
        except PermissionDenied:
            raise
        except ValidationError as error:
            report_refusal(request, error)
        else:
            messages.success(request, _("Your validation is recorded."))
    else:
        messages.error(request, _("Choose a level."))
    return redirect("credentials:peers")


# Buyers: evaluations and the certified levels of who comes ------------------------------------


def _evaluation_rows(request: SignedInRequest, now):
    missions = (
        evaluable_missions(request.user)
        .filter(occurrences__ends_at__lte=now)
        .distinct()
        .select_related("buyer")
        .prefetch_related(Prefetch("skills", queryset=MissionSkill.objects.select_related("skill")))
        .order_by("-period_end", "pk")
    )
    rows = []
    for mission in missions:
        workers = (
            WorkerProfile.objects.filter(
                pk__in=Occurrence.objects.filter(
                    mission=mission,
                    ends_at__lte=now,
                    state__in=("planned", "done"),
                ).values("worker")
            )
            .select_related("user")
            .prefetch_related(
                Prefetch("skills", queryset=WorkerSkill.objects.select_related("skill"))
            )
        )
        skills = [required.skill for required in mission.skills.all()]
        for worker in workers:
            certified = {held.skill_id: held.certified_level for held in worker.skills.all()}
            rows.append(
                {
                    "mission": mission,
                    "worker": worker,
                    "certified": [(s, certified.get(s.pk)) for s in skills],
                    "form": EvaluationForm(skills=skills, prefix=f"m{mission.pk}w{worker.pk}"),
                }
            )
    return rows


@role_required(Role.BUYER_MEMBER)
def evaluations(request: SignedInRequest) -> HttpResponse:
    rows = _evaluation_rows(request, timezone.now())
    return render(
        request, "credentials/evaluations.html", {"rows": rows, "rubric": sorted(RUBRIC.items())}
    )


@require_POST
@role_required(Role.BUYER_MEMBER)
def evaluate(request: SignedInRequest, mission_id: int, worker_id: int) -> HttpResponse:
    mission = get_object_or_404(evaluable_missions(request.user), pk=mission_id)
    worker = get_object_or_404(WorkerProfile, pk=worker_id, territory=mission.territory)
    now = timezone.now()
    if not worked_occurrences(worker, mission, now=now).exists():
        raise Http404
    skills = [required.skill for required in mission.skills.select_related("skill")]
    form = EvaluationForm(request.POST, skills=skills, prefix=f"m{mission.pk}w{worker.pk}")
    if form.is_valid():
        skill = next(s for s in skills if s.code == form.cleaned_data["skill"])
        try:
            evaluate_mission_work(
                mission=mission,
                worker=worker,
                skill=skill,
                level=form.cleaned_data["level"],
                comment=form.cleaned_data["comment"],
                by=request.user,
                now=now,
            )
        except ValidationError as error:
            report_refusal(request, error)
        else:
            messages.success(request, _("Your evaluation is recorded. Thank you."))
    else:
        messages.error(request, _("Choose a skill and a level."))
    return redirect("credentials:evaluations")


# Certifiers ----------------------------------------------------------------------------------


@role_required(Role.TRAINER, Role.COORDINATOR)
def certify_home(request: SignedInRequest) -> HttpResponse:
    workers = certifiable_workers(request.user)
    backed = (
        WorkerSkill.objects.filter(
            worker__in=workers,
            evidence__kind__in=[
                SkillEvidence.Kind.MISSION_EVALUATION,
                SkillEvidence.Kind.PEER_VALIDATION,
                SkillEvidence.Kind.CERTIFICATE,
                SkillEvidence.Kind.TRAINER_ASSESSMENT,
            ],
        )
        .distinct()
        .select_related("skill", "worker__user")
        .order_by("worker__user__last_name", "worker__user__first_name", "skill__code")
    )
    return render(
        request,
        "credentials/certify_home.html",
        {
            "backed": backed,
            "pending": pending_certifications(workers),
            "coordinated": territories_for(request.user, Role.COORDINATOR).order_by("name"),
        },
    )


@role_required(Role.TRAINER, Role.COORDINATOR)
def certify(request: SignedInRequest, worker_skill_id: int) -> HttpResponse:
    worker_skill = get_object_or_404(
        WorkerSkill.objects.select_related("skill", "worker__user"),
        pk=worker_skill_id,
        worker__in=certifiable_workers(request.user),
    )
    form = AwardForm()
    if request.method == "POST":
        form = AwardForm(request.POST)
        if form.is_valid():
            try:
                award_level(
                    worker_skill=worker_skill,
                    level=form.cleaned_data["level"],
                    justification=form.cleaned_data["justification"],
                    by=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            except keys.KeyError_ as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The level is awarded."))
                return redirect("credentials:certify_home")
    return render(
        request,
        "credentials/certify.html",
        {
            "worker_skill": worker_skill,
            "evidence": worker_skill.evidence.select_related("recorded_by"),
            "certifications": worker_skill.certifications.prefetch_related("signatures__certifier"),
            "ceiling": evidence_ceiling(worker_skill),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@role_required(Role.TRAINER, Role.COORDINATOR, Role.BUYER_MEMBER)
def worker_skills(request: SignedInRequest, worker_id: int) -> HttpResponse:
    """A worker's skills: everything to their certifiers; the certified levels to a buyer
    whose missions they came to; nothing to anyone else (404)."""
    worker = get_object_or_404(WorkerProfile.objects.select_related("user"), pk=worker_id)
    if can_see_evidence(request.user, worker) and worker.user_id != request.user.pk:
        is_coordinator = certifier_role(request.user, worker.territory_id) == "coordinator"
        return render(
            request,
            "credentials/mine.html",
            {
                "worker": worker,
                "skills": list(skills_with_evidence(worker)),
                "credentials": credentials_of(worker),
                "own": False,
                "revoke_form": RevokeForm() if is_coordinator else None,
            },
        )
    from maillage.credentials.access import buyer_sees_worker

    if not buyer_sees_worker(request.user, worker):
        raise Http404
    return render(
        request,
        "credentials/certified_levels.html",
        {
            "worker": worker,
            "skills": worker.skills.filter(certified_level__isnull=False).select_related("skill"),
        },
    )


@require_POST
@role_required(Role.COORDINATOR)
def revoke(request: SignedInRequest, public_id: str) -> HttpResponse:
    credential = get_object_or_404(IssuedCredential, public_id=_uuid(public_id))
    if certifier_role(request.user, credential.worker.territory_id) != "coordinator":
        raise Http404
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            revoke_credential(
                credential=credential, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            report_refusal(request, error)
        else:
            messages.success(request, _("The credential is revoked."))
    else:
        messages.error(request, _("Write why the credential is revoked."))
    return redirect("credentials:worker", credential.worker_id)


# Coordinators: which levels the engine trusts -------------------------------------------------


@role_required(Role.COORDINATOR)
def trust_policy(request: SignedInRequest, slug: str) -> HttpResponse:
    """Per skill, whether the engine trusts declared levels or only certified ones."""
    territory = get_object_or_404(territories_for(request.user, Role.COORDINATOR), slug=slug)
    status = 200
    if request.method == "POST":
        form = TrustForm(request.POST)
        if form.is_valid():
            skill = Skill.objects.filter(code=form.cleaned_data["skill"]).first()
            if skill is None:
                raise Http404
            set_trust_policy(
                territory_id=territory.pk,
                skill=skill,
                trust=form.cleaned_data["trust"],
                by=request.user,
            )
            messages.success(request, _("The policy is saved; the next plan uses it."))
            return redirect("credentials:trust_policy", territory.slug)
        messages.error(request, _("Choose a skill and a policy."))
        status = 400
    policies = dict(
        SkillTrustPolicy.objects.filter(territory=territory).values_list("skill_id", "trust")
    )
    rows = [
        (skill, policies.get(skill.pk, SkillTrustPolicy.Trust.DECLARED))
        for skill in Skill.objects.order_by("-family", "code")
    ]
    return render(
        request,
        "credentials/trust_policy.html",
        {"territory": territory, "rows": rows, "choices": SkillTrustPolicy.Trust.choices},
        status=status,
    )
