"""Signing keys in a temporary directory (never var/keys) for every credentials test."""

import pytest

from maillage.credentials import keys


@pytest.fixture(autouse=True)
def credential_keys(settings, tmp_path):
    settings.MAILLAGE_CREDENTIAL_KEYS_DIR = tmp_path / "keys"
    settings.MAILLAGE_PRIVATE_FILES_DIR = tmp_path / "private"
    settings.MAILLAGE_PUBLIC_BASE_URL = "https://maillage.example"
    keys.create_key()
    return settings.MAILLAGE_CREDENTIAL_KEYS_DIR
