"""The form that makes a new API token."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.tokens.models import NAME_MAX_LENGTH, Scope
from maillage.tokens.services import DEFAULT_DAYS, MAX_DAYS


class NewTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("What the token is for, e.g. “timesheet export script”."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Scope.READ],
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=MAX_DAYS, initial=DEFAULT_DAYS
    )
