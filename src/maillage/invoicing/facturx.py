"""Factur-X: the Cross Industry Invoice XML (profile EN 16931) of an issued invoice, checked
against the official schema, embedded by the `factur-x` library in a PDF/A-3 drawn by
maillage.core.documents (fonts embedded, user text escaped) with an sRGB output intent.

Everything is read from the database: the files are regenerated at will and never stored, so
a crash after issue loses nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from decimal import Decimal

from django.utils import formats, translation
from django.utils.translation import gettext as _
from facturx import generate_from_binary, xml_check_xsd  # type: ignore[import-untyped]
from lxml import etree  # type: ignore[import-untyped]
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from maillage.core.documents.pdf import (
    MARGIN,
    _styles,
    _table,
    drawable,
    fonts,
    text,
)
from maillage.core.documents.text import clean
from maillage.invoicing.models import Invoice, InvoiceLine

RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
NSMAP = {"rsm": RSM, "ram": RAM, "udt": UDT, "qdt": QDT}
EN16931 = "urn:cen.eu:en16931:2017"
#: UNTDID 1001: commercial invoice, credit note.
TYPE_CODES = {"invoice": "380", "credit_note": "381"}
#: ISO 6523 ICD 0009: a French SIRET.
SIRET_SCHEME = "0009"
#: UN/ECE Recommendation 20: hour.
HOUR = "HUR"


def _el(parent, tag: str, text: object = None, **attributes: str):
    prefix, name = tag.split(":")
    element = etree.SubElement(parent, f"{{{NSMAP[prefix]}}}{name}", **attributes)
    if text is not None:
        # User text is data: only characters XML can carry (no control characters).
        element.text = clean(text)
    return element


def _date(parent, tag: str, day: dt.date, *, qualified: bool = False) -> None:
    holder = _el(parent, tag)
    _el(
        holder,
        "qdt:DateTimeString" if qualified else "udt:DateTimeString",
        f"{day:%Y%m%d}",
        format="102",
    )


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _party(parent, tag: str, *, name, siret, address, postcode, city, vat_number="") -> None:
    party = _el(parent, tag)
    _el(party, "ram:Name", name)
    if siret:
        legal = _el(party, "ram:SpecifiedLegalOrganization")
        _el(legal, "ram:ID", siret, schemeID=SIRET_SCHEME)
    postal = _el(party, "ram:PostalTradeAddress")
    if postcode:
        _el(postal, "ram:PostcodeCode", postcode)
    if address:
        _el(postal, "ram:LineOne", address)
    if city:
        _el(postal, "ram:CityName", city)
    _el(postal, "ram:CountryID", "FR")
    if vat_number:
        tax = _el(party, "ram:SpecifiedTaxRegistration")
        _el(tax, "ram:ID", vat_number, schemeID="VA")


def _category(invoice: Invoice) -> str:
    """VAT category: standard rate (S) or exempt (E)."""
    return "S" if invoice.vat_rate > 0 else "E"


def _lines(invoice: Invoice) -> list[InvoiceLine]:
    return list(invoice.lines.order_by("position", "pk"))


def invoice_xml(invoice: Invoice) -> bytes:
    """The invoice as Cross Industry Invoice XML, profile EN 16931."""
    root = etree.Element(f"{{{RSM}}}CrossIndustryInvoice", nsmap=NSMAP)
    context = _el(root, "rsm:ExchangedDocumentContext")
    guideline = _el(context, "ram:GuidelineSpecifiedDocumentContextParameter")
    _el(guideline, "ram:ID", EN16931)

    header = _el(root, "rsm:ExchangedDocument")
    _el(header, "ram:ID", invoice.number)
    _el(header, "ram:TypeCode", TYPE_CODES[invoice.kind])
    _date(header, "ram:IssueDateTime", invoice.issued_on)
    for subject, content in _notes(invoice):
        note = _el(header, "ram:IncludedNote")
        _el(note, "ram:Content", content)
        _el(note, "ram:SubjectCode", subject)

    trade = _el(root, "rsm:SupplyChainTradeTransaction")
    category = _category(invoice)
    for index, line in enumerate(_lines(invoice), start=1):
        item = _el(trade, "ram:IncludedSupplyChainTradeLineItem")
        _el(_el(item, "ram:AssociatedDocumentLineDocument"), "ram:LineID", index)
        _el(_el(item, "ram:SpecifiedTradeProduct"), "ram:Name", line.description)
        agreement = _el(item, "ram:SpecifiedLineTradeAgreement")
        price = _el(agreement, "ram:NetPriceProductTradePrice")
        _el(price, "ram:ChargeAmount", _money(line.unit_price))
        delivery = _el(item, "ram:SpecifiedLineTradeDelivery")
        _el(delivery, "ram:BilledQuantity", f"{line.quantity:.2f}", unitCode=HOUR)
        settlement = _el(item, "ram:SpecifiedLineTradeSettlement")
        tax = _el(settlement, "ram:ApplicableTradeTax")
        _el(tax, "ram:TypeCode", "VAT")
        _el(tax, "ram:CategoryCode", category)
        _el(tax, "ram:RateApplicablePercent", f"{invoice.vat_rate:.2f}")
        period = _el(settlement, "ram:BillingSpecifiedPeriod")
        _date(period, "ram:StartDateTime", line.first_date)
        _date(period, "ram:EndDateTime", line.last_date)
        summation = _el(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
        _el(summation, "ram:LineTotalAmount", _money(line.amount))

    agreement = _el(trade, "ram:ApplicableHeaderTradeAgreement")
    if invoice.service_code:
        _el(agreement, "ram:BuyerReference", invoice.service_code)
    _party(
        agreement,
        "ram:SellerTradeParty",
        name=invoice.seller_name,
        siret=invoice.seller_siret,
        address=invoice.seller_address,
        postcode=invoice.seller_postcode,
        city=invoice.seller_city,
        vat_number=invoice.seller_vat_number,
    )
    _party(
        agreement,
        "ram:BuyerTradeParty",
        name=invoice.buyer_name,
        siret=invoice.buyer_siret,
        address=invoice.buyer_address,
        postcode=invoice.buyer_postcode,
        city=invoice.buyer_city,
    )
    if invoice.commitment_number:
        order = _el(agreement, "ram:BuyerOrderReferencedDocument")
        _el(order, "ram:IssuerAssignedID", invoice.commitment_number)

    delivery = _el(trade, "ram:ApplicableHeaderTradeDelivery")
    event = _el(delivery, "ram:ActualDeliverySupplyChainEvent")
    _date(event, "ram:OccurrenceDateTime", invoice.service_end)

    settlement = _el(trade, "ram:ApplicableHeaderTradeSettlement")
    _el(settlement, "ram:InvoiceCurrencyCode", "EUR")
    if invoice.seller_iban and not invoice.is_credit_note:
        means = _el(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
        _el(means, "ram:TypeCode", "58")  # SEPA credit transfer
        account = _el(means, "ram:PayeePartyCreditorFinancialAccount")
        _el(account, "ram:IBANID", invoice.seller_iban)
    tax = _el(settlement, "ram:ApplicableTradeTax")
    _el(tax, "ram:CalculatedAmount", _money(invoice.vat_amount))
    _el(tax, "ram:TypeCode", "VAT")
    if invoice.vat_exemption:
        _el(tax, "ram:ExemptionReason", invoice.vat_exemption)
    _el(tax, "ram:BasisAmount", _money(invoice.total_excl_tax))
    _el(tax, "ram:CategoryCode", category)
    _el(tax, "ram:RateApplicablePercent", f"{invoice.vat_rate:.2f}")
    period = _el(settlement, "ram:BillingSpecifiedPeriod")
    _date(period, "ram:StartDateTime", invoice.service_start)
    _date(period, "ram:EndDateTime", invoice.service_end)
    terms = _el(settlement, "ram:SpecifiedTradePaymentTerms")
    _el(terms, "ram:Description", payment_terms(invoice))
    _date(terms, "ram:DueDateDateTime", invoice.due_on)
    summation = _el(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _el(summation, "ram:LineTotalAmount", _money(invoice.total_excl_tax))
    _el(summation, "ram:TaxBasisTotalAmount", _money(invoice.total_excl_tax))
    _el(summation, "ram:TaxTotalAmount", _money(invoice.vat_amount), currencyID="EUR")
    _el(summation, "ram:GrandTotalAmount", _money(invoice.total_incl_tax))
    _el(summation, "ram:DuePayableAmount", _money(invoice.total_incl_tax))
    if invoice.corrects_id:
        corrected = invoice.corrects
        assert corrected is not None
        referenced = _el(settlement, "ram:InvoiceReferencedDocument")
        _el(referenced, "ram:IssuerAssignedID", corrected.number)
        _date(referenced, "ram:FormattedIssueDateTime", corrected.issued_on, qualified=True)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def check_invoice_xml(invoice: Invoice) -> bytes:
    """The invoice's XML, checked against the official Factur-X EN 16931 schema (raises)."""
    xml = invoice_xml(invoice)
    xml_check_xsd(xml, flavor="factur-x", level="en16931")
    return xml


# The mentions French law requires (Code de commerce L441-9, CGI 242 nonies A) ------------------


def payment_terms(invoice: Invoice) -> str:
    with translation.override("fr"):
        return _(
            "Payment within %(days)s days, by %(due)s. Late-payment penalties: %(rate)s %% a "
            "year. Fixed indemnity for recovery costs owed by a professional buyer paying late: "
            "%(indemnity)s €. No discount for early payment."
        ) % {
            "days": invoice.payment_days,
            "due": formats.date_format(invoice.due_on, "SHORT_DATE_FORMAT"),
            "rate": formats.number_format(invoice.penalty_rate, 2),
            "indemnity": formats.number_format(invoice.recovery_indemnity, 2),
        }


def _notes(invoice: Invoice) -> list[tuple[str, str]]:
    """Notes as UNTDID 4451 subjects: payment terms (PMT), legal (REG), general (AAI)."""
    notes = [("PMT", payment_terms(invoice))]
    if invoice.vat_exemption:
        notes.append(("REG", invoice.vat_exemption))
    if invoice.note:
        notes.append(("AAI", invoice.note))
    return notes


def _amount(value: Decimal) -> str:
    return f"{formats.number_format(value, 2, force_grouping=True)} €"


def _day(value: dt.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def visible_pdf(invoice: Invoice) -> bytes:
    """The readable invoice (French), drawn by maillage.core.documents."""
    with translation.override("fr"):
        title = (
            _("Credit note %(number)s") if invoice.is_credit_note else _("Invoice %(number)s")
        ) % {"number": invoice.number}
        intro = [
            _("Issued on %(date)s. Service from %(start)s to %(end)s.")
            % {
                "date": _day(invoice.issued_on),
                "start": _day(invoice.service_start),
                "end": _day(invoice.service_end),
            },
            _("Seller: %(name)s, %(address)s, %(postcode)s %(city)s. SIRET %(siret)s.")
            % {
                "name": invoice.seller_name,
                "address": invoice.seller_address,
                "postcode": invoice.seller_postcode,
                "city": invoice.seller_city,
                "siret": invoice.seller_siret,
            },
        ]
        if invoice.seller_vat_number:
            intro.append(_("VAT number: %(vat)s.") % {"vat": invoice.seller_vat_number})
        intro.append(
            _("Buyer: %(name)s, %(address)s %(postcode)s %(city)s. SIRET %(siret)s.")
            % {
                "name": invoice.buyer_name,
                "address": invoice.buyer_address,
                "postcode": invoice.buyer_postcode,
                "city": invoice.buyer_city,
                "siret": invoice.buyer_siret or "—",
            }
        )
        if invoice.service_code:
            intro.append(_("Service code: %(code)s.") % {"code": invoice.service_code})
        if invoice.commitment_number:
            intro.append(
                _("Legal commitment number: %(number)s.") % {"number": invoice.commitment_number}
            )
        if invoice.corrects_id:
            assert invoice.corrects is not None
            intro.append(
                _("Refers to invoice %(number)s of %(date)s.")
                % {"number": invoice.corrects.number, "date": _day(invoice.corrects.issued_on)}
            )
        rows = [
            [
                _("Description"),
                _("Dates"),
                _("Hours"),
                _("Unit price excl. tax"),
                _("Amount excl. tax"),
            ]
        ]
        for line in _lines(invoice):
            rows.append(
                [
                    line.description,
                    f"{_day(line.first_date)} – {_day(line.last_date)}",
                    formats.number_format(line.quantity, 2),
                    _amount(line.unit_price),
                    _amount(line.amount),
                ]
            )
        rows.append([_("Total excl. tax"), "", "", "", _amount(invoice.total_excl_tax)])
        if invoice.vat_rate > 0:
            vat = _("VAT %(rate)s %%: %(amount)s") % {
                "rate": formats.number_format(invoice.vat_rate, 2),
                "amount": _amount(invoice.vat_amount),
            }
        else:
            vat = _("VAT: %(amount)s — %(mention)s") % {
                "amount": _amount(invoice.vat_amount),
                "mention": invoice.vat_exemption,
            }
        outro = [
            vat,
            _("Total incl. tax: %(amount)s") % {"amount": _amount(invoice.total_incl_tax)},
            payment_terms(invoice),
        ]
        if invoice.seller_iban and not invoice.is_credit_note:
            outro.append(_("Bank transfer to IBAN %(iban)s.") % {"iban": invoice.seller_iban})
        if invoice.note:
            outro.append(invoice.note)
        return _document(title=title, intro=intro, rows=rows, outro=outro)


def _document(*, title: str, intro: list[str], rows: list[list[str]], outro: list[str]) -> bytes:
    """maillage.core.documents.pdf.document, with no Helvetica anywhere.

    reportlab opens each page, and each table cell, in Helvetica (a font it never embeds);
    PDF/A wants every font a page uses embedded, so both start in DejaVu.
    """
    using = fonts()
    styles = _styles(using)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=drawable(title, using=using),
        author="Maillage",
        lang="fr",
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        initialFontName=using.regular,
    )
    story: list[Flowable] = [Paragraph(text(title, using=using), styles["title"])]
    story += [Paragraph(text(line, using=using), styles["body"]) for line in intro]
    table = _table(rows, styles, using)
    # A table cell's own font is Helvetica unless told: the cells hold paragraphs anyway.
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), using.regular)]))
    story += [Spacer(1, 6 * mm), table, Spacer(1, 6 * mm)]
    story += [Paragraph(text(line, using=using), styles["body"]) for line in outro]
    doc.build(story)
    return buffer.getvalue()


@functools.cache
def srgb_profile() -> bytes:
    """An sRGB ICC profile, made by LittleCMS through Pillow (a dependency of reportlab)."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _with_output_intent(pdf: bytes) -> bytes:
    """PDF/A needs an output intent naming the colour space the page colours are in."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    profile = DecodedStreamObject()
    profile.set_data(srgb_profile())
    profile.update({NameObject("/N"): NumberObject(3)})
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFA1"),
            NameObject("/OutputConditionIdentifier"): TextStringObject("sRGB"),
            NameObject("/Info"): TextStringObject("sRGB IEC61966-2.1"),
            NameObject("/DestOutputProfile"): writer._add_object(profile.flate_encode()),
        }
    )
    writer._root_object[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def facturx_pdf(invoice: Invoice) -> bytes:
    """The invoice as a Factur-X PDF/A-3 (EN 16931 XML embedded, checked against the XSD)."""
    xml = check_invoice_xml(invoice)
    pdf = _with_output_intent(visible_pdf(invoice))
    kind = "Credit note" if invoice.is_credit_note else "Invoice"
    return generate_from_binary(
        pdf,
        xml,
        flavor="factur-x",
        level="en16931",
        check_xsd=False,  # checked just above
        pdf_metadata={
            "author": invoice.seller_name,
            "keywords": "Factur-X",
            "title": f"{invoice.seller_name}: {kind} {invoice.number}",
            "subject": f"Factur-X {kind.lower()} {invoice.number} {invoice.issued_on:%Y-%m-%d}",
        },
        lang="fr-FR",
    )


def file_name(invoice: Invoice) -> str:
    return f"{invoice.number}.pdf"
