"""Build (or issue) a month's invoices, and write their Factur-X PDFs."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from maillage.invoicing.billable import hours_of
from maillage.invoicing.exports import write_chorus_folder, write_pdfs
from maillage.invoicing.models import Invoice
from maillage.invoicing.services import build_drafts, issue_month, parse_month
from maillage.territory.models import Territory


class Command(BaseCommand):
    help = "Draft a month's invoices from validated timesheets; --issue issues them."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="YYYY-MM, the month of service")
        parser.add_argument("--territory", help="territory slug (default: every territory)")
        parser.add_argument("--issue", action="store_true", help="issue the drafts")
        parser.add_argument("--output", type=Path, help="write the month's Factur-X PDFs here")
        parser.add_argument("--chorus", type=Path, help="write the Chorus Pro upload folder here")

    def handle(self, *args, **options):
        try:
            month = parse_month(options["month"])
        except ValidationError as error:
            # The service's own words: not year-month, or outside the years known.
            raise CommandError(
                f"--month {options['month']!r}: {' '.join(error.messages)}"
            ) from error
        territories = Territory.objects.order_by("pk")
        if options["territory"]:
            territories = territories.filter(slug=options["territory"])
            if not territories.exists():
                raise CommandError(f"No territory {options['territory']!r}.")
        for territory in territories:
            report = build_drafts(territory=territory, month=month)
            pending = report.pending_timesheets
            self.stdout.write(
                f"{territory}: {len(report.drafts)} draft(s) for {month:%Y-%m}"
                + (
                    f", {pending} timesheet(s) awaiting validation (their work waits)"
                    if pending
                    else ""
                )
            )
            for mission in report.unpriced:
                self.stdout.write(f"  not billed (no accepted quote): {mission}")
            if report.via_group_statements_minutes:
                hours = hours_of(report.via_group_statements_minutes)
                self.stdout.write(
                    f"  {hours} h of employer groups' employees for their members: billed by "
                    "the groups' statements (payroll_export), not invoiced"
                )
            if options["issue"]:
                issued = issue_month(territory=territory, month=month, by=None)
                for invoice in issued:
                    self.stdout.write(
                        f"  {invoice.number} {invoice.buyer_name}: {invoice.total_incl_tax} €"
                    )
        invoices = (
            Invoice.objects.filter(month=month, territory__in=territories)
            .order_by("sequence_year", "sequence_number")
            .select_related("corrects")
        )
        if options["output"]:
            written = write_pdfs(invoices, options["output"])
            self.stdout.write(f"{len(written)} PDF(s) written to {options['output']}")
        if options["chorus"]:
            written = write_chorus_folder(invoices, options["chorus"])
            self.stdout.write(f"{len(written)} Chorus Pro file(s) written to {options['chorus']}")
