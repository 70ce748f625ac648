"""Forms of the training pages: plan a session, take attendance, assess."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.training.models import Funding, TrainingPlace
from maillage.www.credentials.forms import LevelField


class DateInput(forms.DateInput):
    input_type = "date"


class SessionForm(forms.Form):
    trainer = forms.TypedChoiceField(label=_("Trainer"), coerce=int)
    starts_on = forms.DateField(label=_("First day"), widget=DateInput)
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput)
    hours = forms.DecimalField(
        label=_("Hours of training"), min_value=Decimal("0.5"), max_value=400, decimal_places=1
    )
    place_kind = forms.ChoiceField(label=_("Place"), choices=TrainingPlace.choices)
    third_place = forms.TypedChoiceField(
        label=_("Tiers-lieu"), coerce=int, required=False, empty_value=None
    )
    funding = forms.ChoiceField(label=_("Funded by"), choices=Funding.choices)
    funding_amount = forms.DecimalField(
        label=_("Amount (€)"), min_value=0, max_value=Decimal("999999.99"), decimal_places=2
    )
    workers = forms.TypedMultipleChoiceField(
        label=_("Participants"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, trainers=(), places=(), candidates=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trainer"].choices = [(u.pk, str(u)) for u in trainers]  # type: ignore[attr-defined]
        self.fields["third_place"].choices = [("", "—")] + [(p.pk, p.name) for p in places]  # type: ignore[attr-defined]
        self.fields["workers"].choices = [  # type: ignore[attr-defined]
            (c.worker.pk, f"{c.worker} ({c.current_level} → {c.current_level + 1}, {c.km} km)")
            for c in candidates
        ]


class AttendanceForm(forms.Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Present"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, participants=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(p.pk, str(p.worker)) for p in participants]  # type: ignore[attr-defined]


class AssessmentForm(forms.Form):
    level = LevelField(label=_("Level shown at the end of the training"))
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea
    )
