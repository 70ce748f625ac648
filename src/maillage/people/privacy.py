"""The small-cell rule of every aggregate about people, shared by all apps.

A count of people from 1 to MAILLAGE_MIN_GROUP_SIZE - 1 is hidden; 0 is shown (nobody).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Cell:
    """A count of people, or None when the group is too small to be shown."""

    value: int | None

    @property
    def hidden(self) -> bool:
        return self.value is None


def people_cell(count: int) -> Cell:
    """Show a count of people only from the minimum group size up (0 is shown: nobody)."""
    if 0 < count < settings.MAILLAGE_MIN_GROUP_SIZE:
        return Cell(None)
    return Cell(count)
