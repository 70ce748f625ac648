"""French public holidays, for the pages and calendars of dated work.

They live in :mod:`maillage.territory.holidays` (the consolidation, below this app, needs
them too); this module keeps the names the execution app has always used.
"""

from maillage.territory.holidays import (
    HolidayName,
    easter_sunday,
    is_public_holiday,
    public_holidays,
    public_holidays_between,
)

__all__ = [
    "HolidayName",
    "easter_sunday",
    "is_public_holiday",
    "public_holidays",
    "public_holidays_between",
]
