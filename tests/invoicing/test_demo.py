"""The demo's invoicing step, on top of a November of validated timesheets."""

from __future__ import annotations

from maillage.demo.invoicing import build_invoicing
from maillage.invoicing.models import DocumentKind, Invoice, InvoiceDraft, InvoiceState


def test_the_demo_issues_november_credits_one_and_pays_one(month):
    assert build_invoicing(month.territory, coordinator=month.coordinator) is True

    invoices = Invoice.objects.filter(kind=DocumentKind.INVOICE).order_by("sequence_number")
    [credit] = Invoice.objects.filter(kind=DocumentKind.CREDIT_NOTE)
    assert credit.corrects == invoices[0]
    assert invoices[0].state == InvoiceState.PAID  # by the credit note
    assert invoices[1].state == InvoiceState.PARTIALLY_PAID
    assert InvoiceDraft.objects.get().buyer == invoices[0].buyer  # billed again, to review
    assert build_invoicing(month.territory, coordinator=month.coordinator) is False


def test_nothing_to_do_before_validation(unvalidated_month):
    assert build_invoicing(unvalidated_month.territory) is False
    assert not Invoice.objects.exists()
