"""Signing keys in a temporary directory for the training pages' tests."""

from tests.credentials.conftest import credential_keys  # noqa: F401
