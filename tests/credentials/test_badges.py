"""Issued credentials: OB 3.0 schema, an independent signature check, tampering, revocation,
expiry, key rotation, the status list, and the export and verify commands."""

import base64
import datetime as dt
import gzip
import json

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format

from maillage.credentials import badges, jose, keys
from maillage.credentials.models import STATUS_LIST_BITS, IssuedCredential
from maillage.credentials.services import revoke_credential
from maillage.credentials.verification import verify
from maillage.people.models import Role
from tests.factories import WorkerProfileFactory, WorkerSkillFactory, member_with_role, skill
from tests.factories.credentials import certified
from tests.immutability import assert_frozen, assert_never_deleted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def b64url_decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


@pytest.fixture
def trainer(territory):
    return member_with_role(Role.TRAINER, territory)


@pytest.fixture
def credential(territory, trainer):
    worker = WorkerProfileFactory(
        territory=territory, with_membership=True, user__email="ana@workers.example"
    )
    held = WorkerSkillFactory(worker=worker, skill=skill("web-upkeep"), level=2)
    certified(held, 3, trainer)
    return IssuedCredential.objects.get()


def independent_check(token: str, key_dir) -> dict:
    """Re-implemented JWS check: split, find the key file by kid, verify with cryptography."""
    header_part, payload_part, signature_part = token.split(".")
    header = json.loads(b64url_decode(header_part))
    assert header == {"alg": "EdDSA", "cty": "vc", "kid": header["kid"], "typ": "vc+jwt"}
    public = serialization.load_pem_public_key((key_dir / f"{header['kid']}.pub.pem").read_bytes())
    public.verify(  # raises InvalidSignature
        b64url_decode(signature_part), f"{header_part}.{payload_part}".encode("ascii")
    )
    return json.loads(b64url_decode(payload_part))


def test_the_credential_is_an_open_badge_that_validates(credential, credential_keys):
    document = independent_check(credential.token, credential_keys)
    assert badges.schema_errors(document) == []
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert document["issuer"]["id"] == "https://maillage.example/fr/credentials/issuer.json"
    subject = document["credentialSubject"]
    achievement = subject["achievement"]
    assert achievement["name"] == "Maintenance de sites web — niveau 3 (intermédiaire)" or (
        achievement["name"].startswith("Maintenance de sites web — niveau 3")
    )
    assert achievement["id"] == "https://maillage.example/fr/credentials/achievements/web-upkeep/3/"
    codes = [
        (a["targetFramework"].split(" ")[0], a["targetCode"]) for a in achievement["alignment"]
    ]
    assert codes == [("CRCN", "3.1"), ("DigComp", "3.1"), ("CRCN", "5.1"), ("DigComp", "5.1")]
    assert document["credentialStatus"] == {
        "id": f"https://maillage.example/fr/credentials/status/revocation#{credential.status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(credential.status_index),
        "statusListCredential": "https://maillage.example/fr/credentials/status/revocation",
    }
    assert document["evidence"] == [
        {
            "type": ["Evidence"],
            "name": "Évaluations de missions par les acheteurs",
            "narrative": "1 preuve au niveau 3 ou au-dessus.",
        }
    ]
    # No personal data: neither the email nor the name appears in clear.
    text = json.dumps(document)
    assert "ana@workers.example" not in text
    assert credential.worker.user.last_name not in text
    identity = subject["identifier"][0]
    assert identity["identityHash"].startswith("sha256$")
    assert identity["hashed"] is True
    assert verify(credential.token).status == "valid"


def test_any_changed_byte_fails_verification(credential, credential_keys):
    token = credential.token
    header_part, payload_part, signature_part = token.split(".")
    payload = b64url_decode(payload_part)
    for position in (10, len(payload) // 2, len(payload) - 3):
        changed = bytearray(payload)
        changed[position] ^= 0x01
        forged_part = base64.urlsafe_b64encode(bytes(changed)).rstrip(b"=").decode()
        forged = f"{header_part}.{forged_part}.{signature_part}"
        with pytest.raises(InvalidSignature):
            independent_check(forged, credential_keys)
        verdict = verify(forged)
        assert verdict.status in ("invalid_signature", "malformed")
        assert not verdict.is_valid
    signature = bytearray(b64url_decode(signature_part))
    signature[0] ^= 0x80
    forged = (
        f"{header_part}.{payload_part}."
        + base64.urlsafe_b64encode(bytes(signature)).rstrip(b"=").decode()
    )
    verdict = verify(forged)
    assert (verdict.status, verdict.reason) == (
        "invalid_signature",
        "The signature does not match: the credential was changed after it was signed.",
    )


def test_a_revoked_credential_reads_revoked(credential, coordinator, client):
    revoke_credential(credential=credential, reason="Erreur de saisie", by=coordinator)
    verdict = verify(credential.token)
    assert (verdict.status, verdict.reason) == (
        "revoked",
        "The cooperative revoked this credential: Erreur de saisie.",
    )
    page = client.get(f"/en/credentials/c/{credential.public_id}/")
    assert page.status_code == 200
    assert 'data-status="revoked"' in page.content.decode()
    credential.certification.refresh_from_db()
    assert credential.certification.state == "withdrawn"
    credential.certification.worker_skill.refresh_from_db()
    assert credential.certification.worker_skill.certified_level is None


def test_only_a_coordinator_of_the_territory_revokes(credential, trainer, people):
    for user in (trainer, people["other_coordinator"], people["worker"]):
        with pytest.raises(Exception) as error:
            revoke_credential(credential=credential, reason="x", by=user)
        assert type(error.value).__name__ == "PermissionDenied"
    credential.refresh_from_db()
    assert credential.revoked_at is None


def test_an_expired_credential_reads_expired(credential):
    later = credential.valid_until + dt.timedelta(days=1)
    verdict = verify(credential.token, now=later)
    assert verdict.status == "expired"
    assert verdict.reason == f"It expired on {credential.valid_until.astimezone(dt.UTC).date()}."


def test_a_rotated_key_still_verifies_and_signs_nothing_more(credential, territory, trainer):
    old_kid = credential.key_id
    new_kid = keys.create_key()
    assert verify(credential.token).status == "valid"
    assert {k.kid: k.status for k in keys.public_keys()} == {old_kid: "retired", new_kid: "active"}
    other = WorkerSkillFactory(
        worker=WorkerProfileFactory(territory=territory), skill=skill("video"), level=2
    )
    certified(other, 2, trainer)
    assert IssuedCredential.objects.get(skill=skill("video")).key_id == new_kid


def test_a_key_that_was_never_ours_fails(credential):
    stranger = Ed25519PrivateKey.generate()
    document = json.loads(b64url_decode(credential.token.split(".")[1]))
    forged = jose.sign(document, kid=credential.key_id, key=stranger)
    assert verify(forged).status == "invalid_signature"
    forged = jose.sign(document, kid="key-20260101-deadbeef", key=stranger)
    verdict = verify(forged)
    assert (verdict.status, verdict.reason) == (
        "unknown_key",
        "Signed with a key the cooperative never had (key-20260101-deadbeef).",
    )


def test_a_key_withdrawn_as_compromised_fails(credential):
    keys.create_key()
    keys.revoke_key(credential.key_id)
    assert verify(credential.token).status == "revoked_key"


def test_the_status_list_is_16_kb_with_the_revoked_bit_set(credential, coordinator, client):
    revoke_credential(credential=credential, reason="Erreur", by=coordinator)
    response = client.get("/fr/credentials/status/revocation")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    document = jose.verified_payload(
        response.content.decode(), key=keys.public_key(credential.key_id).key
    )
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    encoded = document["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    bits = gzip.decompress(b64url_decode(encoded[1:]))
    assert len(bits) * 8 == STATUS_LIST_BITS == 131_072
    index = credential.status_index
    assert bits[index // 8] & (0x80 >> (index % 8))
    assert sum(bin(b).count("1") for b in bits) == 1


def test_export_and_verify_commands(credential, coordinator, tmp_path, capsys):
    call_command("credentials", "--export", str(tmp_path / "out"))
    path = tmp_path / "out" / f"{credential.public_id}.json"
    exported = json.loads(path.read_text())
    assert exported["type"] == "EnvelopedVerifiableCredential"
    assert exported["id"] == "data:application/vc+jwt," + credential.token
    capsys.readouterr()
    call_command("verify_credential", str(path))  # exits 0: no SystemExit
    assert json.loads(capsys.readouterr().out)["status"] == "valid"

    revoke_credential(credential=credential, reason="Erreur", by=coordinator)
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_credential", str(path))
    assert exit_.value.code == 1
    assert json.loads(capsys.readouterr().out)["status"] == "revoked"

    tampered = tmp_path / "tampered.json"
    tampered.write_text(path.read_text().replace(credential.token[-5:], "AAAAA"))
    with pytest.raises(SystemExit):
        call_command("verify_credential", str(tampered))
    assert json.loads(capsys.readouterr().out)["status"] == "invalid_signature"


def test_the_keys_command_creates_and_rotates_in_the_settings_directory(credential_keys, capsys):
    call_command("credential_keys", "--create")
    listed = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]]
    assert [status for _kid, status, _at in listed] == ["active", "retired"]
    assert len(list(credential_keys.glob("*.pem"))) == 4  # 2 private + 2 public
    private = next(p for p in credential_keys.glob("*.pem") if not p.name.endswith(".pub.pem"))
    assert private.stat().st_mode & 0o777 == 0o600


def test_the_credential_records_are_frozen(credential):
    assert_frozen(credential, level=8)
    assert_frozen(credential, token="x")
    assert_never_deleted(credential)
    assert_frozen(credential.certification.signatures.get(), justification="autre")
    credential.revoked_at = timezone.now()
    credential.revocation_reason = "x"
    credential.save()
    assert_frozen(credential, revocation_reason="y")


def test_every_changed_byte_of_the_signed_input_fails(credential, credential_keys):
    """Each byte of header and payload, flipped in turn, fails the independent check."""
    header_part, payload_part, signature_part = credential.token.split(".")
    signed = bytearray(f"{header_part}.{payload_part}".encode("ascii"))
    public = serialization.load_pem_public_key(
        (credential_keys / f"{credential.key_id}.pub.pem").read_bytes()
    )
    signature = b64url_decode(signature_part)
    public.verify(signature, bytes(signed))
    for position in range(len(signed)):
        changed = bytearray(signed)
        changed[position] ^= 0x01
        with pytest.raises(InvalidSignature):
            public.verify(signature, bytes(changed))


def test_a_credential_signed_with_a_rotated_key_after_its_rotation_is_refused(
    credential, credential_keys
):
    old_kid = credential.key_id
    keys.create_key()
    old_private = serialization.load_pem_private_key(
        (credential_keys / f"{old_kid}.pem").read_bytes(), None
    )
    document = json.loads(b64url_decode(credential.token.split(".")[1]))
    retired = dt.datetime.fromisoformat(keys.public_key(old_kid).retired).date()
    retired_on = date_format(retired, "DATE_FORMAT")  # "Nov. 30, 2026" in English
    # A new credential made with the old key, and a registered id re-signed at a higher level
    # and back-dated: the register knows neither token under that key.
    new_one = dict(document, id="urn:uuid:00000000-0000-4000-8000-000000000001")
    upgraded = json.loads(json.dumps(document, ensure_ascii=False).replace("niveau 3", "niveau 5"))
    assert upgraded != document
    for forged_document in (new_one, upgraded):
        forged = jose.sign(forged_document, kid=old_kid, key=old_private)
        verdict = verify(forged)
        assert (verdict.status, verdict.reason) == (
            "retired_key",
            f"Signed with a key the cooperative rotated out on {retired_on} and that signs "
            "nothing since: the cooperative never issued this credential with it.",
        )
    assert verify(credential.token).status == "valid"
    assert IssuedCredential.objects.count() == 1
