"""Operations: employ a worker through an employer group, run a month's payroll export
(with the groups' statements), end a group employment.

The export reads its inputs, computes every payslip in one vectorised OpenFisca call
(``maillage.payroll.compute_payroll``) outside any transaction, then writes the new version,
its lines and the statements in one transaction. Nothing written is ever changed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.payroll import PayrollResult, compute_payroll, iso_month
from maillage.people.models import BuyerGroup, User, WorkerProfile
from maillage.territory.models import Territory
from maillage.timesheets.selectors import validated_minutes_by_worker_organisation
from maillage.wages.access import can_employ_for_group, can_run_export
from maillage.wages.inputs import EmployeeMonth, company_size, employee_months
from maillage.wages.models import (
    MAX_FEE_RATE,
    GroupEmployment,
    GroupStatement,
    GroupStatementLine,
    PayrollExport,
    PayrollLine,
)
from maillage.wages.selectors import employments_in_month
from maillage.wages.split import fee_cents, split_cents


def _cents(amount: Decimal) -> int:
    return int(amount * 100)


def _euros(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


# Group employments --------------------------------------------------------------------------


def overlapping_employments(worker: WorkerProfile, first: dt.date, last: dt.date | None):
    """The worker's group employments that share a month with ``first``..``last``."""
    rows = GroupEmployment.objects.filter(worker=worker).filter(
        Q(last_month__isnull=True) | Q(last_month__gte=first)
    )
    if last is not None:
        rows = rows.filter(first_month__lte=last)
    return rows


def employ_for_group(
    *,
    group: BuyerGroup,
    worker: WorkerProfile,
    first_month: dt.date,
    fee_rate: Decimal,
    by: User | None,
    check_access: bool = True,
) -> GroupEmployment:
    """From ``first_month`` on, ``group`` employs ``worker`` and shares their cost out."""
    if check_access and (by is None or not can_employ_for_group(by, group)):
        raise PermissionDenied(_("Only a coordinator of the group's territory does this."))
    errors: dict[str, str] = {}
    if group.kind != BuyerGroup.Kind.EMPLOYER:
        errors["group"] = _("Only an employer group employs workers.")
    if worker.territory_id != group.territory_id:
        errors["worker"] = _("The worker and the group belong to the same territory.")
    if first_month.day != 1:
        errors["first_month"] = _("A group employment starts on the first of a month.")
    if not Decimal(0) <= fee_rate < MAX_FEE_RATE:
        errors["fee_rate"] = _("The group's fee is between 0 and 50 %.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        WorkerProfile.objects.select_for_update().get(pk=worker.pk)  # one at a time
        if overlapping_employments(worker, first_month, None).exists():
            raise ValidationError(
                {"worker": _("This worker is already employed by a group in those months.")}
            )
        return GroupEmployment.objects.create(
            group=group, worker=worker, first_month=first_month, fee_rate=fee_rate, created_by=by
        )


def end_group_employment(
    *, employment: GroupEmployment, last_month: dt.date, by: User
) -> GroupEmployment:
    """The group employs the worker until ``last_month`` included (set once)."""
    if not can_employ_for_group(by, employment.group):
        raise PermissionDenied(_("Only a coordinator of the group's territory does this."))
    with transaction.atomic():
        locked = GroupEmployment.objects.select_for_update().get(pk=employment.pk)
        if locked.last_month is not None:
            raise ValidationError({"last_month": _("This group employment has already ended.")})
        if last_month.day != 1 or last_month < locked.first_month:
            raise ValidationError(
                {
                    "last_month": _(
                        "The last month is the first of a month, not before the first month."
                    )
                }
            )
        locked.last_month = last_month
        locked.save(update_fields=["last_month"])
    return locked


# The month's export --------------------------------------------------------------------------


@dataclass(frozen=True)
class ComputedMonth:
    """A month's employees and their payslips, before anything is written."""

    territory: Territory
    first: dt.date
    company_size: int
    employees: list[EmployeeMonth]
    results: list[PayrollResult]


def compute_month(*, territory: Territory, month: dt.date) -> ComputedMonth:
    """Read the month's inputs and compute every payslip in one OpenFisca call."""
    first = month.replace(day=1)
    size = company_size(territory, first)
    employees = employee_months(territory, first)
    results = compute_payroll(
        month=iso_month(first), cases=[employee.case(size) for employee in employees]
    )
    return ComputedMonth(territory, first, size, employees, results)


def _write_lines(export: PayrollExport, computed: ComputedMonth) -> list[PayrollLine]:
    lines = []
    for employee, result in zip(computed.employees, computed.results, strict=True):
        user = employee.contract.worker.user
        lines.append(
            PayrollLine(
                export=export,
                worker_id=employee.contract.worker_id,
                contract=employee.contract,
                last_name=user.last_name,
                first_name=user.first_name,
                employed_days=employee.employed_days,
                contract_hours=employee.contract_hours,
                worked_minutes=employee.worked_minutes,
                sickness_days=employee.absence_days.get("sickness", 0),
                leave_days=employee.absence_days.get("leave", 0),
                other_absence_days=employee.absence_days.get("other", 0),
                sickness_minutes=employee.absence_minutes.get("sickness", 0),
                leave_minutes=employee.absence_minutes.get("leave", 0),
                other_absence_minutes=employee.absence_minutes.get("other", 0),
                gross=result.gross,
                employee_contributions=result.employee_contributions,
                employer_contributions=result.employer_contributions,
                general_reduction=result.general_reduction,
                net_pay=result.net_pay,
                employer_cost=result.employer_cost,
            )
        )
    return PayrollLine.objects.bulk_create(lines, batch_size=500)


def group_employments_in(territory: Territory, first: dt.date) -> list[GroupEmployment]:
    """The employer groups' employments of the territory that include the month."""
    return list(
        employments_in_month(territory.pk, first).select_related("group").order_by("group_id", "pk")
    )


def _write_statements(export: PayrollExport, lines: list[PayrollLine]) -> list[GroupStatement]:
    """Each member's share of its groups' workers' employer cost and fee (exact to the cent).

    Per worker: the cost is split among the group's members pro rata of the minutes the
    buyers validated this month (``split_cents``), and so is the group's fee on that cost.
    A member's statement adds up its lines; the members' shares add up to each worker's cost
    and fee, so to the group's total, exactly.
    """
    employments = group_employments_in(export.territory, export.month)
    if not employments:
        return []
    line_of = {line.worker_id: line for line in lines}
    minutes = validated_minutes_by_worker_organisation(
        export.month, territory_id=export.territory_id
    )
    members_of: dict[int, list[int]] = defaultdict(list)
    for group_id, member_id in BuyerGroup.members.through.objects.filter(
        buyergroup_id__in={e.group_id for e in employments}
    ).values_list("buyergroup_id", "organisation_id"):
        members_of[group_id].append(member_id)
    # (group, member) -> statement lines, built in memory then written.
    shares: dict[tuple[int, int], list[GroupStatementLine]] = defaultdict(list)
    for employment in employments:
        line = line_of.get(employment.worker_id)
        members = sorted(members_of[employment.group_id])
        if line is None or not members:
            continue  # not an employee this month, or a group without members: nothing owed
        weights = {member: minutes.get((employment.worker_id, member), 0) for member in members}
        cost = _cents(line.employer_cost)
        fee = fee_cents(cost, employment.fee_rate)
        cost_shares, fee_shares = split_cents(cost, weights), split_cents(fee, weights)
        for member in members:
            shares[(employment.group_id, member)].append(
                GroupStatementLine(
                    payroll_line=line,
                    worker_name=str(line),
                    member_minutes=weights[member],
                    group_minutes=sum(weights.values()),
                    employer_cost=line.employer_cost,
                    fee_rate=employment.fee_rate,
                    fee=_euros(fee),
                    cost_share=_euros(cost_shares[member]),
                    fee_share=_euros(fee_shares[member]),
                    total=_euros(cost_shares[member] + fee_shares[member]),
                )
            )
    statements = []
    for (group_id, member_id), statement_lines in sorted(shares.items()):
        cost_share = sum((s.cost_share for s in statement_lines), Decimal("0.00"))
        fee_share = sum((s.fee_share for s in statement_lines), Decimal("0.00"))
        statement = GroupStatement.objects.create(
            export=export,
            group_id=group_id,
            member_id=member_id,
            cost_share=cost_share,
            fee_share=fee_share,
            total=cost_share + fee_share,
        )
        for statement_line in statement_lines:
            statement_line.statement = statement
        GroupStatementLine.objects.bulk_create(statement_lines)
        statements.append(statement)
    return statements


# What a version says, to tell an unchanged re-run from a new version (ids left out).
_LINE_FIELDS = (
    "worker_id", "contract_id", "last_name", "first_name", "employed_days", "contract_hours",
    "worked_minutes", "sickness_days", "leave_days", "other_absence_days", "sickness_minutes",
    "leave_minutes", "other_absence_minutes", "gross", "employee_contributions",
    "employer_contributions", "general_reduction", "net_pay", "employer_cost",
)  # fmt: skip
_STATEMENT_LINE_FIELDS = (
    "statement__group_id", "statement__member_id", "payroll_line__worker_id", "member_minutes",
    "group_minutes", "employer_cost", "fee_rate", "fee", "cost_share", "fee_share", "total",
)  # fmt: skip


def _content(export: PayrollExport) -> tuple:
    """Everything a version's lines and statements say, in a stable order."""
    lines = PayrollLine.objects.filter(export=export).order_by("worker_id", "contract_id")
    statement_lines = GroupStatementLine.objects.filter(statement__export=export).order_by(
        "statement__group_id", "statement__member_id", "payroll_line__worker_id"
    )
    return (
        export.company_size,
        list(lines.values_list(*_LINE_FIELDS)),
        list(statement_lines.values_list(*_STATEMENT_LINE_FIELDS)),
    )


def record_month(*, computed: ComputedMonth, by: User | None) -> PayrollExport:
    """Write a computed month as the next version, with its lines and statements.

    When it says exactly what the latest version says (a re-run on unchanged hours, contracts
    and groups), nothing is written and the latest version is returned: versions are kept for
    what changed, not for every click.
    """
    territory, first = computed.territory, computed.first
    with transaction.atomic():
        # One version number at a time per territory.
        Territory.objects.select_for_update().get(pk=territory.pk)
        latest = (
            PayrollExport.objects.filter(territory=territory, month=first)
            .order_by("-number")
            .first()
        )
        results = computed.results
        # Written first, compared, then kept or rolled back: the comparison reads the same
        # rows a new version would hold, so nothing can differ between the two paths.
        savepoint = transaction.savepoint()
        export = PayrollExport.objects.create(
            territory=territory,
            month=first,
            number=(latest.number if latest else 0) + 1,
            company_size=computed.company_size,
            employees=len(results),
            gross=sum((r.gross for r in results), Decimal("0.00")),
            net_pay=sum((r.net_pay for r in results), Decimal("0.00")),
            employer_cost=sum((r.employer_cost for r in results), Decimal("0.00")),
            created_by=by,
        )
        lines = _write_lines(export, computed)
        _write_statements(export, lines)
        if latest is not None and _content(export) == _content(latest):
            transaction.savepoint_rollback(savepoint)
            return latest
        transaction.savepoint_commit(savepoint)
    return export


def run_payroll_export(
    *,
    territory: Territory,
    month: dt.date,
    by: User | None,
    check_access: bool = True,
    today: dt.date | None = None,
) -> PayrollExport:
    """Compute and record a new version of the territory's payroll for ``month`` (or return
    the latest one when nothing changed since).

    ``check_access=False`` only for the command line and the demo (no signed-in user).
    """
    if check_access and (by is None or not can_run_export(by, territory)):
        raise PermissionDenied(_("Only a coordinator of the territory runs its payroll."))
    if month.replace(day=1) > (today or timezone.localdate()).replace(day=1):
        raise ValidationError({"month": _("The payroll of a month to come cannot be run yet.")})
    return record_month(computed=compute_month(territory=territory, month=month), by=by)
