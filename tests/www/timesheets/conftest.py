"""The dated weeks of tests/timesheets, one user per role, and the pages' clock frozen on the
Monday after the week (the pages ask the real clock which sessions are over)."""

import pytest

from tests.timesheets.conftest import NOW, dated  # noqa: F401 (a fixture)


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    return NOW


@pytest.fixture
def roles(dated, people, frozen):  # noqa: F811
    """Who asks: Alice (the worker), the two buyers, the coordinator, and the others."""
    return {
        **people,
        "worker": dated.alice.user,
        "other_worker": dated.bruno.user,
        "buyer_member": dated.school_buyer,
        "library_buyer": dated.library_buyer,
        "coordinator": dated.coordinator,
    }
