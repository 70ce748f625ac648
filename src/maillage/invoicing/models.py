"""Invoices to buyers, built from validated timesheets at the accepted quotes' prices
(docs/decisions/0026-invoicing.md).

A *draft* (``InvoiceDraft`` and its lines) is what the month's work would bill now: rebuilt
at will, reviewed by the coordinator, never sent. Issuing a draft writes an ``Invoice``: a
number taken from the carrier's yearly sequence in the same transaction, a frozen copy of
every mention (parties, terms, VAT) and its lines. An issued invoice, its lines, payments and
log are never edited (the database refuses it): a correction is a credit note that refers to
the invoice, or a supplementary invoice. Only the state moves, as payments come in.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.core.fields import MONEY, DecimalDigits
from maillage.core.statemachine import StateMachineMixin, TransitionLog
from maillage.missions.models import Mission
from maillage.people.models import BuyerGroup, Organisation, User
from maillage.territory.models import Territory

REFERENCE_MAX_LENGTH = 100
NOTE_MAX_LENGTH = 1000
#: Hours billed carry two decimals (minutes / 60, rounded half up).
QUANTITY: Final[DecimalDigits] = {"max_digits": 8, "decimal_places": 2}


class DocumentKind(models.TextChoices):
    """UNTDID 1001 document type: a commercial invoice (380) or a credit note (381)."""

    INVOICE = "invoice", _("Invoice")
    CREDIT_NOTE = "credit_note", _("Credit note")


class LineKind(models.TextChoices):
    WORK = "work", _("Work done")
    CANCELLATION = "cancellation", _("Late cancellation (billed per the charter)")


class GroupInvoicingMode(models.TextChoices):
    PER_MEMBER = "per_member", _("One invoice per member")
    SINGLE = "single", _("One invoice for the group, a line per member need")


class InvoiceState(models.TextChoices):
    ISSUED = "issued", _("Issued")
    PARTIALLY_PAID = "partially_paid", _("Partially paid")
    PAID = "paid", _("Paid")


S = InvoiceState
# A draft is not an invoice yet (see InvoiceDraft): the log's first row goes "draft" → issued.
INVOICE_TRANSITIONS: dict[str, frozenset[str]] = {
    S.ISSUED: frozenset({S.PARTIALLY_PAID, S.PAID}),
    S.PARTIALLY_PAID: frozenset({S.PARTIALLY_PAID, S.PAID}),
    S.PAID: frozenset(),
}
STATE_MOVES = sorted(
    (old, new) for old, targets in INVOICE_TRANSITIONS.items() for new in targets if old != new
)


class GroupInvoicing(models.Model):
    """How a purchasing group is invoiced: per member, or once with a line per member need."""

    group = models.OneToOneField(
        BuyerGroup,
        verbose_name=_("buyer group"),
        on_delete=models.CASCADE,
        related_name="invoicing",
    )
    mode = models.CharField(
        _("invoices"),
        max_length=12,
        choices=GroupInvoicingMode.choices,
        default=GroupInvoicingMode.PER_MEMBER,
    )
    # The member that receives and pays the group's single invoice (the group's coordinator
    # member, in a French "groupement de commandes"): a group has no SIRET of its own.
    payer = models.ForeignKey(
        Organisation,
        verbose_name=_("member billed for the group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("group invoicing")
        verbose_name_plural = _("group invoicing")
        constraints = [
            models.CheckConstraint(
                condition=Q(mode="per_member") | Q(payer__isnull=False),
                name="group_invoicing_single_has_payer",
                violation_error_message=_("A single invoice for the group names who pays it."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} — {self.get_mode_display()}"


class PublicReference(models.Model):
    """What a public buyer gives on the quote for Chorus Pro: service code and commitment."""

    mission = models.OneToOneField(
        Mission,
        verbose_name=_("need"),
        on_delete=models.CASCADE,
        related_name="public_reference",
    )
    service_code = models.CharField(_("service code"), max_length=REFERENCE_MAX_LENGTH, blank=True)
    commitment_number = models.CharField(
        _("legal commitment number (engagement juridique)"),
        max_length=REFERENCE_MAX_LENGTH,
        blank=True,
    )
    given_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("public buyer's references")
        verbose_name_plural = _("public buyers' references")

    def __str__(self) -> str:
        return f"{self.mission}: {self.service_code} / {self.commitment_number}"


class InvoiceSequence(models.Model):
    """The last number issued by one carrier structure (by SIRET) in one year."""

    carrier_siret = models.CharField(_("carrier's SIRET"), max_length=14)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("invoice sequence")
        verbose_name_plural = _("invoice sequences")
        constraints = [
            models.UniqueConstraint(
                fields=["carrier_siret", "year"],
                name="invoice_sequence_once",
                violation_error_message=_("This carrier already has a sequence for this year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.carrier_siret} {self.year}: {self.last_number}"


class Invoice(StateMachineMixin, models.Model):
    """An issued invoice or credit note: every mention frozen at issue, never edited."""

    TRANSITIONS = INVOICE_TRANSITIONS
    log_fk_name = "invoice"

    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    number = models.CharField(_("number"), max_length=30)
    sequence_year = models.PositiveSmallIntegerField(_("year of the sequence"))
    sequence_number = models.PositiveIntegerField(_("number in the sequence"))
    # The invoice a credit note cancels (in part) or a supplementary invoice completes.
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField(_("month of service"))
    buyer = models.ForeignKey(
        Organisation, verbose_name=_("buyer"), on_delete=models.PROTECT, related_name="invoices"
    )
    buyer_group = models.ForeignKey(
        BuyerGroup,
        verbose_name=_("buyer group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    state = models.CharField(
        _("state"), max_length=16, choices=InvoiceState.choices, default=S.ISSUED
    )
    issued_on = models.DateField(_("issue date"))
    due_on = models.DateField(_("due date"))
    service_start = models.DateField(_("first day of service"))
    service_end = models.DateField(_("last day of service"))
    # The seller (carrier structure), as it was on the issue date.
    seller_name = models.CharField(_("seller"), max_length=200)
    seller_siret = models.CharField(_("seller's SIRET"), max_length=14)
    seller_address = models.CharField(_("seller's address"), max_length=300)
    seller_postcode = models.CharField(_("seller's postcode"), max_length=10)
    seller_city = models.CharField(_("seller's city"), max_length=100)
    seller_vat_number = models.CharField(_("seller's VAT number"), max_length=20, blank=True)
    seller_iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    # The buyer, as it was on the issue date.
    buyer_name = models.CharField(_("buyer's name"), max_length=200)
    buyer_siret = models.CharField(_("buyer's SIRET"), max_length=14, blank=True)
    buyer_address = models.CharField(_("buyer's address"), max_length=300, blank=True)
    buyer_postcode = models.CharField(_("buyer's postcode"), max_length=10, blank=True)
    buyer_city = models.CharField(_("buyer's city"), max_length=100, blank=True)
    buyer_is_public = models.BooleanField(_("public buyer"), default=False)
    service_code = models.CharField(_("service code"), max_length=REFERENCE_MAX_LENGTH, blank=True)
    commitment_number = models.CharField(
        _("legal commitment number"), max_length=REFERENCE_MAX_LENGTH, blank=True
    )
    # VAT: a rate in percent, or 0 with the exemption mention.
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    vat_exemption = models.CharField(_("VAT exemption mention"), max_length=200, blank=True)
    payment_days = models.PositiveSmallIntegerField(_("payment terms (days)"))
    penalty_rate = models.DecimalField(
        _("late-payment penalty rate (%)"), max_digits=5, decimal_places=2
    )
    recovery_indemnity = models.DecimalField(_("recovery indemnity"), **MONEY)
    total_excl_tax = models.DecimalField(_("total excl. tax"), **MONEY)
    vat_amount = models.DecimalField(_("VAT"), **MONEY)
    total_incl_tax = models.DecimalField(_("total incl. tax"), **MONEY)
    # Said on the invoice: work of the month whose timesheets were not validated at issue.
    note = models.TextField(_("note"), blank=True, max_length=NOTE_MAX_LENGTH)
    issued_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issued_at", "-sequence_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["seller_siret", "sequence_year", "sequence_number"],
                name="invoice_number_once",
                violation_error_message=_("This invoice number is already taken."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values),
                name="invoice_kind_known",
                violation_error_message=_("Unknown document kind."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=InvoiceState.values),
                name="invoice_state_known",
                violation_error_message=_("Unknown invoice state."),
            ),
            models.CheckConstraint(
                condition=Q(kind="invoice") | Q(corrects__isnull=False),
                name="invoice_credit_note_refers",
                violation_error_message=_("A credit note refers to the invoice it corrects."),
            ),
            models.CheckConstraint(
                condition=Q(total_excl_tax__gte=0, vat_amount__gte=0, vat_rate__gte=0),
                name="invoice_amounts_not_negative",
                violation_error_message=_("Amounts of an invoice are not negative."),
            ),
            models.CheckConstraint(
                condition=Q(vat_rate__gt=0) | ~Q(vat_exemption=""),
                name="invoice_vat_or_exemption",
                violation_error_message=_("Without VAT, the exemption is mentioned."),
            ),
            models.CheckConstraint(
                condition=Q(service_end__gte=models.F("service_start")),
                name="invoice_service_dates_ordered",
                violation_error_message=_("The service ends after it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["buyer", "month"], name="invoice_buyer_month"),
            models.Index(fields=["territory", "month"], name="invoice_territory_month"),
            models.Index(fields=["state", "due_on"], name="invoice_state_due"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_credit_note(self) -> bool:
        return self.kind == DocumentKind.CREDIT_NOTE

    @property
    def signed_total(self) -> Decimal:
        """The total including tax, negative for a credit note (what the buyer owes by it)."""
        return -self.total_incl_tax if self.is_credit_note else self.total_incl_tax

    @property
    def is_professional(self) -> bool:
        """Every buyer here is an organisation: the 40 € indemnity applies (Code de
        commerce L441-10)."""
        return True


class InvoiceTransition(TransitionLog):
    """Log row of an invoice's lifecycle."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("invoice transition")
        verbose_name_plural = _("invoice transitions")


Invoice.log_model = InvoiceTransition


class LineBase(models.Model):
    """What a line bills: a need's validated work (or late cancellations) in the month."""

    mission = models.ForeignKey(
        Mission, verbose_name=_("need"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=LineKind.choices)
    # The member whose need it is (a group's single invoice names each member).
    member = models.ForeignKey(
        Organisation, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.CharField(_("description"), max_length=300)
    minutes = models.PositiveIntegerField(_("minutes"))
    quantity = models.DecimalField(_("hours"), **QUANTITY)
    unit_price = models.DecimalField(_("unit price excl. tax"), **MONEY)
    amount = models.DecimalField(_("amount excl. tax"), **MONEY)
    first_date = models.DateField(_("from"))
    last_date = models.DateField(_("to"))
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.description}: {self.quantity} h × {self.unit_price}"


class InvoiceLine(LineBase):
    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="lines"
    )

    class Meta(LineBase.Meta):
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0, unit_price__gte=0, quantity__gte=0),
                name="invoice_line_not_negative",
                violation_error_message=_("A line's quantities and amounts are not negative."),
            ),
        ]


class InvoiceDraft(models.Model):
    """What would be billed now for one buyer (or group), month and kind: rebuilt at will."""

    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField(_("month of service"))
    buyer = models.ForeignKey(
        Organisation, verbose_name=_("buyer"), on_delete=models.CASCADE, related_name="+"
    )
    buyer_group = models.ForeignKey(
        BuyerGroup,
        verbose_name=_("buyer group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    corrects = models.ForeignKey(
        Invoice,
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Timesheets of the month (for this buyer) not validated yet: their work waits.
    pending_timesheets = models.PositiveIntegerField(_("timesheets awaiting validation"), default=0)
    built_at = models.DateTimeField(_("built at"))

    class Meta:
        verbose_name = _("invoice draft")
        verbose_name_plural = _("invoice drafts")
        ordering = ["month", "buyer__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "buyer", "kind"],
                condition=Q(buyer_group__isnull=True),
                name="invoice_draft_once",
                violation_error_message=_("This buyer already has such a draft for this month."),
            ),
            models.UniqueConstraint(
                fields=["month", "buyer", "buyer_group", "kind"],
                condition=Q(buyer_group__isnull=False),
                name="invoice_draft_once_per_group",
                violation_error_message=_("This buyer already has such a draft for this month."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.buyer} — {self.month:%Y-%m} — {self.get_kind_display()}"


class DraftLine(LineBase):
    draft = models.ForeignKey(
        InvoiceDraft, verbose_name=_("draft"), on_delete=models.CASCADE, related_name="lines"
    )

    class Meta(LineBase.Meta):
        verbose_name = _("draft line")
        verbose_name_plural = _("draft lines")


class Payment(models.Model):
    """Money received for an invoice (full or partial), as recorded by the coordinator."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="payments"
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    received_on = models.DateField(_("received on"))
    reference = models.CharField(_("reference"), max_length=REFERENCE_MAX_LENGTH, blank=True)
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["received_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="payment_amount_positive",
                violation_error_message=_("A payment is more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice} — {self.amount}"
