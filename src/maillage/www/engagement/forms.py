"""Forms of unpaid engagement: an offer, a placement."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.engagement.models import MAX_HOURS, EngagementKind, Offer
from maillage.missions.models import Mission
from maillage.people.models import Organisation
from maillage.territory.models import Territory
from maillage.www.utils.forms import DateInput, model_choice_field


class OfferForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EngagementKind.choices)
    provider = forms.CharField(label=_("Offered by"), max_length=200)
    description = forms.CharField(
        label=_("What is offered"), max_length=2000, widget=forms.Textarea
    )
    hours_offered = forms.DecimalField(
        label=_("Hours offered"),
        min_value=Decimal("0.01"),
        max_value=MAX_HOURS,
        decimal_places=2,
        max_digits=7,
    )
    starts_on = forms.DateField(label=_("From"), widget=DateInput)
    ends_on = forms.DateField(label=_("To"), widget=DateInput)


class PlacementForm(forms.Form):
    offer: forms.ModelChoiceField[Offer] = forms.ModelChoiceField(
        label=_("Offer"), queryset=Offer.objects.none()
    )
    beneficiary: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Beneficiary"), queryset=Organisation.objects.none()
    )
    mission: forms.ModelChoiceField[Mission] = forms.ModelChoiceField(
        label=_("Need covered (optional)"),
        queryset=Mission.objects.none(),
        required=False,
        help_text=_("Only needs without an accepted quote: paid work is never covered."),
    )
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=Decimal("0.01"),
        max_value=MAX_HOURS,
        decimal_places=2,
        max_digits=7,
    )
    starts_on = forms.DateField(label=_("From"), widget=DateInput)
    ends_on = forms.DateField(label=_("To"), widget=DateInput)

    def __init__(self, *args, territory: Territory, offers, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "offer").queryset = offers
        model_choice_field(self, "beneficiary").queryset = Organisation.objects.filter(
            territory=territory
        )
        model_choice_field(self, "mission").queryset = Mission.objects.filter(
            territory=territory, state__in=["draft", "priced"]
        )
