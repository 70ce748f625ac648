"""Forms of the need pages: they parse and check input; the services decide and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from maillage.core.limits import text_max_length
from maillage.missions.models import MissionKind, PlaceKind, ScheduleKind
from maillage.missions.services import DateSpan, NeedDescription, SkillRequirement, WeeklySpan
from maillage.skills.models import Skill
from maillage.territory.models import Commune, Territory, ThirdPlace, Weekday
from maillage.www.utils.forms import DateInput, TimeInput, minutes_of, model_choice_field


class CommuneChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Commune) -> str:
        return f"{obj.name} ({obj.main_postal_code})"


class NeedForm(forms.Form):
    """The main part of a need: what, where, when, how the week is organised."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of mission"), choices=MissionKind.choices)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=text_max_length(),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    place_kind = forms.ChoiceField(
        label=_("Place"), choices=PlaceKind.choices, widget=forms.RadioSelect
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    commune = CommuneChoiceField(
        label=_("Commune"), queryset=Commune.objects.none(), required=False
    )
    third_place = forms.ModelChoiceField(
        label=_("Tiers-lieu"), queryset=ThirdPlace.objects.none(), required=False
    )
    period_start = forms.DateField(label=_("First day"), widget=DateInput())
    period_end = forms.DateField(label=_("Last day"), widget=DateInput())
    schedule_kind = forms.ChoiceField(
        label=_("Schedule"), choices=ScheduleKind.choices, widget=forms.RadioSelect
    )
    flexible_weekly_hours = forms.DecimalField(
        label=_("Hours a week"),
        required=False,
        min_value=0.25,
        max_value=48,
        decimal_places=2,
        help_text=_("For a flexible volume, e.g. 4 or 2.5."),
    )
    flexible_min_block_hours = forms.DecimalField(
        label=_("Shortest block (hours)"),
        required=False,
        min_value=0.25,
        max_value=12,
        decimal_places=2,
        help_text=_("The shortest stretch of work that makes sense, e.g. 1."),
    )

    def __init__(self, *args, territory: Territory, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "commune").queryset = territory.communes.order_by("name")
        model_choice_field(self, "third_place").queryset = ThirdPlace.objects.filter(
            territory=territory
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The last day cannot come before the first day."))
        return data


class SkillRequirementForm(forms.Form):
    skill = forms.ModelChoiceField(label=_("Skill"), queryset=Skill.objects.all(), required=False)
    min_level = forms.TypedChoiceField(
        label=_("Minimum level"),
        choices=[(n, str(n)) for n in range(1, 9)],
        coerce=int,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("skill") and not data.get("min_level"):
            self.add_error("min_level", _("Give the minimum level for this skill."))
        return data


class WeeklySpanForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Day"), choices=[("", "—"), *Weekday.choices], coerce=int, required=False
    )
    start = forms.TimeField(label=_("From"), required=False, widget=TimeInput())
    end = forms.TimeField(label=_("To"), required=False, widget=TimeInput())

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        filled = [data.get("weekday") not in (None, ""), data.get("start"), data.get("end")]
        if any(filled) and not all(filled):
            raise ValidationError(_("Give the day, the start and the end."))
        if all(filled) and data["end"] <= data["start"]:
            self.add_error("end", _("The end must come after the start."))
        return data

    def span(self) -> WeeklySpan | None:
        data = self.cleaned_data
        if not data or data.get("weekday") in (None, "") or not data.get("start"):
            return None
        return WeeklySpan(data["weekday"], minutes_of(data["start"]), minutes_of(data["end"]))


class ExcludedDatesForm(forms.Form):
    label = forms.CharField(label=_("Label"), required=False, max_length=100)
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if bool(data.get("start")) != bool(data.get("end")):
            raise ValidationError(_("Give both dates."))
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end must come after the start."))
        return data


SkillFormSet = formset_factory(SkillRequirementForm, extra=3, max_num=8)
SlotFormSet = formset_factory(WeeklySpanForm, extra=4, max_num=14)
WindowFormSet = formset_factory(WeeklySpanForm, extra=5, max_num=14)
ExcludedFormSet = formset_factory(ExcludedDatesForm, extra=3, max_num=10)


def need_description(form, skills, slots, windows, excluded) -> NeedDescription:
    """Assemble the service's input from valid forms."""
    data = form.cleaned_data
    weekly = data.get("flexible_weekly_hours")
    block = data.get("flexible_min_block_hours")
    return NeedDescription(
        title=data["title"],
        kind=data["kind"],
        description=data["description"],
        place_kind=data["place_kind"],
        address=data["address"],
        commune=data.get("commune"),
        third_place=data.get("third_place"),
        period_start=data["period_start"],
        period_end=data["period_end"],
        schedule_kind=data["schedule_kind"],
        flexible_weekly_minutes=round(weekly * 60) if weekly else None,
        flexible_min_block_minutes=round(block * 60) if block else None,
        skills=[
            SkillRequirement(f.cleaned_data["skill"], f.cleaned_data["min_level"])
            for f in skills
            if f.cleaned_data.get("skill")
        ],
        slots=[s for s in (f.span() for f in slots) if s],
        windows=[s for s in (f.span() for f in windows) if s],
        excluded=[
            DateSpan(f.cleaned_data["start"], f.cleaned_data["end"], f.cleaned_data["label"])
            for f in excluded
            if f.cleaned_data.get("start")
        ],
    )
