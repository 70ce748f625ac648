"""Forms of absences and a buyer's cancellations (lengths enforced here, rules in services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.absences.models import NOTE_MAX_LENGTH, REASON_MAX_LENGTH, AbsenceKind
from maillage.people.models import WorkerProfile
from maillage.www.utils.forms import DateInput


class AbsenceForm(forms.Form):
    worker = forms.ModelChoiceField(
        label=_("Worker"), queryset=WorkerProfile.objects.none(), required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=AbsenceKind.choices)
    first_day = forms.DateField(label=_("First day"), widget=DateInput)
    last_day = forms.DateField(label=_("Last day"), widget=DateInput)
    note = forms.CharField(
        label=_("Note (for the coordinators only)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, workers=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["worker"]
        assert isinstance(field, forms.ModelChoiceField)
        if workers is None:
            del self.fields["worker"]
        else:
            field.queryset = workers
            field.required = True


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you cancel?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
