"""The coordinator's answer to a review request: kept or changed, with a written reason."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.consolidation.models import ReviewAnswer, ReviewOutcome


class ReviewAnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=ReviewOutcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Written reason (the worker reads it)"),
        max_length=ReviewAnswer.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        strip=True,
    )
