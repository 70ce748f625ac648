"""The GPEC world and its fixtures moved to tests/scenarios.py and tests/conftest.py (the page
tests under tests/www/gpec use them too); these names stay importable from here for the tests
that still import them from this module."""

from tests.scenarios import END, START, plan

__all__ = ["END", "START", "plan"]
