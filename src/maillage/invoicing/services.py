"""Invoicing operations: build the month's drafts, issue them (numbered in the transaction),
credit an invoice, record a payment; and the group and public-buyer settings."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.core.limits import limit
from maillage.execution.dates import MonthOutOfReach, read_month
from maillage.invoicing import billable
from maillage.invoicing.access import can_invoice, can_record_references, can_set_group_invoicing
from maillage.invoicing.carrier import RECOVERY_INDEMNITY, carrier
from maillage.invoicing.models import (
    NOTE_MAX_LENGTH,
    REFERENCE_MAX_LENGTH,
    DocumentKind,
    DraftLine,
    GroupInvoicing,
    GroupInvoicingMode,
    Invoice,
    InvoiceDraft,
    InvoiceLine,
    InvoiceSequence,
    InvoiceState,
    LineKind,
    Payment,
    PublicReference,
)
from maillage.missions.models import Mission
from maillage.people.models import BuyerGroup, Organisation, Role, User
from maillage.territory.models import Territory

CENT = Decimal("0.01")


def month_start(month: dt.date) -> dt.date:
    return month.replace(day=1)


def parse_month(value: str) -> dt.date:
    """'2026-11' → 1 November 2026; a ValidationError otherwise, or for a month outside
    the years the platform knows (:func:`maillage.core.limits.in_known_years`)."""
    try:
        return read_month(value)
    except MonthOutOfReach as error:
        raise ValidationError(
            {
                "month": _("Give a month between %(first)s and %(last)s.")
                % {"first": limit("first_year"), "last": limit("last_year")}
            }
        ) from error
    except ValueError as error:
        raise ValidationError({"month": _("Give a month as YYYY-MM.")}) from error


# Building the drafts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """Who an invoice is addressed to: an organisation, for itself or for a group."""

    buyer_id: int
    group_id: int | None


@dataclass
class Target:
    mission: Mission
    kind: str
    minutes: int
    first_date: dt.date
    last_date: dt.date


@dataclass
class BuildReport:
    month: dt.date
    drafts: list[InvoiceDraft] = field(default_factory=list)
    # Needs with billable work but no accepted quote (nothing to price them at).
    unpriced: list[Mission] = field(default_factory=list)
    # Timesheets of the month not validated yet: their work waits for a later invoice.
    pending_timesheets: int = 0
    # Validated minutes an employer group's statement bills instead (its employees' work for
    # its members: the members pay the employer cost and the group's fee, not the quote).
    via_group_statements_minutes: int = 0


def _key_of(mission: Mission, settings_of: dict[int, GroupInvoicing]) -> Key:
    group = mission.buyer_group
    if group is None or group.kind != BuyerGroup.Kind.PURCHASING:
        return Key(mission.buyer_id, None)
    conf = settings_of.get(group.pk)
    if conf is not None and conf.mode == GroupInvoicingMode.SINGLE and conf.payer_id:
        return Key(conf.payer_id, group.pk)
    return Key(mission.buyer_id, group.pk)


def _billed_minutes(territory: Territory, month: dt.date) -> dict[tuple[Key, int, str], int]:
    """Minutes already billed (invoices minus credit notes) per key, need and line kind."""
    rows = (
        InvoiceLine.objects.filter(invoice__territory=territory, invoice__month=month)
        .values(
            "invoice__buyer_id", "invoice__buyer_group_id", "invoice__kind", "mission_id", "kind"
        )
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    billed: dict[tuple[Key, int, str], int] = defaultdict(int)
    for row in rows:
        key = Key(row["invoice__buyer_id"], row["invoice__buyer_group_id"])
        sign = -1 if row["invoice__kind"] == DocumentKind.CREDIT_NOTE else 1
        billed[(key, row["mission_id"], row["kind"])] += sign * row["total"]
    return billed


def _latest_invoices(territory: Territory, month: dt.date) -> dict[Key, Invoice]:
    """The latest invoice (not credit note) issued to each addressee for the month."""
    latest: dict[Key, Invoice] = {}
    for invoice in Invoice.objects.filter(
        territory=territory, month=month, kind=DocumentKind.INVOICE
    ).order_by("issued_at", "pk"):
        latest[Key(invoice.buyer_id, invoice.buyer_group_id)] = invoice
    return latest


def _description(mission: Mission, kind: str, *, with_member: bool) -> str:
    with translation.override("fr"):
        text = mission.title
        if kind == LineKind.CANCELLATION:
            text = _("%(need)s — late cancellations") % {"need": text}
        if with_member:
            text = f"{text} — {mission.buyer.name}"
    return text[:300]


def build_drafts(
    *, territory: Territory, month: dt.date, now: dt.datetime | None = None
) -> BuildReport:
    """(Re)build the month's drafts: what the validated work and billable cancellations of
    each need come to, minus what was already invoiced (so a correction after issue makes a
    supplementary invoice or a credit note, never an edit)."""
    now = now or timezone.now()
    month = month_start(month)
    report = BuildReport(month=month)
    validated = billable.validated_work(territory.pk, month)
    work = validated.by_mission
    report.via_group_statements_minutes = validated.via_group_statements
    cancellations = billable.billable_cancellations(territory.pk, month)
    with transaction.atomic():
        billed = _billed_minutes(territory, month)
        mission_ids = set(work) | set(cancellations) | {mid for (_k, mid, _kind) in billed}
        missions = billable.missions_by_id(mission_ids)
        quotes = billable.accepted_quotes(mission_ids)
        group_ids = {m.buyer_group_id for m in missions.values() if m.buyer_group_id}
        settings_of = {
            conf.group_id: conf for conf in GroupInvoicing.objects.filter(group_id__in=group_ids)
        }
        targets: dict[tuple[Key, int, str], Target] = {}
        sources: tuple[tuple[str, dict[int, billable.Worked]], ...] = (
            (LineKind.WORK, work),
            (LineKind.CANCELLATION, cancellations),
        )
        for line_kind, source in sources:
            for mission_id, worked in source.items():
                mission = missions[mission_id]
                if mission_id not in quotes:
                    if mission not in report.unpriced:
                        report.unpriced.append(mission)
                    continue
                key = _key_of(mission, settings_of)
                targets[(key, mission_id, line_kind)] = Target(
                    mission, line_kind, worked.minutes, worked.first_date, worked.last_date
                )
        pending = billable.pending_timesheets(territory.pk, month)
        report.pending_timesheets = sum(pending.values())
        InvoiceDraft.objects.filter(territory=territory, month=month).delete()
        # Per key: lines to add (invoice) and to take back (credit note).
        plus: dict[Key, list[tuple[Target, int]]] = defaultdict(list)
        minus: dict[Key, list[tuple[Target, int]]] = defaultdict(list)
        for index in set(targets) | set(billed):
            key, mission_id, line_kind = index
            target = targets.get(index)
            delta = (target.minutes if target else 0) - billed.get(index, 0)
            if target is None:
                mission = missions[mission_id]
                first, last = billable.month_bounds(month)
                target = Target(mission, line_kind, 0, first, last)
            if delta > 0:
                plus[key].append((target, delta))
            elif delta < 0:
                minus[key].append((target, -delta))
        documents: tuple[tuple[str, dict[Key, list[tuple[Target, int]]]], ...] = (
            (DocumentKind.INVOICE, plus),
            (DocumentKind.CREDIT_NOTE, minus),
        )
        latest = _latest_invoices(territory, month)
        drafted: list[tuple[InvoiceDraft, list[tuple[Target, int]]]] = []
        for kind, per_key in documents:
            for key, items in sorted(
                per_key.items(), key=lambda kv: (kv[0].buyer_id, kv[0].group_id or 0)
            ):
                corrects = latest.get(key)
                if kind == DocumentKind.CREDIT_NOTE and corrects is None:
                    continue  # nothing was invoiced: nothing to take back
                members = {t.mission.buyer_id for t, _m in items} | {key.buyer_id}
                draft = InvoiceDraft(
                    territory=territory,
                    month=month,
                    buyer_id=key.buyer_id,
                    buyer_group_id=key.group_id,
                    kind=kind,
                    corrects=corrects,
                    pending_timesheets=sum(pending.get(m, 0) for m in members),
                    built_at=now,
                )
                drafted.append((draft, items))
        # One insert for the drafts (their keys come back), one for all their lines.
        InvoiceDraft.objects.bulk_create([draft for draft, _items in drafted])
        DraftLine.objects.bulk_create(
            [
                line
                for draft, items in drafted
                for line in _lines(
                    draft, items, quotes, with_member=draft.buyer_group_id is not None
                )
            ],
            batch_size=1000,
        )
        report.drafts = [draft for draft, _items in drafted]
    return report


def _lines(draft, items, quotes, *, with_member: bool) -> list[DraftLine]:
    lines = []
    ordered = sorted(
        items, key=lambda item: (item[0].mission.title, item[0].mission.pk, item[0].kind)
    )
    for position, (target, minutes) in enumerate(ordered, start=1):
        quantity = billable.hours_of(minutes)
        unit_price = (
            quotes[target.mission.pk].price_per_delivered_hour
            if target.mission.pk in quotes
            else Decimal("0.00")
        )
        lines.append(
            DraftLine(
                draft=draft,
                mission=target.mission,
                kind=target.kind,
                member_id=target.mission.buyer_id,
                description=_description(target.mission, target.kind, with_member=with_member),
                minutes=minutes,
                quantity=quantity,
                unit_price=unit_price,
                amount=billable.amount_of(quantity, unit_price),
                first_date=target.first_date,
                last_date=target.last_date,
                position=position,
            )
        )
    return lines


# Issuing ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    excl_tax: Decimal
    vat: Decimal
    incl_tax: Decimal


def totals_of(amounts: Iterable[Decimal], vat_rate: Decimal) -> Totals:
    """Total excluding tax (sum of the lines), VAT on it rounded to the cent, and the sum."""
    excl = sum(amounts, Decimal("0.00")).quantize(CENT)
    vat = (excl * vat_rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return Totals(excl, vat, excl + vat)


def next_number(*, siret: str, year: int) -> int:
    """The next number of the carrier's yearly sequence, locked until the transaction ends:
    two issues at once wait for each other, and a rollback gives the number back."""
    InvoiceSequence.objects.bulk_create(
        [InvoiceSequence(carrier_siret=siret, year=year)], ignore_conflicts=True
    )
    sequence = InvoiceSequence.objects.select_for_update().get(carrier_siret=siret, year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def _buyer_members(organisation_id: int) -> list[User]:
    return list(
        User.objects.filter(
            memberships__role=Role.BUYER_MEMBER,
            memberships__organisation_id=organisation_id,
            is_active=True,
        ).distinct()
    )


def _notify_issued(invoice: Invoice) -> None:
    from maillage.notifications.kinds import Kind

    if "invoice_issued" not in Kind.values:
        return  # the kind is requested (briefs/kinds-request.txt); until then, no notice
    from maillage.notifications.services import notify

    notify(
        recipients=_buyer_members(invoice.buyer_id),
        kind="invoice_issued",
        params={"number": invoice.number, "amount": str(invoice.total_incl_tax)},
        url=reverse("invoicing:invoice", args=[invoice.pk]),
    )


def _pending_note(count: int) -> str:
    if not count:
        return ""
    with translation.override("fr"):
        return ngettext(
            "%(count)s timesheet of this month awaited validation at issue: its work will "
            "be billed on a supplementary invoice.",
            "%(count)s timesheets of this month awaited validation at issue: their work will "
            "be billed on a supplementary invoice.",
            count,
        ) % {"count": count}


def _write_invoice(
    *,
    kind: str,
    territory: Territory,
    month: dt.date,
    buyer: Organisation,
    group_id: int | None,
    corrects: Invoice | None,
    lines: list[DraftLine] | list[InvoiceLine],
    by: User | None,
    today: dt.date,
    note: str = "",
) -> Invoice:
    """Number and write an invoice (inside the caller's transaction), checking its XML."""
    from maillage.invoicing.facturx import check_invoice_xml

    seller = carrier()
    if not lines:
        raise ValidationError(_("There is nothing to invoice."))
    totals = totals_of((line.amount for line in lines), seller.vat_rate)
    number = next_number(siret=seller.siret, year=today.year)
    reference = (
        PublicReference.objects.filter(mission_id__in={line.mission_id for line in lines})
        .exclude(commitment_number="", service_code="")
        .first()
        if buyer.is_public_buyer
        else None
    )
    invoice = Invoice(
        kind=kind,
        number=f"{seller.number_prefix}{today.year}-{number:05d}",
        sequence_year=today.year,
        sequence_number=number,
        corrects=corrects,
        territory=territory,
        month=month,
        buyer=buyer,
        buyer_group_id=group_id,
        state=InvoiceState.ISSUED,
        issued_on=today,
        due_on=today + dt.timedelta(days=seller.payment_days),
        service_start=min(line.first_date for line in lines),
        service_end=max(line.last_date for line in lines),
        seller_name=seller.name,
        seller_siret=seller.siret,
        seller_address=seller.address,
        seller_postcode=seller.postcode,
        seller_city=seller.city,
        seller_vat_number=seller.vat_number,
        seller_iban=seller.iban,
        buyer_name=buyer.name,
        buyer_siret=buyer.siret,
        buyer_address=buyer.address,
        buyer_postcode=(
            buyer.commune.postal_codes.split(" ")[0] if buyer.commune.postal_codes else ""
        )[:10],
        buyer_city=buyer.commune.name,
        buyer_is_public=buyer.is_public_buyer,
        service_code=reference.service_code if reference else "",
        commitment_number=reference.commitment_number if reference else "",
        vat_rate=seller.vat_rate,
        vat_exemption=seller.vat_exemption,
        payment_days=seller.payment_days,
        penalty_rate=seller.penalty_rate,
        recovery_indemnity=RECOVERY_INDEMNITY,
        total_excl_tax=totals.excl_tax,
        vat_amount=totals.vat,
        total_incl_tax=totals.incl_tax,
        note=note[:NOTE_MAX_LENGTH],
        issued_by=by,
        issued_at=timezone.now(),
    )
    invoice.save()
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoice,
            mission_id=line.mission_id,
            kind=line.kind,
            member_id=line.member_id,
            description=line.description,
            minutes=line.minutes,
            quantity=line.quantity,
            unit_price=line.unit_price,
            amount=line.amount,
            first_date=line.first_date,
            last_date=line.last_date,
            position=line.position,
        )
        for line in lines
    )
    invoice.transitions.create(from_state="draft", to_state=InvoiceState.ISSUED, by=by)
    # The Factur-X XML must pass the official schema, or nothing is issued.
    check_invoice_xml(invoice)
    return invoice


def issue_draft(*, draft: InvoiceDraft, by: User | None, today: dt.date | None = None) -> Invoice:
    """Issue a draft: its number, frozen mentions and lines, in one transaction."""
    if by is not None and not can_invoice(by, draft.territory_id):
        raise PermissionDenied(_("Only a coordinator of the territory issues invoices."))
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = InvoiceDraft.objects.select_for_update().filter(pk=draft.pk).first()
        if locked is None:
            raise ValidationError(_("This draft was issued or rebuilt meanwhile: read it again."))
        locked = InvoiceDraft.objects.select_related("buyer__commune", "territory").get(
            pk=locked.pk
        )
        lines = list(locked.lines.order_by("position", "pk"))
        invoice = _write_invoice(
            kind=locked.kind,
            territory=locked.territory,
            month=locked.month,
            buyer=locked.buyer,
            group_id=locked.buyer_group_id,
            corrects=locked.corrects,
            lines=lines,
            by=by,
            today=today,
            note=_pending_note(locked.pending_timesheets),
        )
        corrects = locked.corrects
        locked.delete()
        if invoice.is_credit_note and corrects is not None:
            _settle(corrects, by=by, reason=invoice.number)
        if not invoice.is_credit_note:
            _notify_issued(invoice)
    return invoice


def issue_month(
    *, territory: Territory, month: dt.date, by: User | None, today: dt.date | None = None
) -> list[Invoice]:
    """Issue every draft of the month, each in its own transaction (invoices first)."""
    drafts = InvoiceDraft.objects.filter(territory=territory, month=month_start(month)).order_by(
        "kind", "buyer__name", "pk"
    )
    return [issue_draft(draft=draft, by=by, today=today) for draft in drafts]


# Corrections and payments --------------------------------------------------------------------


def credited_amount(invoice: Invoice) -> Decimal:
    return Invoice.objects.filter(corrects=invoice, kind=DocumentKind.CREDIT_NOTE).aggregate(
        total=Sum("total_incl_tax")
    )["total"] or Decimal("0.00")


def paid_amount(invoice: Invoice) -> Decimal:
    return invoice.payments.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")


def outstanding(invoice: Invoice) -> Decimal:
    """What the buyer still owes on an invoice (after payments and credit notes)."""
    if invoice.is_credit_note:
        return Decimal("0.00")
    return invoice.total_incl_tax - paid_amount(invoice) - credited_amount(invoice)


def _settle(invoice: Invoice, *, by: User | None, reason: str = "") -> None:
    """Move the invoice to partially paid or paid by what it has received (or been credited)."""
    locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
    left = outstanding(locked)
    if left <= 0 and locked.state != InvoiceState.PAID:
        locked.transition(InvoiceState.PAID, by=by, reason=reason)
    elif (
        0 < left < locked.total_incl_tax
        and locked.state != InvoiceState.PARTIALLY_PAID
        and locked.can_transition(InvoiceState.PARTIALLY_PAID)
    ):
        locked.transition(InvoiceState.PARTIALLY_PAID, by=by, reason=reason)


def credit_invoice(
    *, invoice: Invoice, by: User | None, reason: str, today: dt.date | None = None
) -> Invoice:
    """Cancel what is left of an issued invoice with a credit note that refers to it.

    The work it billed is billed again by the next build (on a new invoice), so a wrong
    invoice is corrected by "credit note + new invoice", never by an edit."""
    if by is not None and not can_invoice(by, invoice.territory_id):
        raise PermissionDenied(_("Only a coordinator of the territory credits an invoice."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the invoice is credited.")})
    if len(reason) > NOTE_MAX_LENGTH:
        raise ValidationError({"reason": _("The reason is too long.")})
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = (
            Invoice.objects.select_for_update()
            .select_related("buyer__commune", "territory")
            .get(pk=invoice.pk)
        )
        if locked.is_credit_note:
            raise ValidationError(_("A credit note is not credited."))
        lines = _remaining_lines(locked)
        if not lines:
            raise ValidationError(_("This invoice is already fully credited."))
        credit = _write_invoice(
            kind=DocumentKind.CREDIT_NOTE,
            territory=locked.territory,
            month=locked.month,
            buyer=locked.buyer,
            group_id=locked.buyer_group_id,
            corrects=locked,
            lines=lines,
            by=by,
            today=today,
            note=reason,
        )
        _settle(locked, by=by, reason=credit.number)
    return credit


def _remaining_lines(invoice: Invoice) -> list[InvoiceLine]:
    """The invoice's lines minus what earlier credit notes already took back."""
    taken: dict[tuple[int, str], int] = defaultdict(int)
    for line in InvoiceLine.objects.filter(
        invoice__corrects=invoice, invoice__kind=DocumentKind.CREDIT_NOTE
    ):
        taken[(line.mission_id, line.kind)] += line.minutes
    remaining: list[InvoiceLine] = []
    for line in invoice.lines.order_by("position", "pk"):
        minutes = line.minutes - taken.pop((line.mission_id, line.kind), 0)
        if minutes <= 0:
            continue
        quantity = billable.hours_of(minutes) if minutes != line.minutes else line.quantity
        remaining.append(
            InvoiceLine(
                mission_id=line.mission_id,
                kind=line.kind,
                member_id=line.member_id,
                description=line.description,
                minutes=minutes,
                quantity=quantity,
                unit_price=line.unit_price,
                amount=billable.amount_of(quantity, line.unit_price),
                first_date=line.first_date,
                last_date=line.last_date,
                position=len(remaining) + 1,
            )
        )
    return remaining


def record_payment(
    *,
    invoice: Invoice,
    amount: Decimal,
    received_on: dt.date,
    by: User | None,
    reference: str = "",
) -> Payment:
    """Record money received for an invoice; the invoice becomes partially paid or paid."""
    if by is not None and not can_invoice(by, invoice.territory_id):
        raise PermissionDenied(_("Only a coordinator of the territory records payments."))
    if invoice.is_credit_note:
        raise ValidationError(_("A credit note receives no payment."))
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("A payment is more than zero.")})
    reference = (reference or "").strip()
    if len(reference) > REFERENCE_MAX_LENGTH:
        raise ValidationError({"reference": _("The reference is too long.")})
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        left = outstanding(locked)
        if amount > left:
            raise ValidationError(
                {"amount": _("Only %(left)s € is left to pay on this invoice.") % {"left": left}}
            )
        payment = Payment.objects.create(
            invoice=locked,
            amount=amount.quantize(CENT),
            received_on=received_on,
            reference=reference,
            recorded_by=by,
        )
        _settle(locked, by=by, reason=reference)
    return payment


def overdue_invoices(*, territory_ids: Iterable[int], today: dt.date | None = None):
    """Issued invoices past their due date that are not paid, oldest first."""
    today = today or timezone.localdate()
    return (
        Invoice.objects.filter(
            territory_id__in=list(territory_ids),
            kind=DocumentKind.INVOICE,
            due_on__lt=today,
        )
        .filter(Q(state=InvoiceState.ISSUED) | Q(state=InvoiceState.PARTIALLY_PAID))
        .select_related("buyer")
        .order_by("due_on", "pk")
    )


# Settings given by the parties ------------------------------------------------------------------


def set_group_invoicing(
    *, group: BuyerGroup, mode: str, payer: Organisation | None, by: User
) -> GroupInvoicing:
    """How a purchasing group is invoiced (per member, or once to the paying member)."""
    if not can_set_group_invoicing(by, group):
        raise PermissionDenied(_("Only the group's manager or a coordinator sets this."))
    if group.kind != BuyerGroup.Kind.PURCHASING:
        raise ValidationError(_("Only a purchasing group buys, and is invoiced, together."))
    if mode not in GroupInvoicingMode.values:
        raise ValidationError({"mode": _("Unknown choice.")})
    if mode == GroupInvoicingMode.SINGLE:
        if payer is None:
            raise ValidationError({"payer": _("Name the member billed for the group.")})
        if not group.members.filter(pk=payer.pk).exists():
            raise ValidationError({"payer": _("The member billed must belong to the group.")})
    else:
        payer = None
    with transaction.atomic():
        conf, _created = GroupInvoicing.objects.update_or_create(
            group=group, defaults={"mode": mode, "payer": payer, "updated_by": by}
        )
    return conf


def set_public_reference(
    *, mission: Mission, service_code: str, commitment_number: str, by: User
) -> PublicReference:
    """The public buyer's service code and legal commitment number for a need's invoices."""
    if not can_record_references(by, mission):
        raise PermissionDenied(_("Only the need's buyer gives these references."))
    service_code = (service_code or "").strip()
    commitment_number = (commitment_number or "").strip()
    errors = {}
    for name, value in (("service_code", service_code), ("commitment_number", commitment_number)):
        if len(value) > REFERENCE_MAX_LENGTH:
            errors[name] = _("At most %(max)s characters.") % {"max": REFERENCE_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        reference, _created = PublicReference.objects.update_or_create(
            mission=mission,
            defaults={
                "service_code": service_code,
                "commitment_number": commitment_number,
                "given_by": by,
            },
        )
    return reference


def spending_by_month(invoices: Iterable[Invoice]) -> list[tuple[dt.date, Decimal]]:
    """Total invoiced per month of service (credit notes deducted), newest first."""
    totals: dict[dt.date, Decimal] = {}
    for month, group in itertools.groupby(
        sorted(invoices, key=lambda i: i.month, reverse=True), key=lambda i: i.month
    ):
        totals[month] = sum((i.signed_total for i in group), Decimal("0.00"))
    return list(totals.items())
