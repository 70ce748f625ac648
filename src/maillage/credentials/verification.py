"""Check a credential: its form, its key, its signature, its schema, its status, its dates.

Verdicts: ``valid``, ``revoked``, ``expired``, ``not_yet_valid``, ``invalid_signature``,
``unknown_key``, ``revoked_key``, ``retired_key``, ``malformed``; each with the reason in
words. A key that was rotated out (retired) still verifies what it signed — the credentials
the register records as signed with it — but a credential signed with it that the register
does not hold (made with the old key after its rotation, however it is dated) reads
``retired_key``; a key that was never ours, or one withdrawn as compromised, verifies nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from maillage.credentials import badges, jose, keys, statuslist
from maillage.credentials.models import IssuedCredential

VALID = "valid"
REVOKED = "revoked"
EXPIRED = "expired"
NOT_YET_VALID = "not_yet_valid"
INVALID_SIGNATURE = "invalid_signature"
UNKNOWN_KEY = "unknown_key"
REVOKED_KEY = "revoked_key"
RETIRED_KEY = "retired_key"
MALFORMED = "malformed"
ENVELOPE_PREFIX = "data:application/vc+jwt,"


@dataclass
class Verdict:
    status: str
    reason: str
    key_id: str = ""
    credential_id: str = ""
    achievement: str = ""
    valid_from: str = ""
    valid_until: str = ""
    credential: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def is_valid(self) -> bool:
        return self.status == VALID

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("credential")
        data["valid"] = self.is_valid
        return data


def token_from_text(text: str) -> str:
    """The compact JWS in a file or a form: bare, or in a VC 2.0 enveloped credential."""
    text = text.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            return text
        value = data.get("id", "") if isinstance(data, dict) else ""
        if isinstance(value, str) and value.startswith(ENVELOPE_PREFIX):
            return value[len(ENVELOPE_PREFIX) :]
        return text
    return text


def revoked_indexes() -> list[int]:
    return list(
        IssuedCredential.objects.filter(revoked_at__isnull=False).values_list(
            "status_index", flat=True
        )
    )


def _day(iso: str) -> str:
    """An ISO date-time as a date in the reader's language ("30 novembre 2026")."""
    try:
        return date_format(dt.datetime.fromisoformat(iso).date(), "DATE_FORMAT")
    except ValueError:
        return iso[:10]


def _registered(credential_id: Any, kid: str, token: str) -> bool:
    """True when the register holds this very token as credential ``urn:uuid:<id>`` signed
    with key ``kid`` (a re-signed copy of a registered id, however dated, is not it)."""
    if not isinstance(credential_id, str) or not credential_id.startswith("urn:uuid:"):
        return False
    try:
        public_id = uuid.UUID(credential_id.removeprefix("urn:uuid:"))
    except ValueError:
        return False
    return IssuedCredential.objects.filter(public_id=public_id, key_id=kid, token=token).exists()


def _parse_time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def verify(text: str, *, now: dt.datetime | None = None) -> Verdict:
    """The verdict on a credential given as text (compact JWS or enveloped JSON)."""
    now = now or timezone.now()
    token = token_from_text(text)
    try:
        header = jose.header(token)
    except jose.Malformed as error:
        return Verdict(MALFORMED, _("This is not a signed credential: %(e)s.") % {"e": error})
    kid = header["kid"]
    key = keys.public_key(kid)
    if key is None:
        return Verdict(
            UNKNOWN_KEY,
            _("Signed with a key the cooperative never had (%(kid)s).") % {"kid": kid[:80]},
            key_id=kid[:80],
        )
    if key.status == keys.REVOKED:
        return Verdict(
            REVOKED_KEY,
            _("Signed with a key the cooperative withdrew as compromised (%(kid)s).")
            % {"kid": kid},
            key_id=kid,
        )
    try:
        credential = jose.verified_payload(token, key=key.key)
    except jose.BadSignature:
        return Verdict(
            INVALID_SIGNATURE,
            _("The signature does not match: the credential was changed after it was signed."),
            key_id=kid,
        )
    except jose.Malformed as error:
        return Verdict(MALFORMED, _("This is not a signed credential: %(e)s.") % {"e": error})
    base = {
        "key_id": kid,
        "credential_id": str(credential.get("id", ""))[:200],
        "achievement": str(
            credential.get("credentialSubject", {}).get("achievement", {}).get("name", "")
            if isinstance(credential.get("credentialSubject"), dict)
            else ""
        )[:300],
        "valid_from": str(credential.get("validFrom", ""))[:40],
        "valid_until": str(credential.get("validUntil", ""))[:40],
        "credential": credential,
    }
    if key.status == keys.RETIRED and not _registered(credential.get("id"), kid, token):
        return Verdict(
            RETIRED_KEY,
            _(
                "Signed with a key the cooperative rotated out%(when)s and that signs nothing "
                "since: the cooperative never issued this credential with it."
            )
            % {"when": _(" on %(date)s") % {"date": _day(key.retired)} if key.retired else ""},
            **base,
        )
    errors = badges.schema_errors(credential)
    if errors:
        return Verdict(
            MALFORMED,
            _("Not an Open Badges 3.0 credential: %(e)s.") % {"e": errors[0][:300]},
            **base,
        )
    issuer = credential["issuer"]
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer_id != badges.issuer_id():
        return Verdict(UNKNOWN_KEY, _("Issued by someone else than this cooperative."), **base)
    status = credential.get("credentialStatus")
    if isinstance(status, dict):
        try:
            index = int(status.get("statusListIndex", ""))
            revoked = statuslist.is_set(
                statuslist.decode(statuslist.encode(revoked_indexes())), index
            )
        except (ValueError, IndexError):
            return Verdict(MALFORMED, _("Its revocation entry is not readable."), **base)
        if revoked:
            reason = (
                IssuedCredential.objects.filter(status_index=index)
                .values_list("revocation_reason", flat=True)
                .first()
            )
            return Verdict(
                REVOKED,
                _("The cooperative revoked this credential: %(why)s.")
                % {"why": reason or _("no reason given")},
                **base,
            )
    valid_from = _parse_time(credential.get("validFrom"))
    valid_until = _parse_time(credential.get("validUntil"))
    if valid_from is None:
        return Verdict(MALFORMED, _("Its start of validity is not a date."), **base)
    if valid_from > now:
        return Verdict(NOT_YET_VALID, _("It is not valid yet."), **base)
    if valid_until is not None and valid_until <= now:
        return Verdict(
            EXPIRED,
            _("It expired on %(date)s.") % {"date": valid_until.date().isoformat()},
            **base,
        )
    if key.status == keys.RETIRED:
        reason = _("Signed by the cooperative with an earlier key, still valid and not revoked.")
    else:
        reason = _("Signed by the cooperative, not revoked, not expired.")
    return Verdict(VALID, reason, **base)
