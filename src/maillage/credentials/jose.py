"""VC-JOSE: a credential secured as a compact JWS (``typ: vc+jwt``, ``alg: EdDSA``, Ed25519).

The JWS payload is the credential itself, unchanged (W3C VC-JOSE-COSE, §3.1.1); the
protected header names the key (``kid``) in the issuer's published key set. PyJWT signs and
checks; the tests re-check with ``cryptography`` alone.
"""

from __future__ import annotations

import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from jwt import api_jws
from jwt.exceptions import DecodeError, InvalidSignatureError, InvalidTokenError

MEDIA_TYPE = "application/vc+jwt"
TYP = "vc+jwt"
CTY = "vc"
ALG = "EdDSA"


class Malformed(Exception):
    """Not a compact JWS this platform issues."""


class BadSignature(Exception):
    """The signature does not match the header and payload."""


def payload_bytes(credential: dict[str, Any]) -> bytes:
    return json.dumps(credential, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sign(credential: dict[str, Any], *, kid: str, key: Ed25519PrivateKey) -> str:
    """The compact JWS of ``credential``."""
    return api_jws.PyJWS().encode(
        payload_bytes(credential),
        key,
        algorithm=ALG,
        headers={"kid": kid, "typ": TYP, "cty": CTY},
    )


def header(token: str) -> dict[str, Any]:
    """The protected header, unverified (to find the key)."""
    if not isinstance(token, str) or token.count(".") != 2:
        raise Malformed("not a compact JWS (three dot-separated parts)")
    try:
        found = api_jws.get_unverified_header(token)
    except (DecodeError, InvalidTokenError) as error:
        raise Malformed(str(error)) from error
    if found.get("alg") != ALG:
        raise Malformed(f"unexpected algorithm {found.get('alg')!r}")
    if found.get("typ") != TYP:
        raise Malformed(f"unexpected type {found.get('typ')!r}")
    if not isinstance(found.get("kid"), str):
        raise Malformed("no key id")
    return found


def verified_payload(token: str, *, key: Ed25519PublicKey) -> dict[str, Any]:
    """The credential, once the signature is checked with ``key``."""
    try:
        decoded = api_jws.PyJWS().decode_complete(token, key, algorithms=[ALG])
    except InvalidSignatureError as error:
        raise BadSignature(str(error)) from error
    except (DecodeError, InvalidTokenError) as error:
        raise Malformed(str(error)) from error
    try:
        credential = json.loads(decoded["payload"])
    except (ValueError, UnicodeDecodeError) as error:
        raise Malformed("the payload is not JSON") from error
    if not isinstance(credential, dict):
        raise Malformed("the payload is not a JSON object")
    return credential


def b64decode(part: str) -> bytes:
    import base64

    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
