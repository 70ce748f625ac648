"""Factur-X: re-read each issued PDF with an independent tool (pypdf's reader of embedded
files, not the factur-x library), and check the XML against the database."""

from __future__ import annotations

import io
import zlib
from decimal import Decimal

from lxml import etree
from pypdf import PdfReader

from maillage.invoicing.facturx import facturx_pdf, invoice_xml
from maillage.invoicing.services import build_drafts, credit_invoice, issue_month
from tests.factories.invoicing import ISSUE_DAY, NOVEMBER

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}


def embedded_xml(pdf: bytes) -> etree._Element:
    reader = PdfReader(io.BytesIO(pdf))
    attachments = reader.attachments
    assert list(attachments) == ["factur-x.xml"]
    [content] = attachments["factur-x.xml"]
    return etree.fromstring(content)


def one(tree, path: str) -> str:
    [value] = tree.xpath(path, namespaces=NS)
    return value.text if hasattr(value, "text") else str(value)


def test_each_pdf_carries_an_en16931_xml_matching_the_database(month):
    build_drafts(territory=month.territory, month=NOVEMBER)
    invoices = issue_month(
        territory=month.territory, month=NOVEMBER, by=month.coordinator, today=ISSUE_DAY
    )
    credit = credit_invoice(
        invoice=invoices[0], by=month.coordinator, reason="Wrong", today=ISSUE_DAY
    )
    for invoice in [*invoices, credit]:
        pdf = facturx_pdf(invoice)
        tree = embedded_xml(pdf)
        assert one(tree, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID") == (
            "urn:cen.eu:en16931:2017"
        )
        assert one(tree, "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID") == (
            invoice.number
        )
        assert one(tree, "//rsm:ExchangedDocument/ram:TypeCode") == (
            "381" if invoice.is_credit_note else "380"
        )
        assert one(tree, "//rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString") == (
            "20261201"
        )
        seller = "//ram:SellerTradeParty"
        assert one(tree, f"{seller}/ram:Name") == invoice.seller_name
        assert one(tree, f"{seller}/ram:SpecifiedLegalOrganization/ram:ID") == "99100000100016"
        assert one(tree, f"{seller}/ram:SpecifiedTaxRegistration/ram:ID") == "FR67991000001"
        buyer = "//ram:BuyerTradeParty"
        assert one(tree, f"{buyer}/ram:Name") == invoice.buyer.name
        assert one(tree, f"{buyer}/ram:SpecifiedLegalOrganization/ram:ID") == invoice.buyer.siret
        totals = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation"
        assert Decimal(one(tree, f"{totals}/ram:TaxBasisTotalAmount")) == invoice.total_excl_tax
        assert Decimal(one(tree, f"{totals}/ram:TaxTotalAmount")) == invoice.vat_amount
        assert Decimal(one(tree, f"{totals}/ram:GrandTotalAmount")) == invoice.total_incl_tax
        lines = tree.xpath("//ram:IncludedSupplyChainTradeLineItem", namespaces=NS)
        expected = list(invoice.lines.order_by("position"))
        assert len(lines) == len(expected)
        for item, line in zip(lines, expected, strict=True):
            assert one(item, "ram:SpecifiedTradeProduct/ram:Name") == line.description
            assert Decimal(one(item, ".//ram:BilledQuantity")) == line.quantity
            assert Decimal(one(item, ".//ram:ChargeAmount")) == line.unit_price
            assert Decimal(one(item, ".//ram:LineTotalAmount")) == line.amount
        if invoice.buyer_is_public:
            assert one(tree, "//ram:BuyerReference") == "SERVICE-NUM"
            assert one(tree, "//ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID") == (
                "EJ-2026-0042"
            )
        if invoice.is_credit_note:
            assert one(tree, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == (
                invoices[0].number
            )


def test_the_pdf_is_declared_pdfa3_with_an_output_intent_and_embedded_fonts(month):
    build_drafts(territory=month.territory, month=NOVEMBER)
    [invoice, *_rest] = issue_month(
        territory=month.territory, month=NOVEMBER, by=month.coordinator, today=ISSUE_DAY
    )
    reader = PdfReader(io.BytesIO(facturx_pdf(invoice)))
    root = reader.trailer["/Root"]
    [intent] = root["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFA1"
    metadata = root["/Metadata"].get_object()
    xmp = metadata.get_data()
    if metadata.get("/Filter") == "/FlateDecode" and not xmp.startswith(b"<"):
        xmp = zlib.decompress(xmp)
    assert b"<pdfaid:part>3</pdfaid:part>" in xmp
    assert b"EN 16931" in xmp
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        font = font.get_object()
        if "/DescendantFonts" in font:
            font = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in font["/FontDescriptor"]


def test_user_text_in_the_xml_is_data(month):
    month.workshop.title = "<b>&Atelier\x05</b>"
    month.workshop.save(update_fields=["title"])
    build_drafts(territory=month.territory, month=NOVEMBER)
    invoice = next(
        i
        for i in issue_month(
            territory=month.territory, month=NOVEMBER, by=month.coordinator, today=ISSUE_DAY
        )
        if i.buyer == month.school
    )
    tree = etree.fromstring(invoice_xml(invoice))
    assert one(tree, "//ram:SpecifiedTradeProduct/ram:Name") == "<b>&Atelier</b>"
    facturx_pdf(invoice)  # and the PDF draws it as text
