"""Forms of the plan pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.consolidation.models import AssignmentResponse, Method, PairRule
from maillage.core.limits import text_max_length
from maillage.www.utils.forms import DateInput, choice_field


class RunForm(forms.Form):
    period_start = forms.DateField(label=_("First day"), widget=DateInput())
    period_end = forms.DateField(label=_("Last day"), widget=DateInput())
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices, initial=Method.ENGINE)
    time_limit_seconds = forms.IntegerField(
        label=_("Time limit (seconds)"), min_value=1, max_value=600, initial=20
    )
    explore_tradeoff = forms.BooleanField(
        label=_("Also plan versions that give up a little coverage for more people at 24 h"),
        required=False,
        help_text=_("Engine only; takes as long again. The charter's policy recommends one."),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The last day cannot come before the first day."))
        return data


class PairRuleForm(forms.Form):
    mission = forms.IntegerField(label=_("Mission"), widget=forms.HiddenInput)
    worker = forms.ChoiceField(label=_("Worker"))
    kind = forms.ChoiceField(label=_("Decision"), choices=PairRule.Kind.choices)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args, workers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choice_field(self, "worker").choices = [(w.pk, w.user.get_full_name()) for w in workers]


class ResponseForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=AssignmentResponse.Decision.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why (needed to refuse or to ask for a review)"),
        required=False,
        max_length=text_max_length(),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
