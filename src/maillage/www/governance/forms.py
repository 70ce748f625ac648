"""Forms of the steering's pages: a proposal, its vote window, the union's opinion, a vote,
a seat in a college."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.limits import text_max_length
from maillage.governance.models import Choice, CollegeKind, OpinionPosition, ProposalKind


def weight_field_name(kind: str) -> str:
    return f"weight_{kind}"


class ProposalForm(forms.Form):
    """A text, fee or weights proposal (a charter change is proposed from the charter page)."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k, label) for k, label in ProposalKind.choices if k != ProposalKind.CHARTER],
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), max_length=20_000, widget=forms.Textarea)
    starts_on = forms.DateField(
        label=_("New fee in force from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    fee_percent = forms.DecimalField(
        label=_("New cooperative's fee (% of the price)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=Decimal(50),
    )
    union_opinion_due = forms.DateField(
        label=_("Union opinion due by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in CollegeKind.choices:
            self.fields[weight_field_name(kind)] = forms.DecimalField(
                label=_("Weight of the college “%(college)s” (%%)") % {"college": label},
                required=False,
                max_digits=5,
                decimal_places=2,
                min_value=Decimal(0),
                max_value=Decimal(100),
            )

    def clean_starts_on(self) -> dt.date | None:
        """A new fee makes a new charter version: like one, it starts today or later (a
        back-dated one would be checked against a SMIC OpenFisca may not know, year 1)."""
        starts_on = self.cleaned_data.get("starts_on")
        if starts_on is not None and starts_on < timezone.localdate():
            raise forms.ValidationError(_("A new charter version cannot start before today."))
        return starts_on

    def weight_fields(self):
        return [self[weight_field_name(kind)] for kind in CollegeKind.values]

    def clean(self) -> dict:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == ProposalKind.FEE:
            if data.get("fee_percent") is None:
                self.add_error("fee_percent", _("Give the new fee."))
            if data.get("starts_on") is None and "starts_on" not in self.errors:
                self.add_error("starts_on", _("Give the day the new fee starts."))
        return data

    def change(self) -> dict:
        """The structured change of the proposal, from the cleaned data."""
        data = self.cleaned_data
        if data["kind"] == ProposalKind.FEE:
            rate = (data["fee_percent"] / 100).quantize(Decimal("0.0001"))
            return {"starts_on": data["starts_on"].isoformat(), "cooperative_fee_rate": str(rate)}
        if data["kind"] == ProposalKind.WEIGHTS:
            return {
                kind: int(data[weight_field_name(kind)] * 100)
                for kind in CollegeKind.values
                if data.get(weight_field_name(kind))
            }
        return {}


class OpenVoteForm(forms.Form):
    closes_at = forms.DateTimeField(
        label=_("The vote closes at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )

    def clean_closes_at(self) -> dt.datetime:
        value = self.cleaned_data["closes_at"]
        if value.year > 2100:
            raise forms.ValidationError(_("Enter a date before 2100."))
        return value


class OpinionForm(forms.Form):
    position = forms.ChoiceField(
        label=_("Position"), choices=OpinionPosition.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("The union college's opinion"),
        max_length=text_max_length(),
        widget=forms.Textarea,
    )


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=Choice.choices, widget=forms.RadioSelect
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why"), required=False, max_length=text_max_length(), widget=forms.Textarea
    )


class SeatForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the member"), max_length=254)
    college = forms.ChoiceField(label=_("College"), choices=CollegeKind.choices)
