"""The cooperative's Ed25519 signing keys, kept as files outside the database.

The directory (``settings.MAILLAGE_CREDENTIAL_KEYS_DIR``, default ``var/keys``) holds, per
key, ``<kid>.pem`` (the private key, PKCS#8, readable by the owner only) and
``<kid>.pub.pem``, and ``keys.json``: which key signs now (``active``) and each key's status.
A rotated key is ``retired`` (the manifest keeps when): it signs nothing more and still
verifies what it signed — the credentials the register records as signed with it, and
nothing else. A key known to be compromised is ``revoked``: what it signed no longer verifies.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.utils.translation import gettext as _

MANIFEST = "keys.json"
ACTIVE, RETIRED, REVOKED = "active", "retired", "revoked"
# Multicodec prefix of an Ed25519 public key (0xed 0x01), for the multikey form.
ED25519_MULTICODEC = b"\xed\x01"
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


class KeyError_(Exception):
    """No usable key (none created, or the directory is unreadable)."""


@dataclass(frozen=True)
class PublicKey:
    kid: str
    status: str
    created: str
    key: Ed25519PublicKey
    retired: str = ""
    """When the key was rotated out (ISO 8601), empty while active or for older manifests."""

    def raw(self) -> bytes:
        return self.key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    def jwk(self) -> dict[str, str]:
        """RFC 8037 OKP JWK."""
        return {
            "kty": "OKP",
            "crv": "Ed25519",
            "x": b64url(self.raw()),
            "kid": self.kid,
            "alg": "EdDSA",
            "use": "sig",
        }

    def multikey(self) -> str:
        """The Multikey form: base58btc ('z') of the multicodec-prefixed key."""
        return "z" + base58(ED25519_MULTICODEC + self.raw())


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def base58(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rest = divmod(number, 58)
        out = _B58[rest] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def keys_dir() -> Path:
    return Path(
        getattr(
            settings, "MAILLAGE_CREDENTIAL_KEYS_DIR", Path(settings.PROJECT_DIR) / "var" / "keys"
        )
    )


def _manifest(directory: Path) -> dict:
    path = directory / MANIFEST
    if not path.exists():
        return {"active": None, "keys": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def _write_manifest(directory: Path, manifest: dict) -> None:
    tmp = directory / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    tmp.replace(directory / MANIFEST)


def create_key(*, directory: Path | None = None, now: dt.datetime | None = None) -> str:
    """Create a new Ed25519 key and make it the active one (the previous one retires)."""
    directory = directory or keys_dir()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = now or dt.datetime.now(dt.UTC)
    kid = f"key-{now:%Y%m%d}-{secrets.token_hex(4)}"
    private = Ed25519PrivateKey.generate()
    private_path = directory / f"{kid}.pem"
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(
            private.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    (directory / f"{kid}.pub.pem").write_bytes(
        private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    manifest = _manifest(directory)
    for entry in manifest["keys"].values():
        if entry["status"] == ACTIVE:
            entry["status"] = RETIRED
            entry["retired"] = now.isoformat(timespec="seconds")
    manifest["keys"][kid] = {"status": ACTIVE, "created": now.isoformat(timespec="seconds")}
    manifest["active"] = kid
    _write_manifest(directory, manifest)
    return kid


def revoke_key(kid: str, *, directory: Path | None = None) -> None:
    """Mark a key compromised: what it signed stops verifying; it never signs again."""
    directory = directory or keys_dir()
    manifest = _manifest(directory)
    if kid not in manifest["keys"]:
        raise KeyError_(_("No key %(kid)s here.") % {"kid": kid})
    manifest["keys"][kid]["status"] = REVOKED
    if manifest["active"] == kid:
        manifest["active"] = None
    _write_manifest(directory, manifest)


def public_keys(*, directory: Path | None = None) -> list[PublicKey]:
    """Every key ever created here, newest first, with its status."""
    directory = directory or keys_dir()
    manifest = _manifest(directory)
    found = []
    for kid, entry in manifest["keys"].items():
        path = directory / f"{kid}.pub.pem"
        if not path.exists():
            continue
        key = serialization.load_pem_public_key(path.read_bytes())
        if isinstance(key, Ed25519PublicKey):
            found.append(
                PublicKey(kid, entry["status"], entry["created"], key, entry.get("retired", ""))
            )
    return sorted(found, key=lambda k: (k.status == ACTIVE, k.created), reverse=True)


def public_key(kid: str, *, directory: Path | None = None) -> PublicKey | None:
    return next((k for k in public_keys(directory=directory) if k.kid == kid), None)


def active_key(*, directory: Path | None = None) -> tuple[str, Ed25519PrivateKey]:
    """The key that signs now: (kid, private key)."""
    directory = directory or keys_dir()
    kid = _manifest(directory).get("active")
    if not kid:
        raise KeyError_(_("No signing key: run “manage.py credential_keys --create” first."))
    key = serialization.load_pem_private_key((directory / f"{kid}.pem").read_bytes(), None)
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyError_(_("The active key is not an Ed25519 key."))
    return kid, key


def ensure_key(*, directory: Path | None = None) -> str:
    """The active key's id, creating a first key if there is none (the demo's keys)."""
    try:
        return active_key(directory=directory)[0]
    except (KeyError_, FileNotFoundError):
        return create_key(directory=directory)
