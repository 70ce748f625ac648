"""Reads of certifications and credentials for the pages and commands."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Prefetch, QuerySet

from maillage.credentials import jose
from maillage.credentials.models import Certification, CertificationState, IssuedCredential
from maillage.credentials.verification import ENVELOPE_PREFIX
from maillage.people.models import WorkerProfile
from maillage.skills.models import SkillEvidence, WorkerSkill


def enveloped(credential: IssuedCredential) -> dict[str, Any]:
    """The credential as a VC 2.0 EnvelopedVerifiableCredential (JSON around the JWS)."""
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": ENVELOPE_PREFIX + credential.token,
        "type": "EnvelopedVerifiableCredential",
    }


def credential_document(credential: IssuedCredential) -> dict[str, Any]:
    """The signed credential's JSON (the JWS payload), for display."""
    payload = credential.token.split(".")[1]
    return json.loads(jose.b64decode(payload))


def skills_with_evidence(worker: WorkerProfile) -> QuerySet[WorkerSkill]:
    return (
        WorkerSkill.objects.filter(worker=worker)
        .select_related("skill")
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=SkillEvidence.objects.select_related("recorded_by").order_by(
                    "-issued_on", "-pk"
                ),
            ),
            Prefetch(
                "certifications",
                queryset=Certification.objects.prefetch_related("signatures__certifier"),
            ),
        )
        .order_by("skill__code")
    )


def credentials_of(worker: WorkerProfile) -> QuerySet[IssuedCredential]:
    return IssuedCredential.objects.filter(worker=worker).select_related("skill")


def pending_certifications(workers: QuerySet[WorkerProfile]) -> QuerySet[Certification]:
    return (
        Certification.objects.filter(
            state=CertificationState.PENDING, worker_skill__worker__in=workers
        )
        .select_related("worker_skill__skill", "worker_skill__worker__user")
        .prefetch_related("signatures__certifier")
    )
