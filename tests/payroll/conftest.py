"""Fixtures of the OpenFisca adapter tests: the tax-benefit system is built once per session."""

from collections.abc import Iterator
from typing import Any

import pytest

from maillage.payroll import clear_cache, tax_benefit_system


@pytest.fixture(scope="session", autouse=True)
def france_system() -> Any:
    """Build OpenFisca-France once for the whole session (about 3 s)."""
    return tax_benefit_system()


@pytest.fixture
def empty_cache() -> Iterator[None]:
    """Start and end a test with no cached payroll result."""
    clear_cache()
    yield
    clear_cache()
