"""Forms of the need pages: they parse and check input; the services decide and save."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
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


def _time_of(minute: int) -> dt.time:
    """A time of day from minutes since midnight (midnight at the end of the day: 23:59)."""
    minute = min(minute, 24 * 60 - 1)
    return dt.time(minute // 60, minute % 60)


def _hours_of(minutes: int | None) -> Decimal | None:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01")) if minutes else None


@dataclass(frozen=True)
class NeedInitial:
    """What the need form and its formsets show pre-filled (to change or to copy a need)."""

    need: dict[str, Any]
    skills: list[dict[str, Any]]
    slots: list[dict[str, Any]]
    windows: list[dict[str, Any]]
    excluded: list[dict[str, Any]]


def need_initial(need: NeedDescription) -> NeedInitial:
    """The form's initial values from a need's description."""

    def spans(items) -> list[dict[str, Any]]:
        return [
            {"weekday": s.weekday, "start": _time_of(s.start_minute), "end": _time_of(s.end_minute)}
            for s in items
        ]

    return NeedInitial(
        need={
            "title": need.title,
            "kind": need.kind,
            "description": need.description,
            "place_kind": need.place_kind,
            "address": need.address,
            "commune": need.commune,
            "third_place": need.third_place,
            "period_start": need.period_start,
            "period_end": need.period_end,
            "schedule_kind": need.schedule_kind,
            "flexible_weekly_hours": _hours_of(need.flexible_weekly_minutes),
            "flexible_min_block_hours": _hours_of(need.flexible_min_block_minutes),
        },
        skills=[{"skill": r.skill, "min_level": r.min_level} for r in need.skills],
        slots=spans(need.slots),
        windows=spans(need.windows),
        excluded=[{"label": e.label, "start": e.start, "end": e.end} for e in need.excluded],
    )


class NeedFormParts:
    """The need form and its four formsets, bound to the same data, read and checked together."""

    def __init__(self, data, *, territory: Territory, initial: NeedInitial | None = None):
        # Pre-filled rows are only shown: posted rows equal to them must not count as
        # untouched (and be dropped) when the post says they are extra rows.
        initial = initial if data is None else None
        self.form = NeedForm(
            data, territory=territory, prefix="need", initial=initial.need if initial else None
        )
        self.skills = SkillFormSet(
            data, prefix="skills", initial=initial.skills if initial else None
        )
        self.slots = SlotFormSet(data, prefix="slots", initial=initial.slots if initial else None)
        self.windows = WindowFormSet(
            data, prefix="windows", initial=initial.windows if initial else None
        )
        self.excluded = ExcludedFormSet(
            data, prefix="excluded", initial=initial.excluded if initial else None
        )

    def is_valid(self) -> bool:
        parts: list[forms.BaseForm | forms.BaseFormSet] = [
            self.form,
            self.skills,
            self.slots,
            self.windows,
            self.excluded,
        ]
        valid = [part.is_valid() for part in parts]  # every part checked, to show every error
        return all(valid)

    def description(self) -> NeedDescription:
        return need_description(self.form, self.skills, self.slots, self.windows, self.excluded)

    def context(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "skills_formset": self.skills,
            "slots_formset": self.slots,
            "windows_formset": self.windows,
            "excluded_formset": self.excluded,
        }
