"""Parameters in, words out: store raw values, render them in the active language.

Dates are stored as ISO strings (the JSON column holds no dates) and shown with the
language's date format; values with their own words (``BILLABLE``, ``OUTCOME``) are looked up
when shown. Nothing here marks text safe: templates escape what this returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.urls import translate_url
from django.utils import formats, translation
from django.utils.translation import get_language

from maillage.core.formatting import format_money
from maillage.notifications.kinds import KindSpec, spec

ParamValue = str | int | Decimal | dt.date | dt.datetime


def serialise(kind_spec: KindSpec, params: Mapping[str, ParamValue]) -> dict[str, str | int]:
    """The JSON-ready parameters of a notification; ValueError for missing or unknown ones."""
    expected = set(kind_spec.params)
    given = set(params)
    if given != expected:
        missing = ", ".join(sorted(expected - given)) or "-"
        unknown = ", ".join(sorted(given - expected)) or "-"
        raise ValueError(f"Notification parameters: missing {missing}; unknown {unknown}.")
    stored: dict[str, str | int] = {}
    for name, param_type in kind_spec.params.items():
        value = params[name]
        if param_type is dt.date:
            if isinstance(value, dt.date):  # a datetime is a date too
                stored[name] = value.isoformat()
            else:
                # A string must already be an ISO date: fail now rather than when shown.
                dt.date.fromisoformat(str(value)[:10])
                stored[name] = str(value)
        elif param_type is int:
            stored[name] = int(value)  # type: ignore[arg-type]
        elif param_type is Decimal:
            try:
                amount = Decimal(str(value))
            except InvalidOperation:
                amount = Decimal("NaN")
            if not amount.is_finite():
                raise ValueError(f"Notification parameter {name}: not an amount.")
            stored[name] = str(amount)
        elif isinstance(param_type, Mapping):
            key = str(int(value)) if isinstance(value, bool) else str(value)
            if key not in param_type:
                raise ValueError(f"Notification parameter {name}: unknown value {key!r}.")
            stored[name] = key
        else:
            stored[name] = str(value)
    return stored


def _date_text(raw: str) -> str:
    try:
        if "T" in raw:
            return formats.date_format(dt.datetime.fromisoformat(raw), "DATETIME_FORMAT")
        return formats.date_format(dt.date.fromisoformat(raw), "DATE_FORMAT")
    except ValueError:
        return raw


def _money_text(raw: str) -> str:
    try:
        return format_money(Decimal(raw), get_language() or settings.LANGUAGE_CODE)
    except (InvalidOperation, ValueError):
        return raw


def display_params(kind: str, params: Mapping[str, Any]) -> dict[str, str]:
    """The parameters as words of the active language (missing ones are empty)."""
    shown: dict[str, str] = {}
    for name, param_type in spec(kind).params.items():
        raw = params.get(name, "")
        if param_type is dt.date:
            shown[name] = _date_text(str(raw))
        elif param_type is int:
            shown[name] = formats.number_format(raw) if isinstance(raw, int) else str(raw)
        elif param_type is Decimal:
            shown[name] = _money_text(str(raw))
        elif isinstance(param_type, Mapping):
            words = param_type.get(str(raw))
            shown[name] = str(words) if words is not None else ""
        else:
            shown[name] = str(raw)
    return shown


def render_subject(kind: str, params: Mapping[str, Any]) -> str:
    """One line: an email subject never holds a newline (header injection)."""
    text = str(spec(kind).subject) % display_params(kind, params)
    return " ".join(text.split())


def render_body(kind: str, params: Mapping[str, Any]) -> str:
    return (str(spec(kind).body) % display_params(kind, params)).strip()


def localised_url(url: str, language: str) -> str:
    """A link of this site in `language` (written in the notifier's language, read in the
    reader's): /fr/... becomes /en/... for an English reader; any other path is kept."""
    if not url:
        return ""
    written_in = translation.get_language_from_path(url)
    if not written_in or written_in == language:
        return url
    # A path resolves only under its own language's prefix.
    with translation.override(written_in):
        return translate_url(url, language)
