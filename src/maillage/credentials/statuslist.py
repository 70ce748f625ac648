"""Bitstring Status List v1.0: the revocation list every credential points into.

The list is a bitstring of at least 131,072 bits (16 KB); bit ``i`` (the first bit is the
most significant bit of the first byte) is 1 when the credential of index ``i`` is revoked.
``encodedList`` is the Multibase base64url (no padding, prefix ``u``) of its GZIP.
"""

from __future__ import annotations

import base64
import gzip
from collections.abc import Iterable

from maillage.credentials.models import STATUS_LIST_BITS


def encode(revoked: Iterable[int], *, size: int = STATUS_LIST_BITS) -> str:
    bits = bytearray(size // 8)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same list always compresses to the same bytes.
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode("ascii")


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("not a multibase base64url value")
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def is_set(bits: bytes, index: int) -> bool:
    if not 0 <= index < len(bits) * 8:
        raise IndexError(index)
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
