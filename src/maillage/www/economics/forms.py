"""Forms of the economic model: a new version of a phase's assumptions, and the what-ifs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.economics.defaults import LINE_FIELDS
from maillage.economics.models import Assumptions
from maillage.economics.services import MAX_NOTE, PLACES, UPPER
from maillage.www.utils.forms import MonthField

GRANT_ROWS = 6


class AssumptionsForm(forms.Form):
    """Every line of a phase, the month it applies from, up to six grants and a note."""

    effective_month = MonthField(
        label=_("Effective from (month)"),
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("YYYY-MM"),
    )
    note = forms.CharField(
        label=_("Method and sources"), required=False, max_length=MAX_NOTE, widget=forms.Textarea
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in LINE_FIELDS:
            model_field = Assumptions._meta.get_field(name)
            assert isinstance(model_field, models.Field)
            self.fields[name] = forms.DecimalField(
                label=str(model_field.verbose_name).capitalize(),
                help_text=model_field.help_text,
                min_value=Decimal(0),
                max_value=UPPER[name],
                decimal_places=PLACES.get(name, 2),
                max_digits=12,
            )
        for index in range(GRANT_ROWS):
            self.fields[f"funder_{index}"] = forms.CharField(
                label=_("Funder %(number)s") % {"number": index + 1},
                required=False,
                max_length=200,
            )
            self.fields[f"grant_{index}"] = forms.DecimalField(
                label=_("Amount a year (%(number)s)") % {"number": index + 1},
                required=False,
                min_value=Decimal("0.01"),
                max_value=Decimal("10000000"),
                decimal_places=2,
                max_digits=12,
            )

    def clean(self):
        data = super().clean() or {}
        for index in range(GRANT_ROWS):
            funder = data.get(f"funder_{index}")
            amount = data.get(f"grant_{index}")
            if funder and amount is None and f"grant_{index}" not in self.errors:
                self.add_error(f"grant_{index}", _("Give the amount of this grant."))
            if amount is not None and not funder:
                self.add_error(f"funder_{index}", _("Name the funder of this amount."))
        return data

    def lines(self) -> dict[str, Decimal]:
        return {name: self.cleaned_data[name] for name in LINE_FIELDS}

    def grants(self) -> list[tuple[str, Decimal]]:
        return [
            (self.cleaned_data[f"funder_{i}"], self.cleaned_data[f"grant_{i}"])
            for i in range(GRANT_ROWS)
            if self.cleaned_data.get(f"funder_{i}")
        ]

    def line_fields(self):
        return [self[name] for name in LINE_FIELDS]

    def grant_rows(self):
        return [(self[f"funder_{i}"], self[f"grant_{i}"]) for i in range(GRANT_ROWS)]

    @staticmethod
    def initial_from(assumptions: Assumptions, month: dt.date) -> dict:
        initial: dict = {name: getattr(assumptions, name) for name in LINE_FIELDS}
        initial["effective_month"] = month.strftime("%Y-%m")
        for index, grant in enumerate(list(assumptions.grants.all())[:GRANT_ROWS]):
            initial[f"funder_{index}"] = grant.funder
            initial[f"grant_{index}"] = grant.annual_amount
        return initial


class WhatIfForm(forms.Form):
    """A what-if read from the query string: another fee rate, volume or share at 24 h."""

    fee_rate = forms.DecimalField(
        label=_("Fee rate"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal("0.49"),
        decimal_places=4,
        max_digits=6,
    )
    volume_percent = forms.DecimalField(
        label=_("Volume (% of the month's billed hours)"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(1000),
        decimal_places=1,
        max_digits=6,
    )
    share_at_24 = forms.DecimalField(
        label=_("Share of workers at 24 h (%)"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=1,
        max_digits=5,
    )

    def has_what_if(self) -> bool:
        return self.is_valid() and any(v is not None for v in self.cleaned_data.values())
