"""French public holidays (jours fériés) of metropolitan France, computed for any year.

Pure functions: the eleven holidays of the Code du travail (L3133-1), the movable ones from
Easter Sunday (Gregorian computus). Alsace-Moselle's two extra days are not included.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# A holiday's name, translated when shown.
HolidayName = str | Promise

_FIXED = (
    (1, 1, _("New Year's Day")),
    (5, 1, _("Labour Day")),
    (5, 8, _("Victory in Europe Day")),
    (7, 14, _("Bastille Day")),
    (8, 15, _("Assumption")),
    (11, 1, _("All Saints' Day")),
    (11, 11, _("Armistice Day")),
    (12, 25, _("Christmas Day")),
)
_FROM_EASTER = (
    (1, _("Easter Monday")),
    (39, _("Ascension Day")),
    (50, _("Whit Monday")),
)


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@cache
def public_holidays(year: int) -> dict[dt.date, HolidayName]:
    """The year's public holidays: date -> name (lazy, translated when shown)."""
    days: dict[dt.date, HolidayName] = {
        dt.date(year, month, day): label for month, day, label in _FIXED
    }
    easter = easter_sunday(year)
    for offset, label in _FROM_EASTER:
        days[easter + dt.timedelta(days=offset)] = label
    return dict(sorted(days.items(), key=lambda item: item[0]))


def public_holidays_between(first: dt.date, last: dt.date) -> dict[dt.date, HolidayName]:
    """Public holidays from `first` to `last` included, in date order."""
    found: dict[dt.date, HolidayName] = {}
    for year in range(first.year, last.year + 1):
        found.update({d: n for d, n in public_holidays(year).items() if first <= d <= last})
    return found


def is_public_holiday(day: dt.date) -> bool:
    return day in public_holidays(day.year)
