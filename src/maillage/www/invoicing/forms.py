"""Invoicing forms: payments, credit notes, public buyers' references, group settings."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.invoicing.models import NOTE_MAX_LENGTH, REFERENCE_MAX_LENGTH, GroupInvoicingMode
from maillage.people.models import Organisation
from maillage.www.utils.forms import DateInput


class PaymentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount received (€)"),
        min_value=Decimal("0.01"),
        max_value=Decimal("99999999.99"),
        max_digits=10,
        decimal_places=2,
    )
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())
    reference = forms.CharField(
        label=_("Reference (transfer, cheque...)"), max_length=REFERENCE_MAX_LENGTH, required=False
    )


class CreditForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the invoice credited?"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PublicReferenceForm(forms.Form):
    service_code = forms.CharField(
        label=_("Service code"), max_length=REFERENCE_MAX_LENGTH, required=False
    )
    commitment_number = forms.CharField(
        label=_("Legal commitment number (engagement juridique)"),
        max_length=REFERENCE_MAX_LENGTH,
        required=False,
    )


class GroupInvoicingForm(forms.Form):
    mode = forms.ChoiceField(label=_("Invoices"), choices=GroupInvoicingMode.choices)
    payer = forms.ModelChoiceField(
        label=_("Member billed for the group"),
        queryset=Organisation.objects.none(),
        required=False,
    )

    def __init__(self, *args, group, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        payer = self.fields["payer"]
        assert isinstance(payer, forms.ModelChoiceField)
        payer.queryset = group.members.order_by("name")
