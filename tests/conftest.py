"""Shared fixtures: the communes loaded once per test session, and the factories."""

import pytest

from maillage.territory.services import load_communes


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load every commune once per session (regular tests roll back above this layer)."""
    with django_db_blocker.unblock():
        load_communes()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.LANGUAGE_CODE = "fr"
    # A fast hasher: the real one costs ~0.3 s a password, on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
