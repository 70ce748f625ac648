"""Form plumbing shared by every page: a service's errors shown on the form that sent them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from maillage.core.limits import limit
from maillage.execution.dates import MonthOutOfReach, read_month


class MonthField(forms.CharField):
    """A month written ``2026-11``, cleaned to its first day, in the years the platform knows
    (:func:`maillage.core.limits.in_known_years`)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("help_text", _("Year and month, such as 2026-11."))
        super().__init__(**kwargs)
        self.widget.attrs.update({"placeholder": "2026-11", "pattern": r"\d{4}-\d{2}"})

    def clean(self, value: Any) -> dt.date:
        text = super().clean(value)
        try:
            return read_month(text or "")
        except MonthOutOfReach as error:
            raise forms.ValidationError(
                _("Give a month between %(first)s and %(last)s.")
                % {"first": limit("first_year"), "last": limit("last_year")}
            ) from error
        except ValueError as error:
            raise forms.ValidationError(
                _("Write the month as year-month, such as 2026-11.")
            ) from error


def minutes_of(value: dt.time) -> int:
    """Minutes since midnight of a time of day."""
    return value.hour * 60 + value.minute


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's own copy of field ``name``, a choice field (to set its ``choices``)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is a {type(field).__name__}, not a ChoiceField")
    return field


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The form's own copy of field ``name``, a model choice field (to set its ``queryset``)."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is a {type(field).__name__}, not a ModelChoiceField")
    return field


def add_errors(
    form: forms.BaseForm,
    error: ValidationError,
    sections: dict[str, list[str]] | None = None,
    *,
    renamed: dict[str, str] | None = None,
) -> None:
    """Put a service's field-level errors on the form (or on a named section).

    ``renamed`` maps a service's name to the form field that holds the value (the service
    counts minutes, the form asks for hours): the message then shows at that field. A
    refusal that names no field goes on top of the form.
    """
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for service_name, field_errors in error.message_dict.items():
        field_name = (renamed or {}).get(service_name, service_name)
        for message in field_errors:
            if field_name in form.fields:
                form.add_error(field_name, message)
            elif sections is not None:
                sections.setdefault(field_name, []).append(message)
            else:
                form.add_error(None, message)


def report_refusal(request: HttpRequest, error: ValidationError) -> None:
    """A service's refusal, when no form shows it: each message on the next page."""
    for message in error.messages:
        messages.error(request, message)


def report_invalid(request: HttpRequest, form: forms.BaseForm) -> None:
    """A small form posted from a page that does not show it (a reason with a button): each
    of its errors as a message on the next page. The caller then does nothing: acting
    without the text the user gave would lose it. A field's error names the field ("Reason:
    …"): the page may hold that form once per row, and the user must know what to change."""
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        for message in errors:
            if field is None or field.label is None:
                messages.error(request, str(message))
            else:
                # Translated: French puts a space before the colon.
                text = _("%(label)s: %(message)s") % {"label": field.label, "message": message}
                messages.error(request, text)
