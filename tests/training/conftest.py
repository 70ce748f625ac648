"""Signing keys in a temporary directory for the training tests (certification signs)."""

from tests.credentials.conftest import credential_keys  # noqa: F401
