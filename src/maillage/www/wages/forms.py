"""The payroll export's form, the dashboard's choice of month, and group employments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.people.models import BuyerGroup, WorkerProfile
from maillage.territory.models import Territory
from maillage.www.utils.forms import MonthField, model_choice_field


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


class EmployForm(forms.Form):
    """An employer group employs a worker from a month on, adding its fee to the cost."""

    group = forms.ModelChoiceField(label=_("Employer group"), queryset=BuyerGroup.objects.none())
    worker = forms.ModelChoiceField(label=_("Worker"), queryset=WorkerProfile.objects.none())
    first_month = MonthField(label=_("From the month"))
    fee_percent = forms.DecimalField(
        label=_("Group's fee (% of the employer cost)"),
        min_value=Decimal(0),
        max_value=Decimal("49.99"),
        max_digits=4,
        decimal_places=2,
        initial=Decimal(5),
    )

    def __init__(
        self,
        *args: Any,
        groups: QuerySet[BuyerGroup],
        workers: QuerySet[WorkerProfile],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "group").queryset = groups.order_by("name")
        model_choice_field(self, "worker").queryset = workers.select_related("user").order_by(
            "user__last_name", "user__first_name", "pk"
        )


class EndEmploymentForm(forms.Form):
    """The last month a group employs the worker."""

    last_month = MonthField(label=_("Last month"))
