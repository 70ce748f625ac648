"""Where the buyers' money went, from what actually happened: issued invoices (invoicing)
and the payroll exports (wages).

- ``money_dashboard``: one month of a territory for the coordinators' money dashboard:
  invoiced, paid, overdue, the cooperative's fee revenue, and the share of the invoiced
  money that reached workers as net pay and as employer cost;
- ``actual_money_share``: the same shares over every month that has both issued invoices and
  a payroll export, which the GPEC "share that reaches workers" indicator uses when it exists
  (sustainability.py falls back to the accepted quotes otherwise, and says which it used).

Amounts are euros excluding VAT (VAT is not the cooperative's nor the workers' money), except
what was paid and what is overdue, which are what buyers owe: including VAT. A credit note
counts negative. The pay of fewer than 5 people is hidden outside the coordinator
(maillage.people.privacy), with every share computed from it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from maillage.invoicing.models import DocumentKind, Invoice, InvoiceLine, InvoiceState
from maillage.people.privacy import is_small, min_group_size
from maillage.pricing.models import Quote, QuoteState
from maillage.territory.models import Territory
from maillage.wages.models import PayrollExport
from maillage.wages.selectors import latest_export, latest_exports

CENT = Decimal("0.01")
COORDINATOR = "coordinator"


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if not denominator or denominator <= 0:
        return None
    return (numerator / denominator).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class InvoiceFigures:
    """The month's issued invoices and credit notes of a territory."""

    invoices: int
    invoiced_excl_tax: Decimal
    invoiced_incl_tax: Decimal
    paid: Decimal
    overdue: Decimal
    overdue_invoices: int
    fee_revenue: Decimal


@dataclass(frozen=True)
class PayFigures:
    """The month's payroll (current export version); amounts None when hidden."""

    export: PayrollExport | None
    employees: int | None
    net_pay: Decimal | None
    employer_cost: Decimal | None

    @property
    def hidden(self) -> bool:
        return self.export is not None and self.net_pay is None


@dataclass(frozen=True)
class MoneyDashboard:
    territory: Territory
    month: dt.date
    invoices: InvoiceFigures
    pay: PayFigures
    share_to_net_pay: Decimal | None
    share_to_employer_cost: Decimal | None


def _signed(invoice_kind: str, amount: Decimal) -> Decimal:
    return -amount if invoice_kind == DocumentKind.CREDIT_NOTE else amount


def _fee_revenue(invoices: Sequence[Invoice]) -> Decimal:
    """The cooperative's fee in the invoiced amounts: each line's amount times its need's
    accepted quote's fee share (fee / price), to the cent."""
    lines = InvoiceLine.objects.filter(invoice__in=invoices).values_list(
        "mission_id", "amount", "invoice__kind"
    )
    by_mission: dict[int, Decimal] = defaultdict(Decimal)
    for mission_id, amount, kind in lines:
        by_mission[mission_id] += _signed(kind, amount)
    shares = {
        quote.mission_id: quote.cooperative_fee / quote.price
        for quote in Quote.objects.filter(
            mission_id__in=list(by_mission), state=QuoteState.ACCEPTED
        )
        if quote.price
    }
    total = sum(
        (amount * shares.get(mission_id, Decimal(0)) for mission_id, amount in by_mission.items()),
        Decimal(0),
    )
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def invoice_figures(territory: Territory, month: dt.date, *, today: dt.date) -> InvoiceFigures:
    """Issued invoices of the month of service: totals, payments, overdue, fee revenue."""
    invoices = list(
        Invoice.objects.filter(territory=territory, month=month.replace(day=1)).annotate(
            received=Sum("payments__amount")
        )
    )
    excl = sum((_signed(i.kind, i.total_excl_tax) for i in invoices), Decimal(0))
    incl = sum((_signed(i.kind, i.total_incl_tax) for i in invoices), Decimal(0))
    paid = sum((i.received or Decimal(0) for i in invoices), Decimal(0))
    overdue = [
        i
        for i in invoices
        if i.kind == DocumentKind.INVOICE and i.state != InvoiceState.PAID and i.due_on < today
    ]
    return InvoiceFigures(
        invoices=len(invoices),
        invoiced_excl_tax=excl.quantize(CENT),
        invoiced_incl_tax=incl.quantize(CENT),
        paid=paid.quantize(CENT),
        overdue=sum(
            (i.total_incl_tax - (i.received or Decimal(0)) for i in overdue), Decimal(0)
        ).quantize(CENT),
        overdue_invoices=len(overdue),
        fee_revenue=_fee_revenue(invoices),
    )


def pay_figures(territory: Territory, month: dt.date, *, audience: str) -> PayFigures:
    """The month's current payroll export; the pay of fewer than 5 people hidden outside the
    coordinator (the number of employees too)."""
    export = latest_export(territory, month)
    if export is None:
        return PayFigures(None, None, None, None)
    if audience != COORDINATOR and is_small(export.employees):
        return PayFigures(export, None, None, None)
    return PayFigures(export, export.employees, export.net_pay, export.employer_cost)


def money_dashboard(
    *, territory: Territory, month: dt.date, audience: str, today: dt.date
) -> MoneyDashboard:
    """One month of the territory's money, for ``audience`` (coordinator or aggregate)."""
    month = month.replace(day=1)
    invoices = invoice_figures(territory, month, today=today)
    pay = pay_figures(territory, month, audience=audience)
    invoiced = invoices.invoiced_excl_tax if invoices.invoices else Decimal(0)
    return MoneyDashboard(
        territory=territory,
        month=month,
        invoices=invoices,
        pay=pay,
        share_to_net_pay=_ratio(pay.net_pay, invoiced) if pay.net_pay is not None else None,
        share_to_employer_cost=(
            _ratio(pay.employer_cost, invoiced) if pay.employer_cost is not None else None
        ),
    )


@dataclass(frozen=True)
class ActualShare:
    """Shares of the invoiced money over the months with invoices and a payroll export."""

    months: int
    invoiced: Decimal
    net_pay: Decimal
    gross: Decimal
    employer_cost: Decimal
    employees: int  # the largest payroll of those months

    @property
    def share_to_pay(self) -> Decimal | None:
        return _ratio(self.net_pay, self.invoiced)

    @property
    def share_to_gross_pay(self) -> Decimal | None:
        return _ratio(self.gross, self.invoiced)

    @property
    def share_to_employment(self) -> Decimal | None:
        return _ratio(self.employer_cost, self.invoiced)


def actual_money_share(territory: Territory) -> ActualShare | None:
    """The shares from issued invoices and payroll exports, or None when there are none, or
    when the payroll never reached 5 people (their pay would be recoverable from it)."""
    exports = {export.month: export for export in latest_exports(territory)}
    if not exports:
        return None
    invoiced: dict[dt.date, Decimal] = defaultdict(Decimal)
    for month, kind, amount in Invoice.objects.filter(
        territory=territory, month__in=list(exports)
    ).values_list("month", "kind", "total_excl_tax"):
        invoiced[month] += _signed(kind, amount)
    months = [month for month in sorted(exports) if invoiced.get(month, Decimal(0)) > 0]
    if not months:
        return None
    employees = max(exports[month].employees for month in months)
    if employees < min_group_size():
        return None
    return ActualShare(
        months=len(months),
        invoiced=sum((invoiced[m] for m in months), Decimal(0)),
        net_pay=sum((exports[m].net_pay for m in months), Decimal(0)),
        gross=sum((exports[m].gross for m in months), Decimal(0)),
        employer_cost=sum((exports[m].employer_cost for m in months), Decimal(0)),
        employees=employees,
    )
