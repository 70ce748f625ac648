"""Forms of the directory: a structure, a CSV import, the diagnosis questionnaire."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.directory.models import CooperativeLink, StructureKind
from maillage.missions.models import MissionKind


class StructureForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=StructureKind.choices)
    commune = forms.CharField(
        label=_("Commune"), max_length=100, help_text=_("Its name or INSEE code.")
    )
    siret = forms.CharField(label=_("SIRET (optional)"), max_length=20, required=False)
    contact_name = forms.CharField(label=_("Contact"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact email"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=20, required=False)
    activities = forms.CharField(
        label=_("What it does"), max_length=2000, required=False, widget=forms.Textarea
    )
    link = forms.ChoiceField(label=_("Link with the cooperative"), choices=CooperativeLink.choices)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, comma or semicolon separated, with the columns name, kind, commune and "
            "optionally siret, contact_name, contact_email, contact_phone, activities, link."
        ),
    )


class DiagnosisForm(forms.Form):
    activities = forms.CharField(
        label=_("Your activities"), max_length=2000, required=False, widget=forms.Textarea
    )
    needs = forms.CharField(
        label=_("Your digital needs"), max_length=2000, required=False, widget=forms.Textarea
    )
    wishes = forms.CharField(
        label=_("Your wishes"), max_length=2000, required=False, widget=forms.Textarea
    )
    kinds_wanted = forms.MultipleChoiceField(
        label=_("Kinds of missions wanted"),
        choices=MissionKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hours_to_buy_per_week = forms.DecimalField(
        label=_("Hours a week you could buy"),
        min_value=Decimal(0),
        max_value=Decimal(200),
        decimal_places=2,
        max_digits=6,
        initial=0,
    )
    hours_to_offer_per_week = forms.DecimalField(
        label=_("Hours a week you could offer (premises, sponsorship, volunteering)"),
        min_value=Decimal(0),
        max_value=Decimal(200),
        decimal_places=2,
        max_digits=6,
        initial=0,
    )
