"""The payroll export's form (a territory and a month) and the dashboard's choice of month."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.territory.models import Territory
from maillage.www.utils.forms import model_choice_field

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class MonthField(forms.CharField):
    """A month written ``2026-11``, cleaned to its first day."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("help_text", _("Year and month, such as 2026-11."))
        super().__init__(**kwargs)
        self.widget.attrs.update({"placeholder": "2026-11", "pattern": r"\d{4}-\d{2}"})

    def clean(self, value: Any) -> dt.date:  # type: ignore[override]
        text = super().clean(value)
        match = _MONTH.match(text or "")
        if not match or not 1 <= int(match[1]) <= 9999:
            raise forms.ValidationError(_("Write the month as year-month, such as 2026-11."))
        return dt.date(int(match[1]), int(match[2]), 1)


class RunExportForm(forms.Form):
    """Compute a new version of a territory's payroll for a month."""

    territory = forms.ModelChoiceField(label=_("Territory"), queryset=Territory.objects.none())
    month = MonthField(label=_("Month"))

    def __init__(self, *args: Any, territories: QuerySet[Territory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "territory").queryset = territories.order_by("name")


class DashboardForm(forms.Form):
    """Which territory and month the money dashboard shows."""

    territory = forms.ModelChoiceField(
        label=_("Territory"), queryset=Territory.objects.none(), to_field_name="slug"
    )
    month = MonthField(label=_("Month"))

    def __init__(self, *args: Any, territories: QuerySet[Territory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "territory").queryset = territories.order_by("name")
