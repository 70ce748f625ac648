"""The JSON of what the platform signs: an OpenBadgeCredential (OB 3.0 on the VC Data Model
2.0), the issuer's profile with its keys, and the revocation list credential.

No personal data goes into a credential but what identifies its holder to someone who
already knows them: a salted SHA-256 of the worker's email (an OB 3.0 ``IdentityObject``).
Evidence is summarised by kind and count, never with names, places or comments.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from maillage.credentials import keys
from maillage.skills.models import Skill, SkillEvidence, level_band
from maillage.skills.referential import crcn_alignment

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA_ID = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential-jsonschema1.json"
CRCN_URL = "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000039005162"
DIGCOMP_URL = "https://publications.jrc.ec.europa.eu/repository/handle/JRC128415"
SCHEMA_FILE = Path(__file__).resolve().parent / "data" / "achievementcredential.json"
#: How long a credential is valid: a level is worth re-checking after three years.
VALIDITY = dt.timedelta(days=3 * 365)


def base_url() -> str:
    return str(getattr(settings, "MAILLAGE_PUBLIC_BASE_URL", "http://localhost:8000")).rstrip("/")


def url(name: str, *args: Any) -> str:
    """An absolute URL of a public page, in French (the identifiers never change language)."""
    with translation.override("fr"):
        return base_url() + reverse(f"credentials:{name}", args=args)


def issuer_id() -> str:
    return url("issuer_json")


def status_list_url() -> str:
    return url("status_list")


def xsd(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def schema_errors(credential: dict[str, Any]) -> list[str]:
    """What makes ``credential`` invalid against the OB 3.0 JSON Schema (none: valid)."""
    validator = jsonschema.Draft201909Validator(schema())
    return sorted(
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in validator.iter_errors(credential)
    )


def issuer_name() -> str:
    return str(settings.MAILLAGE_CARRIER["name"])


def issuer_ref() -> dict[str, Any]:
    return {
        "id": issuer_id(),
        "type": ["Profile"],
        "name": issuer_name(),
        "url": url("issuer"),
    }


def issuer_profile() -> dict[str, Any]:
    """The issuer's public profile, with every key that ever signed (status included)."""
    found = keys.public_keys()
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        **issuer_ref(),
        "description": "Coopérative territoriale du travail numérique (Maillage).",
        "verificationMethod": [
            {
                "id": f"{issuer_id()}#{key.kid}",
                "type": "Multikey",
                "controller": issuer_id(),
                "publicKeyMultibase": key.multikey(),
                "status": key.status,
            }
            for key in found
        ],
        "jwks": {"keys": [key.jwk() | {"status": key.status} for key in found]},
    }


def _alignment(skill: Skill) -> list[dict[str, Any]]:
    aligned = []
    for competence in crcn_alignment(skill.code):
        aligned.append(
            {
                "type": ["Alignment"],
                "targetName": competence["label_fr"],
                "targetDescription": competence["label_en"],
                "targetFramework": "CRCN (Cadre de référence des compétences numériques)",
                "targetCode": competence["code"],
                "targetType": "ext:CRCN",
                "targetUrl": CRCN_URL,
            }
        )
        for code in competence["digcomp"].split():
            aligned.append(
                {
                    "type": ["Alignment"],
                    "targetName": f"DigComp 2.2 — {code}",
                    "targetFramework": "DigComp 2.2",
                    "targetCode": code,
                    "targetType": "ext:DigComp",
                    "targetUrl": DIGCOMP_URL,
                }
            )
    return aligned


def achievement(skill: Skill, level: int) -> dict[str, Any]:
    with translation.override("fr"):
        band = level_band(level)
    return {
        "id": url("achievement", skill.code, level),
        "type": ["Achievement"],
        "achievementType": "Competency",
        "name": f"{skill.name_fr} — niveau {level} ({band})",
        "description": skill.description_fr or skill.name_fr,
        "criteria": {
            "narrative": (
                f"Niveau {level} sur 8 (échelle CRCN / DigComp 2.2), attribué par "
                f"{'deux certificateurs' if level >= 5 else 'un certificateur'} de la "
                "coopérative après examen de preuves issues du travail réel (évaluations de "
                "missions, validations par des pairs, certificats, évaluations de formation)."
            )
        },
        "alignment": _alignment(skill),
        "humanCode": f"{skill.code}-{level}",
        "inLanguage": "fr",
    }


EVIDENCE_NAMES: dict[str, str] = {
    SkillEvidence.Kind.MISSION_EVALUATION: "Évaluations de missions par les acheteurs",
    SkillEvidence.Kind.PEER_VALIDATION: "Validations par des pairs certifiés",
    SkillEvidence.Kind.CERTIFICATE: "Certificats (Pix, diplôme)",
    SkillEvidence.Kind.TRAINER_ASSESSMENT: "Évaluations de fin de formation",
}


def evidence_summary(evidence: Iterable[SkillEvidence], level: int) -> list[dict[str, Any]]:
    """One entry per kind of evidence at or above the level: a count, nothing personal."""
    counts = Counter(e.kind for e in evidence if e.kind in EVIDENCE_NAMES and e.level >= level)
    return [
        {
            "type": ["Evidence"],
            "name": EVIDENCE_NAMES[kind],
            # French grammar: 0 and 1 take the singular.
            "narrative": f"{count} {'preuves' if count > 1 else 'preuve'} au niveau {level} "
            "ou au-dessus.",
        }
        for kind, count in sorted(counts.items())
    ]


def identity(email: str, salt: str) -> dict[str, Any]:
    digest = hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()
    return {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def open_badge(
    *,
    public_id: str,
    skill: Skill,
    level: int,
    email: str,
    salt: str,
    evidence: Iterable[SkillEvidence],
    status_index: int,
    issued_at: dt.datetime,
    valid_until: dt.datetime,
) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential of a certified level."""
    badge = achievement(skill, level)
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{public_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": badge["name"],
        "issuer": issuer_ref(),
        "validFrom": xsd(issued_at),
        "validUntil": xsd(valid_until),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [identity(email, salt)],
            "achievement": badge,
        },
        "evidence": evidence_summary(evidence, level),
        "credentialStatus": {
            "id": f"{status_list_url()}#{status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(status_index),
            "statusListCredential": status_list_url(),
        },
        "credentialSchema": [{"id": OB_SCHEMA_ID, "type": "1EdTechJsonSchemaValidator2019"}],
    }


def status_list_credential(*, encoded_list: str, now: dt.datetime) -> dict[str, Any]:
    return {
        "@context": [VC_CONTEXT],
        "id": status_list_url(),
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": xsd(now),
        "credentialSubject": {
            "id": f"{status_list_url()}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list,
        },
    }
