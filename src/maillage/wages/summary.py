"""A payroll export's totals, as union representatives read them: every figure about fewer
than 5 people is hidden (maillage.people.privacy), and so is any sum of their pay.

The coordinator reads the same totals unhidden (they see the lines anyway).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from maillage.people.privacy import Cell, is_small
from maillage.wages.access import COORDINATOR
from maillage.wages.models import PayrollExport

#: (kind, days field, minutes field) of each kind of absence.
ABSENCE_FIELDS = (
    ("sickness", "sickness_days", "sickness_minutes"),
    ("leave", "leave_days", "leave_minutes"),
    ("other", "other_absence_days", "other_absence_minutes"),
)


@dataclass(frozen=True)
class Figure:
    """An amount (or count) shown, or hidden because it is about a small group of people."""

    value: Decimal | int | None

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class AbsenceRow:
    kind: str
    people: Cell
    days: Figure
    minutes: Figure


@dataclass(frozen=True)
class ExportSummary:
    export: PayrollExport
    employees: Cell
    worked_minutes: Figure
    contract_hours: Figure
    gross: Figure
    employee_contributions: Figure
    employer_contributions: Figure
    general_reduction: Figure
    net_pay: Figure
    employer_cost: Figure
    absences: list[AbsenceRow]


def _cell(count: int, audience: str) -> Cell:
    return Cell(None) if audience != COORDINATOR and is_small(count) else Cell(count)


def _figure(value, shown: bool) -> Figure:
    return Figure(value if shown else None)


def export_summary(export: PayrollExport, audience: str) -> ExportSummary:
    """The export's totals for ``audience`` (one query for the sums, one for the absences).

    The employees of one export are one group: below 5 of them, every total of their pay
    and hours is hidden outside the coordinator. Absence kinds count people (a person may
    have several kinds, the counts add up to nothing shown): each small count is hidden with
    the days and hours of that kind.
    """
    sums = export.lines.aggregate(
        worked=Sum("worked_minutes"),
        hours=Sum("contract_hours"),
        employee=Sum("employee_contributions"),
        employer=Sum("employer_contributions"),
        reduction=Sum("general_reduction"),
        **{
            f"{kind}_people": Count("pk", filter=Q(**{f"{days}__gt": 0}))
            for kind, days, _minutes in ABSENCE_FIELDS
        },
        **{f"{kind}_days": Sum(days) for kind, days, _minutes in ABSENCE_FIELDS},
        **{f"{kind}_minutes": Sum(minutes) for kind, _days, minutes in ABSENCE_FIELDS},
    )
    employees = _cell(export.employees, audience)
    shown = not employees.hidden

    def money(value) -> Figure:
        return _figure(Decimal(value or 0).quantize(Decimal("0.01")), shown)

    absences = []
    for kind, _days, _minutes in ABSENCE_FIELDS:
        people = _cell(sums[f"{kind}_people"], audience)
        absences.append(
            AbsenceRow(
                kind=kind,
                people=people,
                days=_figure(sums[f"{kind}_days"] or 0, shown and not people.hidden),
                minutes=_figure(sums[f"{kind}_minutes"] or 0, shown and not people.hidden),
            )
        )
    return ExportSummary(
        export=export,
        employees=employees,
        worked_minutes=_figure(sums["worked"] or 0, shown),
        contract_hours=money(sums["hours"]),
        gross=_figure(export.gross, shown),
        employee_contributions=money(sums["employee"]),
        employer_contributions=money(sums["employer"]),
        general_reduction=money(sums["reduction"]),
        net_pay=_figure(export.net_pay, shown),
        employer_cost=_figure(export.employer_cost, shown),
        absences=absences,
    )
