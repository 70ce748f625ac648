"""The what-if form of the status comparison."""

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.limits import text_max_length
from maillage.employment.labels import ACTIVITY_LABELS


class ComparisonForm(forms.Form):
    hours_per_week = forms.DecimalField(
        label=_("Hours a week"), min_value=0.5, max_value=48, max_digits=5, decimal_places=2
    )
    hourly_budget = forms.DecimalField(
        label=_("Hourly budget paid by the buyers (€, employer cost)"),
        min_value=1,
        max_value=500,
        max_digits=7,
        decimal_places=2,
    )
    activity = forms.ChoiceField(
        label=_("Micro-entrepreneur activity"),
        choices=list(ACTIVITY_LABELS.items()),
        initial="bnc",
    )
    versement_liberatoire = forms.BooleanField(
        label=_("With the versement libératoire (income tax paid with contributions)"),
        required=False,
    )


class DeclineForm(forms.Form):
    """Why the worker declines a contract proposal (the coordinators read it)."""

    reason = forms.CharField(
        label=_("Why you decline"),
        max_length=text_max_length(),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
