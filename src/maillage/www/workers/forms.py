"""Forms of a worker's profile page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.limits import text_max_length
from maillage.people.models import AvailabilityWindow, WorkerProfile, WorkerStatus
from maillage.skills.models import Skill
from maillage.www.needs.forms import CommuneChoiceField
from maillage.www.utils.forms import TimeInput, choice_field, model_choice_field


class WorkerProfileForm(forms.ModelForm):
    wished_hours = forms.DecimalField(
        label=_("Wished hours a week"), min_value=0, max_value=48, decimal_places=2
    )
    max_hours = forms.DecimalField(
        label=_("Maximum hours a week"), min_value=0, max_value=48, decimal_places=2
    )

    bio = forms.CharField(
        label=_("Presentation"),
        required=False,
        max_length=text_max_length(),
        widget=forms.Textarea,
    )

    class Meta:
        model = WorkerProfile
        fields = ["home_commune", "travel_mode", "max_km", "status", "bio"]
        field_classes = {"home_commune": CommuneChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice_field(
            self, "home_commune"
        ).queryset = self.instance.territory.communes.order_by("name")
        self.fields["wished_hours"].initial = self.instance.wished_weekly_minutes / 60
        if self.instance.status != WorkerStatus.COOPERATIVE_EMPLOYEE:
            # Only a coordinator records an employee of the cooperative (people.services).
            choice_field(self, "status").choices = [
                choice
                for choice in WorkerStatus.choices
                if choice[0] != WorkerStatus.COOPERATIVE_EMPLOYEE
            ]
        self.fields["max_hours"].initial = self.instance.max_weekly_minutes / 60

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        wished, maximum = data.get("wished_hours"), data.get("max_hours")
        if wished is not None and maximum is not None and wished > maximum:
            self.add_error("wished_hours", _("Wished hours cannot exceed the maximum hours."))
        return data


class AvailabilityForm(forms.ModelForm):
    start = forms.TimeField(label=_("From"), widget=TimeInput())
    end = forms.TimeField(label=_("To"), widget=TimeInput())

    class Meta:
        model = AvailabilityWindow
        fields = ["weekday"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end must come after the start."))
        return data


class WorkerSkillForm(forms.Form):
    skill = forms.ModelChoiceField(label=_("Skill"), queryset=Skill.objects.all())
    level = forms.TypedChoiceField(
        label=_("Level"), choices=[(n, str(n)) for n in range(1, 9)], coerce=int
    )
