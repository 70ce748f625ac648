"""Template filters for times and durations kept in minutes, and for money."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.urls import translate_url
from django.utils.formats import number_format
from django.utils.translation import get_language

from maillage.core.formatting import format_duration, format_money

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


@register.filter
def duration(minutes: int | None) -> str:
    """90 -> '1 h 30', 240 -> '4 h' (see ``core.formatting.format_duration``)."""
    return format_duration(minutes)


@register.filter
def money(amount) -> str:
    """An amount in euros in the page's language: '1 234,56 €' or '€1,234.56'."""
    return format_money(amount, get_language() or "fr")


@register.simple_tag(takes_context=True)
def page_in_language(context, language: str) -> str:
    """The URL of the current page under ``language``'s prefix (/fr/... -> /en/...).

    The language switcher posts it as ``next``: it is computed while the page renders, in the
    page's own language, because set_language runs in the browser's language and could not
    resolve a URL carrying another prefix.
    """
    request = context.get("request")
    if request is None:
        return "/"
    return translate_url(request.get_full_path(), language)


@register.filter
def percent(share) -> str:
    """A share from 0 to 1 as a percentage in the page's language: 0.0825 -> '8,25 %'."""
    if share is None or share == "":
        return "—"
    return f"{floatformat(share * 100, '-2')}\u00a0%"


@register.filter
def basis_points(value) -> str:
    """Basis points (1/100 of a percent) as a percentage: 2500 -> '25 %'."""
    if value is None or value == "":
        return "—"
    return percent(Decimal(value) / 10_000)


@register.filter
def decimal(value) -> str:
    """A stored rate without its padding zeros, localized: Decimal('0.6360') -> '0,636'."""
    if value is None or value == "":
        return "—"
    exact = Decimal(str(value)).normalize()
    exponent = exact.as_tuple().exponent  # a letter for NaN and infinity
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return number_format(exact, decimal_pos=places, use_l10n=True)
