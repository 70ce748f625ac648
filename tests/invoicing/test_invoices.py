"""Drafts, issue, numbering, mentions, corrections, payments and groups (SQLite or PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from maillage.absences.services import cancel_occurrence
from maillage.execution.dates import PARIS
from maillage.execution.models import Occurrence
from maillage.invoicing.access import invoices_visible_to
from maillage.invoicing.facturx import facturx_pdf
from maillage.invoicing.models import (
    DocumentKind,
    Invoice,
    InvoiceDraft,
    InvoiceLine,
    InvoiceSequence,
    InvoiceState,
    LineKind,
)
from maillage.invoicing.services import (
    build_drafts,
    credit_invoice,
    issue_draft,
    issue_month,
    outstanding,
    overdue_invoices,
    parse_month,
    record_payment,
    set_group_invoicing,
    totals_of,
)
from maillage.people.models import BuyerGroup
from maillage.timesheets.models import Outcome, Timesheet
from maillage.timesheets.services import LineInput, correct_timesheet
from tests.factories import OrganisationFactory, WorkerProfileFactory, buyer_member
from tests.factories.invoicing import (
    DECLARED_AT,
    ISSUE_DAY,
    NOVEMBER,
    priced_need,
    validate_all,
    work,
)

# 6 hours (4 × 90 minutes) for the school, 8 hours (4 × 2 h) for the town hall, both at the
# accepted quotes' price per delivered hour.


def issue_november(month) -> dict[str, Invoice]:
    build_drafts(territory=month.territory, month=NOVEMBER)
    invoices = issue_month(
        territory=month.territory, month=NOVEMBER, by=month.coordinator, today=ISSUE_DAY
    )
    return {invoice.buyer_name: invoice for invoice in invoices}


def pdf_text(invoice: Invoice) -> str:
    reader = PdfReader(io.BytesIO(facturx_pdf(invoice)))
    return " ".join(page.extract_text() for page in reader.pages)


def test_month_drafts_bill_the_validated_hours_at_the_quote_price(month):
    report = build_drafts(territory=month.territory, month=NOVEMBER)

    drafts = {draft.buyer.name: draft for draft in report.drafts}
    assert sorted(drafts) == ["Mairie de Talence", "École Jules Ferry"]
    [school_line] = drafts["École Jules Ferry"].lines.all()
    price = month.workshop.quotes.get(state="accepted").price_per_delivered_hour
    assert (school_line.minutes, school_line.quantity) == (360, Decimal("6.00"))
    assert school_line.unit_price == price
    assert school_line.amount == (Decimal("6.00") * price).quantize(Decimal("0.01"))
    assert (school_line.first_date, school_line.last_date) == (
        dt.date(2026, 11, 3),
        dt.date(2026, 11, 24),
    )
    assert drafts["École Jules Ferry"].pending_timesheets == 0
    assert report.unpriced == []


def test_rebuilding_replaces_the_drafts(month):
    build_drafts(territory=month.territory, month=NOVEMBER)
    build_drafts(territory=month.territory, month=NOVEMBER)
    assert InvoiceDraft.objects.filter(month=NOVEMBER).count() == 2


def test_issue_numbers_in_sequence_and_totals_add_up_to_the_cent(month):
    invoices = issue_november(month)

    numbers = sorted(invoice.number for invoice in invoices.values())
    assert numbers == ["F2026-00001", "F2026-00002"]
    assert InvoiceSequence.objects.get(year=2026).last_number == 2
    for invoice in invoices.values():
        lines = list(invoice.lines.all())
        assert invoice.total_excl_tax == sum(line.amount for line in lines)
        assert invoice.vat_amount == (invoice.total_excl_tax * Decimal("0.20")).quantize(
            Decimal("0.01")
        )
        assert invoice.total_incl_tax == invoice.total_excl_tax + invoice.vat_amount
        assert invoice.due_on == ISSUE_DAY + dt.timedelta(days=30)
        assert list(invoice.transitions.values_list("from_state", "to_state")) == [
            ("draft", "issued")
        ]
    assert not InvoiceDraft.objects.exists()


def test_mandatory_mentions_are_on_the_pdf(month):
    invoices = issue_november(month)
    school = invoices["École Jules Ferry"]

    text = pdf_text(school)
    for mention in (
        "Maillage Coopérative (démo)",
        "99100000100016",  # the carrier's SIRET
        month.school.siret,  # the buyer's SIRET
        school.number,
        "01/12/2026",  # issue date
        "03/11/2026",  # service dates
        "24/11/2026",
        "6,00",  # quantity
        f"{school.lines.get().unit_price:.2f}".replace(".", ","),
        "20,00",  # VAT rate
        f"{school.total_excl_tax:.2f}".replace(".", ","),
        f"{school.total_incl_tax:.2f}".replace(".", ","),
        "31/12/2026",  # due date
        "12,00",  # penalty rate
        "40,00",  # recovery indemnity
        "FR67991000001",
    ):
        assert mention in text, mention
    town_hall = pdf_text(invoices["Mairie de Talence"])
    assert "SERVICE-NUM" in town_hall
    assert "EJ-2026-0042" in town_hall


def test_an_exempt_carrier_prints_the_exemption_and_no_vat(month, settings):
    settings.MAILLAGE_CARRIER = {**settings.MAILLAGE_CARRIER, "vat_rate": ""}
    invoices = issue_november(month)

    school = invoices["École Jules Ferry"]
    assert (school.vat_rate, school.vat_amount) == (Decimal("0.00"), Decimal("0.00"))
    assert school.total_incl_tax == school.total_excl_tax
    assert "TVA non applicable, article 261-7-1° du CGI" in pdf_text(school)


def test_unvalidated_work_waits_and_the_invoice_says_so(unvalidated_month):
    month = unvalidated_month
    validate_all(month.territory, week__lt=dt.date(2026, 11, 16))  # two weeks of four

    report = build_drafts(territory=month.territory, month=NOVEMBER)

    school = next(d for d in report.drafts if d.buyer == month.school)
    assert school.lines.get().minutes == 180
    assert school.pending_timesheets == 2
    invoice = issue_draft(draft=school, by=month.coordinator, today=ISSUE_DAY)
    assert "2 timesheet" in invoice.note or "2 feuille" in invoice.note

    # The rest, once validated, is a supplementary invoice referring to the first.
    validate_all(month.territory)
    report = build_drafts(territory=month.territory, month=NOVEMBER)
    supplement = next(d for d in report.drafts if d.buyer == month.school)
    assert (supplement.kind, supplement.corrects) == (DocumentKind.INVOICE, invoice)
    assert supplement.lines.get().minutes == 180
    assert supplement.pending_timesheets == 0


def test_a_timesheet_corrected_after_issue_makes_a_credit_note(month):
    invoices = issue_november(month)
    school_invoice = invoices["École Jules Ferry"]
    timesheet = Timesheet.objects.get(worker=month.alice, week=dt.date(2026, 11, 23))
    occurrence = Occurrence.objects.get(mission=month.workshop, date=dt.date(2026, 11, 24))
    correct_timesheet(
        timesheet=timesheet,
        lines=[LineInput(occurrence_id=occurrence.pk, outcome=Outcome.NOT_DONE, reason="Grève")],
        by=month.alice.user,
        reason="The school was closed",
        now=DECLARED_AT,
    )
    validate_all(month.territory)

    report = build_drafts(territory=month.territory, month=NOVEMBER)

    [credit_draft] = report.drafts
    assert (credit_draft.kind, credit_draft.corrects) == (DocumentKind.CREDIT_NOTE, school_invoice)
    assert credit_draft.lines.get().minutes == 90
    credit = issue_draft(draft=credit_draft, by=month.coordinator, today=ISSUE_DAY)
    assert credit.number == "F2026-00003"
    assert credit.total_excl_tax == credit.lines.get().amount
    school_invoice.refresh_from_db()
    # The issued invoice is untouched: only what is owed on it changed.
    assert school_invoice.lines.get().minutes == 360
    assert outstanding(school_invoice) == school_invoice.total_incl_tax - credit.total_incl_tax
    assert build_drafts(territory=month.territory, month=NOVEMBER).drafts == []


def test_credit_note_flow_cancels_and_the_work_is_billed_again(month):
    invoices = issue_november(month)
    invoice = invoices["École Jules Ferry"]

    credit = credit_invoice(
        invoice=invoice, by=month.coordinator, reason="Wrong buyer address", today=ISSUE_DAY
    )

    assert (credit.kind, credit.corrects, credit.number) == (
        DocumentKind.CREDIT_NOTE,
        invoice,
        "F2026-00003",
    )
    assert credit.total_incl_tax == invoice.total_incl_tax
    invoice.refresh_from_db()
    assert invoice.state == InvoiceState.PAID
    assert outstanding(invoice) == Decimal("0.00")
    with pytest.raises(ValidationError):
        credit_invoice(invoice=invoice, by=month.coordinator, reason="Again", today=ISSUE_DAY)
    [again] = build_drafts(territory=month.territory, month=NOVEMBER).drafts
    assert (again.kind, again.buyer, again.lines.get().minutes) == (
        DocumentKind.INVOICE,
        month.school,
        360,
    )


def test_only_a_coordinator_of_the_territory_issues_credits_or_records(month, people):
    report = build_drafts(territory=month.territory, month=NOVEMBER)
    for role in ("buyer_member", "other_coordinator", "worker", "stranger"):
        with pytest.raises(PermissionDenied):
            issue_draft(draft=report.drafts[0], by=people[role], today=ISSUE_DAY)
    assert not Invoice.objects.exists()
    invoice = issue_draft(draft=report.drafts[0], by=month.coordinator, today=ISSUE_DAY)
    for role in ("buyer_member", "other_coordinator", "stranger"):
        with pytest.raises(PermissionDenied):
            credit_invoice(invoice=invoice, by=people[role], reason="x")
        with pytest.raises(PermissionDenied):
            record_payment(
                invoice=invoice, amount=Decimal("1"), received_on=ISSUE_DAY, by=people[role]
            )
    assert not invoice.payments.exists()
    assert Invoice.objects.count() == 1


def test_payments_partial_then_full_and_overdue(month):
    invoice = issue_november(month)["École Jules Ferry"]
    late = ISSUE_DAY + dt.timedelta(days=31)
    assert list(overdue_invoices(territory_ids=[month.territory.pk], today=late)) == sorted(
        Invoice.objects.all(), key=lambda i: (i.due_on, i.pk)
    )

    record_payment(
        invoice=invoice, amount=Decimal("100.00"), received_on=late, by=month.coordinator
    )
    invoice.refresh_from_db()
    assert invoice.state == InvoiceState.PARTIALLY_PAID
    with pytest.raises(ValidationError):
        record_payment(
            invoice=invoice, amount=invoice.total_incl_tax, received_on=late, by=month.coordinator
        )
    record_payment(
        invoice=invoice,
        amount=invoice.total_incl_tax - Decimal("100.00"),
        received_on=late,
        by=month.coordinator,
        reference="VIR-123",
    )
    invoice.refresh_from_db()
    assert invoice.state == InvoiceState.PAID
    assert invoice not in overdue_invoices(territory_ids=[month.territory.pk], today=late)
    assert [t.to_state for t in invoice.transitions.order_by("at", "pk")] == [
        "issued",
        "partially_paid",
        "paid",
    ]


def test_a_crash_after_numbering_leaves_no_gap_and_no_half_invoice(month):
    [first, second] = build_drafts(territory=month.territory, month=NOVEMBER).drafts

    with (
        mock.patch.object(InvoiceLine.objects, "bulk_create", side_effect=RuntimeError("disk")),
        pytest.raises(RuntimeError),
    ):
        issue_draft(draft=first, by=month.coordinator, today=ISSUE_DAY)

    assert not Invoice.objects.exists()
    assert not InvoiceSequence.objects.filter(last_number__gt=0).exists()
    assert InvoiceDraft.objects.count() == 2
    assert issue_draft(draft=first, by=month.coordinator, today=ISSUE_DAY).number == "F2026-00001"
    assert issue_draft(draft=second, by=month.coordinator, today=ISSUE_DAY).number == "F2026-00002"


def test_an_issued_invoice_is_never_edited(month):
    invoice = issue_november(month)["École Jules Ferry"]
    for action in (
        lambda: Invoice.objects.filter(pk=invoice.pk).update(total_excl_tax=Decimal("1.00")),
        lambda: Invoice.objects.filter(pk=invoice.pk).update(state="issued", number="X"),
        lambda: InvoiceLine.objects.filter(invoice=invoice).update(minutes=1),
        lambda: InvoiceLine.objects.filter(invoice=invoice).delete(),
        lambda: invoice.transitions.all().delete(),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            action()
    invoice.refresh_from_db()
    assert invoice.lines.get().minutes == 360


def test_billable_late_cancellations_are_a_line(month):
    evening = priced_need(month.school, title="Atelier du soir")
    work(
        month.territory, [(evening, month.alice, {"day": 1, "start": 1020, "end": 1080})], weeks=[]
    )
    occurrence = Occurrence.objects.get(mission=evening, date=dt.date(2026, 11, 24))
    cancel_occurrence(
        occurrence=occurrence,
        by=month.school_buyer,
        reason="Sortie scolaire",
        now=dt.datetime(2026, 11, 24, 8, tzinfo=PARIS),
    )

    report = build_drafts(territory=month.territory, month=NOVEMBER)

    school = next(d for d in report.drafts if d.buyer == month.school)
    cancellation = school.lines.get(kind=LineKind.CANCELLATION)
    assert (cancellation.mission, cancellation.minutes) == (evening, 60)
    assert "Atelier du soir" in cancellation.description


@pytest.fixture
def group(month):
    group = BuyerGroup.objects.create(
        name="Groupement des écoles", kind=BuyerGroup.Kind.PURCHASING, territory=month.territory
    )
    other_school = OrganisationFactory(territory=month.territory, name="École Condorcet")
    group.members.add(month.school, other_school)
    first = priced_need(month.school, title="Atelier groupé A", group=group)
    second = priced_need(other_school, title="Atelier groupé B", group=group)
    carla, denis = (
        WorkerProfileFactory(territory=month.territory, with_membership=True, with_skill=True)
        for _ in range(2)
    )
    work(
        month.territory,
        [
            (first, carla, {"day": 3, "start": 900, "end": 960}),
            (second, denis, {"day": 3, "start": 900, "end": 960}),
        ],
    )
    group.other_school = other_school
    return group


def test_a_group_invoiced_per_member(month, group):
    drafts = build_drafts(territory=month.territory, month=NOVEMBER).drafts
    grouped = [d for d in drafts if d.buyer_group == group]
    assert sorted(d.buyer.name for d in grouped) == ["École Condorcet", "École Jules Ferry"]


def test_a_group_invoiced_once_with_a_line_per_member_need(month, group):
    set_group_invoicing(group=group, mode="single", payer=month.school, by=month.coordinator)

    drafts = build_drafts(territory=month.territory, month=NOVEMBER).drafts

    [grouped] = [d for d in drafts if d.buyer_group == group]
    assert grouped.buyer == month.school
    lines = sorted((line.member.name, line.description) for line in grouped.lines.all())
    assert lines == [
        ("École Condorcet", "Atelier groupé B — École Condorcet"),
        ("École Jules Ferry", "Atelier groupé A — École Jules Ferry"),
    ]
    invoice = issue_draft(draft=grouped, by=month.coordinator, today=ISSUE_DAY)
    assert invoice.buyer_siret == month.school.siret


def test_group_settings_are_checked(month, group, people):
    with pytest.raises(ValidationError):
        set_group_invoicing(group=group, mode="single", payer=None, by=month.coordinator)
    with pytest.raises(ValidationError):
        outsider = OrganisationFactory(territory=month.territory)
        set_group_invoicing(group=group, mode="single", payer=outsider, by=month.coordinator)
    with pytest.raises(PermissionDenied):
        set_group_invoicing(group=group, mode="per_member", payer=None, by=people["stranger"])


def test_each_role_sees_its_invoices_only(month, people):
    invoices = issue_november(month)
    school = invoices["École Jules Ferry"]

    assert list(invoices_visible_to(month.school_buyer)) == [school]
    assert set(invoices_visible_to(month.coordinator)) == set(invoices.values())
    for role in ("buyer_member", "other_buyer", "other_coordinator", "worker", "stranger"):
        assert list(invoices_visible_to(people[role])) == [], role


@given(
    amounts=st.lists(
        st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False), max_size=30
    ),
    rate=st.sampled_from([Decimal("0.00"), Decimal("5.50"), Decimal("10.00"), Decimal("20.00")]),
)
def test_totals_always_add_up_to_the_cent(amounts, rate):
    totals = totals_of(amounts, rate)
    assert totals.excl_tax == sum(amounts, Decimal("0"))
    assert totals.incl_tax == totals.excl_tax + totals.vat
    assert totals.vat == totals.vat.quantize(Decimal("0.01"))
    assert abs(totals.vat - totals.excl_tax * rate / 100) <= Decimal("0.005")


def test_months_are_read_as_year_dash_month():
    assert parse_month("2026-11") == NOVEMBER
    for wrong in ("2026-13", "11/2026", "", "2026-11-01"):
        with pytest.raises(ValidationError):
            parse_month(wrong)
    for far in ("0001-01", "9999-12"):
        with pytest.raises(ValidationError) as refused:
            parse_month(far)
        assert refused.value.message_dict == {"month": ["Indiquez un mois entre 1970 et 2199."]}


def test_buyer_members_are_told_when_possible(month):
    """The notice is sent once the kind exists (requested in briefs/kinds-request.txt)."""
    from maillage.notifications.kinds import Kind
    from maillage.notifications.models import Notification

    issue_november(month)
    sent = Notification.objects.filter(kind="invoice_issued", recipient=month.school_buyer)
    assert sent.count() == (1 if "invoice_issued" in Kind.values else 0)


def test_other_buyer_cannot_be_sent_someone_elses_draft(month):
    """A buyer member is never a coordinator: the draft is refused, nothing numbered."""
    draft = build_drafts(territory=month.territory, month=NOVEMBER).drafts[0]
    with pytest.raises(PermissionDenied):
        issue_draft(draft=draft, by=buyer_member(month.school), today=ISSUE_DAY)
    assert not InvoiceSequence.objects.filter(last_number__gt=0).exists()
