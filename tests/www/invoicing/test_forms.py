"""The invoicing forms: every text field is bounded, within its column."""

from __future__ import annotations

from django import forms

from maillage.core.limits import text_max_length
from maillage.invoicing.models import Invoice, Payment, PublicReference
from maillage.www.invoicing.forms import CreditForm, PaymentForm, PublicReferenceForm

COLUMNS = {
    (PaymentForm, "reference"): Payment._meta.get_field("reference"),
    (CreditForm, "reason"): Invoice._meta.get_field("note"),
    (PublicReferenceForm, "service_code"): PublicReference._meta.get_field("service_code"),
    (PublicReferenceForm, "commitment_number"): PublicReference._meta.get_field(
        "commitment_number"
    ),
}


def test_every_text_field_has_a_limit_within_its_column():
    for form in (PaymentForm(), CreditForm(), PublicReferenceForm()):
        for name, field in form.fields.items():
            if not isinstance(field, forms.CharField):
                continue
            assert field.max_length is not None
            assert field.max_length <= text_max_length()
            column = COLUMNS[(type(form), name)]
            assert field.max_length <= column.max_length, name
