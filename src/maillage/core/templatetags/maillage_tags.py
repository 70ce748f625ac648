"""Template filters for times and durations kept in minutes."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def minutes_to_time(minutes: int) -> str:
    """930 -> '15:30'."""
    minutes = int(minutes)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@register.filter
def minutes_to_hours(minutes: int | None) -> str:
    """150 -> '2.5' (localised: '2,5' in French)."""
    if minutes is None:
        return "—"
    return (
        number_format(round(int(minutes) / 60, 2), decimal_pos=None, use_l10n=True)
        .rstrip("0")
        .rstrip(",.")
        or "0"
    )
