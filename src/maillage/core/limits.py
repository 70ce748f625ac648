"""The bounds on input stated in settings.MAILLAGE_LIMITS, read in one place."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings


def limit(name: str) -> Any:
    """The bound ``name`` of settings.MAILLAGE_LIMITS (a KeyError names a typo at once)."""
    return settings.MAILLAGE_LIMITS[name]


def text_max_length() -> int:
    """The longest free text (a description, a reason, a note) a form accepts."""
    return int(limit("text_max_length"))


def in_known_years(day: dt.date) -> bool:
    """Whether a page or a run may be asked for ``day``'s month or week: its year lies
    between ``first_year`` and ``last_year``."""
    return int(limit("first_year")) <= day.year <= int(limit("last_year"))
