"""The demo's November invoices: the weeks already worked, issued, and one credit note.

Once the term's timesheets are validated (demo/timesheets.py: the weeks of 2, 9 and 16
November; the week of 23 November awaits validation), November's drafts are built and
issued on the demo's "today" (30 November 2026): each says that some timesheets still await
validation. The first invoice is then credited (a wrong price was agreed), so its work waits
in a new draft for the coordinator to review; another is paid in part.

Nothing to do before timesheets are validated. Idempotent: a second call finds the invoices.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from maillage.invoicing.models import Invoice
from maillage.invoicing.services import (
    build_drafts,
    credit_invoice,
    issue_month,
    record_payment,
)
from maillage.people.models import User
from maillage.territory.models import Territory
from maillage.timesheets.models import Timesheet, TimesheetState

MONTH = dt.date(2026, 11, 1)
DEMO_TODAY = dt.date(2026, 11, 30)


def build_invoicing(territory: Territory, *, coordinator: User | None = None) -> bool:
    """Issue November's invoices, credit one, pay one in part; False when nothing to do."""
    if Invoice.objects.filter(territory=territory).exists():
        return False
    if not Timesheet.objects.filter(
        organisation__territory=territory, state=TimesheetState.VALIDATED
    ).exists():
        return False
    build_drafts(territory=territory, month=MONTH)
    invoices = issue_month(territory=territory, month=MONTH, by=coordinator, today=DEMO_TODAY)
    if not invoices:
        return False
    credit_invoice(
        invoice=invoices[0],
        by=coordinator,
        reason="Prix horaire corrigé : la facture est annulée et refaite.",
        today=DEMO_TODAY,
    )
    if len(invoices) > 1:
        paid = invoices[1]
        record_payment(
            invoice=paid,
            amount=(paid.total_incl_tax / 2).quantize(Decimal("0.01")),
            received_on=DEMO_TODAY,
            reference="Virement 2026-11-30",
            by=coordinator,
        )
    # The credited work is drafted again, for the coordinator to review and issue.
    build_drafts(territory=territory, month=MONTH)
    return True
