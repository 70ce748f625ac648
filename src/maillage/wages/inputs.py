"""What a month's payroll starts from: the employees, their contracts, hours and absences.

Plain reads, a fixed number of queries whatever the number of employees (the benchmark
exports 2,000 workers): contracts, validated minutes, absences and missed occurrences are
each read once for the whole territory.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from maillage.absences.models import Absence, AbsenceKind, AbsenceState
from maillage.employment.models import ContractProposal, ContractState
from maillage.execution.dates import month_last_day
from maillage.execution.models import Occurrence, OccurrenceState
from maillage.payroll import PayrollCase
from maillage.payroll.system import to_cents
from maillage.pricing.models import Charter
from maillage.territory.models import Territory
from maillage.timesheets.selectors import validated_minutes_by_worker_organisation

#: Employer headcount when the territory has no charter yet (the charter's own default).
DEFAULT_COMPANY_SIZE = 10
_HOURS = Decimal("0.01")
#: An absent worker's occurrences of the absence's days: waiting for, or given to, another.
MISSED_STATES = (OccurrenceState.TO_REPLACE, OccurrenceState.REPLACED)


@dataclass
class EmployeeMonth:
    """One employee's month, before the payslip figures."""

    contract: ContractProposal
    employed_days: int
    days_in_month: int
    worked_minutes: int = 0
    absence_days: dict[str, int] = field(default_factory=dict)
    absence_minutes: dict[str, int] = field(default_factory=dict)

    @property
    def fraction(self) -> Decimal:
        """The share of the month under contract (calendar days; 1 for a whole month)."""
        return Decimal(self.employed_days) / Decimal(self.days_in_month)

    @property
    def gross(self) -> Decimal:
        """The contract's monthly gross, prorated to the days under contract, to the cent."""
        if self.employed_days == self.days_in_month:
            return to_cents(self.contract.monthly_gross)
        return to_cents(self.contract.monthly_gross * self.fraction)

    @property
    def contract_hours(self) -> Decimal:
        """The contract's monthly paid hours, prorated the same way (to 0.01 h)."""
        hours = Decimal(self.contract.monthly_hours)
        if self.employed_days != self.days_in_month:
            hours = hours * self.fraction
        return hours.quantize(_HOURS, rounding=ROUND_HALF_UP)

    def case(self, company_size: int) -> PayrollCase:
        """The adapter's input for this month."""
        return PayrollCase(
            gross_monthly=self.gross,
            paid_hours_monthly=self.contract_hours,
            company_size=company_size,
        )


def company_size(territory: Territory, first: dt.date) -> int:
    """The employer headcount of the pricing charter in force on the month's first day."""
    charter = Charter.objects.in_force_on(territory, first)
    return charter.employer_headcount if charter is not None else DEFAULT_COMPANY_SIZE


def month_contracts(territory: Territory, first: dt.date) -> list[ContractProposal]:
    """Each employee's contract for the month: the latest signed one started by its end.

    Signed contracts are the worker's acceptance (employment/lifecycle.py): the worker is an
    employee of the carrier structure from the start date on.
    """
    last = month_last_day(first)
    contracts = (
        ContractProposal.objects.filter(
            worker__territory=territory, state=ContractState.SIGNED, start_date__lte=last
        )
        .select_related("worker__user")
        .order_by("worker_id", "-start_date", "-pk")
    )
    latest: dict[int, ContractProposal] = {}
    for contract in contracts:
        latest.setdefault(contract.worker_id, contract)
    return list(latest.values())


def _overlap_days(start: dt.date, end: dt.date, first: dt.date, last: dt.date) -> int:
    return max(0, (min(end, last) - max(start, first)).days + 1)


def employee_months(territory: Territory, first: dt.date) -> list[EmployeeMonth]:
    """The month of every employee of the territory, with hours and absences."""
    first = first.replace(day=1)
    last = month_last_day(first)
    days_in_month = last.day
    months = {
        contract.worker_id: EmployeeMonth(
            contract=contract,
            employed_days=_overlap_days(contract.start_date, last, first, last),
            days_in_month=days_in_month,
        )
        for contract in month_contracts(territory, first)
    }
    for (worker_id, _organisation), minutes in validated_minutes_by_worker_organisation(
        first, territory_id=territory.pk
    ).items():
        if worker_id in months:
            months[worker_id].worked_minutes += minutes
    kinds_by_day: dict[int, dict[dt.date, str]] = defaultdict(dict)
    absences = Absence.objects.filter(
        worker_id__in=months,
        state=AbsenceState.DECLARED,
        first_day__lte=last,
        last_day__gte=first,
    ).order_by("first_day", "pk")
    for absence in absences:
        day = max(absence.first_day, first)
        while day <= min(absence.last_day, last):
            # One kind a day: a later declaration for the same day does not count it twice.
            kinds_by_day[absence.worker_id].setdefault(day, absence.kind)
            day += dt.timedelta(days=1)
    for worker_id, days in kinds_by_day.items():
        counted = months[worker_id].absence_days
        for kind in days.values():
            counted[kind] = counted.get(kind, 0) + 1
    missed = Occurrence.objects.filter(
        worker_id__in=list(kinds_by_day),
        date__gte=first,
        date__lte=last,
        state__in=MISSED_STATES,
    ).values_list("worker_id", "date", "starts_at", "ends_at")
    for worker_id, day, starts_at, ends_at in missed:
        absence_kind = kinds_by_day[worker_id].get(day)
        if absence_kind is None:
            continue  # moved for another reason than this worker's absence
        minutes = int((ends_at - starts_at).total_seconds() // 60)
        by_kind = months[worker_id].absence_minutes
        by_kind[absence_kind] = by_kind.get(absence_kind, 0) + minutes
    return sorted(
        months.values(),
        key=lambda m: (
            m.contract.worker.user.last_name,
            m.contract.worker.user.first_name,
            m.contract.worker_id,
        ),
    )


ABSENCE_KINDS = tuple(AbsenceKind.values)
