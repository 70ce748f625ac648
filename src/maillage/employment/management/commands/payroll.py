"""`manage.py payroll --month 2026-03 --hours-per-week 24 --hourly-gross 12.02`: a payslip as JSON.

Figures come from OpenFisca-France through ``payroll_for_hours`` (monthly euros, to the
cent). The employer headcount defaults to 10, the size of a small cooperative: under 11
employees the FNAL and other small-employer rates apply.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError

from maillage.payroll import payroll_for_hours

DEFAULT_COMPANY_SIZE = 10
FIELDS = (
    "gross",
    "employer_contributions_before_reduction",
    "general_reduction",
    "employer_contributions",
    "employer_cost",
    "employee_social_contributions",
    "employee_csg_crds",
    "employee_contributions",
    "net_pay",
)


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise CommandError(f"Not a number: {text!r}") from exc
    if not value.is_finite() or value <= 0:
        raise CommandError(f"Must be more than zero: {text!r}")
    return value


class Command(BaseCommand):
    help = "Print the monthly payslip of a weekly schedule at an hourly gross wage, as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help='Month, "YYYY-MM".')
        parser.add_argument("--hours-per-week", required=True, type=_decimal)
        parser.add_argument("--hourly-gross", required=True, type=_decimal)
        parser.add_argument(
            "--company-size",
            type=int,
            default=DEFAULT_COMPANY_SIZE,
            help=f"Employer headcount (default {DEFAULT_COMPANY_SIZE}).",
        )

    def handle(self, *args, **options):
        try:
            payslip = payroll_for_hours(
                month=options["month"],
                hours_per_week=options["hours_per_week"],
                hourly_gross=options["hourly_gross"],
                company_size=options["company_size"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        output = {
            "month": payslip.month,
            "hours_per_week": float(options["hours_per_week"]),
            "paid_hours_monthly": float(payslip.case.paid_hours_monthly),
            "hourly_gross": float(options["hourly_gross"]),
            "company_size": payslip.case.company_size,
            # Two-place Decimals print exactly as JSON numbers (shortest float repr).
            **{name: float(getattr(payslip, name)) for name in FIELDS},
        }
        self.stdout.write(json.dumps(output, indent=2))
