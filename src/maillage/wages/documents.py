"""The payroll export as a file for the carrier's payroll software: CSV or XLSX.

One row per employee, with stable column names (they do not change with the reader's
language, so an import mapping set up once keeps working). The columns are documented here
(``COLUMNS``), on the export's page and in docs/decisions/0027-payroll-export-and-group-costs.md.
Files are built by ``maillage.core.documents`` (names are user text: never run as formulas).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from maillage.core.documents.tabular import Value, csv_bytes, xlsx_bytes
from maillage.wages.models import GroupStatement, PayrollExport, PayrollLine


def hours(minutes: int) -> Decimal:
    """Minutes as decimal hours, to 0.01 h (what payroll software reads)."""
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Column:
    """One column of the file: its stable name, what it holds, and how to read it off a line."""

    name: str
    meaning: Promise
    key: str


COLUMNS: tuple[Column, ...] = (
    Column("territory", _("Territory (slug)."), "territory"),
    Column("month", _("Month paid, YYYY-MM."), "month"),
    Column(
        "version",
        _("Version of this month's export (a re-run after a change is a new version)."),
        "version",
    ),
    Column("employee_id", _("The platform's worker number."), "worker_id"),
    Column("last_name", _("Last name."), "last_name"),
    Column("first_name", _("First name."), "first_name"),
    Column("contract_id", _("The platform's contract number."), "contract_id"),
    Column("employed_days", _("Calendar days under contract in the month."), "employed_days"),
    Column(
        "contract_hours",
        _("Contract hours paid in the month (weekly hours x 52 / 12, prorated to the days)."),
        "contract_hours",
    ),
    Column("worked_hours", _("Hours worked, validated by the buyers."), "worked_hours"),
    Column("sickness_days", _("Days of sickness absence in the month."), "sickness_days"),
    Column("sickness_hours", _("Planned hours missed for sickness."), "sickness_hours"),
    Column("leave_days", _("Days of leave in the month."), "leave_days"),
    Column("leave_hours", _("Planned hours missed for leave."), "leave_hours"),
    Column("other_absence_days", _("Days of other absences."), "other_absence_days"),
    Column("other_absence_hours", _("Planned hours missed for other absences."), "other_hours"),
    Column("gross_pay", _("Gross pay (€)."), "gross"),
    Column(
        "employee_contributions",
        _("Employee contributions, CSG and CRDS included (€): gross - net."),
        "employee_contributions",
    ),
    Column(
        "employer_contributions",
        _("Employer contributions after the general reduction (€)."),
        "employer_contributions",
    ),
    Column(
        "general_reduction",
        _("General reduction of employer contributions (€, already deducted)."),
        "general_reduction",
    ),
    Column("net_pay", _("Net pay before income tax (€)."), "net_pay"),
    Column(
        "employer_cost", _("Employer cost (€): gross + employer contributions."), "employer_cost"
    ),
)


def line_values(export: PayrollExport, line: PayrollLine) -> dict[str, Value]:
    """Every column's value for one line."""
    return {
        "territory": export.territory.slug,
        "month": export.month_label,
        "version": export.number,
        "worker_id": line.worker_id,
        "last_name": line.last_name,
        "first_name": line.first_name,
        "contract_id": line.contract_id,
        "employed_days": line.employed_days,
        "contract_hours": line.contract_hours,
        "worked_hours": hours(line.worked_minutes),
        "sickness_days": line.sickness_days,
        "sickness_hours": hours(line.sickness_minutes),
        "leave_days": line.leave_days,
        "leave_hours": hours(line.leave_minutes),
        "other_absence_days": line.other_absence_days,
        "other_hours": hours(line.other_absence_minutes),
        "gross": line.gross,
        "employee_contributions": line.employee_contributions,
        "employer_contributions": line.employer_contributions,
        "general_reduction": line.general_reduction,
        "net_pay": line.net_pay,
        "employer_cost": line.employer_cost,
    }


def rows(exports: Iterable[PayrollExport]) -> list[Sequence[Value]]:
    """The header row, then one row per employee of each export."""
    table: list[Sequence[Value]] = [[column.name for column in COLUMNS]]
    for export in exports:
        for line in export.lines.order_by("last_name", "first_name", "pk"):
            values = line_values(export, line)
            table.append([values[column.key] for column in COLUMNS])
    return table


def export_csv(exports: Iterable[PayrollExport], *, language: str = "fr") -> bytes:
    """The file for a French spreadsheet (``;``, decimal comma, BOM) unless English."""
    return csv_bytes(rows=rows(exports), language=language)


def export_xlsx(exports: Iterable[PayrollExport]) -> bytes:
    """One sheet, numbers as numbers."""
    return xlsx_bytes(title="payroll", rows=rows(exports))


def file_name(export: PayrollExport, extension: str) -> str:
    """``payroll-<territory>-<YYYY-MM>-v<n>.<ext>``."""
    return f"payroll-{export.territory.slug}-{export.month_label}-v{export.number}.{extension}"


#: The statement file's columns (stable names, as the payroll file's).
STATEMENT_COLUMNS = (
    "worker",
    "hours_at_member",
    "hours_at_all_members",
    "employer_cost",
    "group_fee_rate",
    "group_fee",
    "cost_share",
    "fee_share",
    "total",
)


def statement_rows(statement: GroupStatement) -> list[Sequence[Value]]:
    """A member's statement: a line per worker, then the totals (they add up to the cent)."""
    table: list[Sequence[Value]] = [list(STATEMENT_COLUMNS)]
    for line in statement.lines.order_by("worker_name", "pk"):
        table.append(
            [
                line.worker_name,
                hours(line.member_minutes),
                hours(line.group_minutes),
                line.employer_cost,
                line.fee_rate,
                line.fee,
                line.cost_share,
                line.fee_share,
                line.total,
            ]
        )
    totals: list[Value] = [statement.cost_share, statement.fee_share, statement.total]
    table.append(["total", None, None, None, None, None, *totals])
    return table


def statement_csv(statement: GroupStatement, *, language: str = "fr") -> bytes:
    return csv_bytes(rows=statement_rows(statement), language=language)


def statement_file_name(statement: GroupStatement) -> str:
    """``statement-<YYYY-MM>-v<n>-<member id>.csv``."""
    export = statement.export
    return f"statement-{export.month_label}-v{export.number}-{statement.member_id}.csv"
