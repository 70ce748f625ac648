"""The audit log's filter form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.audit.selectors import EventFilter
from maillage.territory.models import Territory


class EventFilterForm(forms.Form):
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    actor = forms.CharField(label=_("Who (email)"), required=False, max_length=254)
    action = forms.CharField(label=_("Action"), required=False, max_length=64)
    territory: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Territory"), required=False, queryset=Territory.objects.none()
    )

    def __init__(self, *args, territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories  # type: ignore[attr-defined]

    def chosen(self) -> EventFilter:
        """The filter of a valid form; no filter at all for an invalid one."""
        if not self.is_valid():
            return EventFilter()
        data = self.cleaned_data
        return EventFilter(
            since=data.get("since"),
            until=data.get("until"),
            actor=(data.get("actor") or "").strip(),
            action=(data.get("action") or "").strip(),
            territory_id=data["territory"].pk if data.get("territory") else None,
        )
