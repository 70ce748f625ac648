"""Monthly payslip figures (employer cost, contributions, general reduction, net pay).

All amounts are monthly euros as ``Decimal`` rounded to the cent (half up). The figures
come from OpenFisca-France; the identities between them hold exactly to the cent:

- ``employer_cost`` = OpenFisca ``cout_du_travail``, rounded;
- ``employer_contributions`` = ``employer_cost - gross`` (net of the general reduction);
- ``general_reduction`` = OpenFisca ``allegement_general``, rounded;
- ``employer_contributions_before_reduction`` = ``employer_contributions + general_reduction``
  (it may differ by one cent from the rounded ``cotisations_employeur``, which OpenFisca
  already reports net of the reduced family and health rates);
- ``net_pay`` = OpenFisca ``salaire_net`` (after CSG and CRDS, before income tax), rounded;
- ``employee_contributions`` = ``gross - net_pay``, of which ``employee_social_contributions``
  (OpenFisca ``cotisations_salariales``) and ``employee_csg_crds`` (the rest).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from maillage.payroll.simulation import EmployeeArrays, simulate
from maillage.payroll.system import CENT, check_month, to_cents

#: Weeks per month used to turn weekly hours into monthly paid hours (52 / 12).
WEEKS_PER_MONTH = Decimal(52) / Decimal(12)
#: Weekly hours from which a contract is full time (legal duration, Code du travail L3121-27).
FULL_TIME_WEEKLY_HOURS = Decimal(35)
_HOURS_QUANTUM = Decimal("0.01")
_CACHE_SIZE = 100_000


def monthly_hours(hours_per_week: Decimal | float | str) -> Decimal:
    """Return the monthly paid hours of a weekly schedule (x 52 / 12, to 0.01 h)."""
    return (Decimal(str(hours_per_week)) * WEEKS_PER_MONTH).quantize(
        _HOURS_QUANTUM, rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class PayrollCase:
    """One employee's monthly contract: gross wage, paid hours, employer size.

    Amounts are normalised to Decimal on creation (gross to the cent, hours to 0.01 h), so
    equal contracts are equal keys for the result cache.
    """

    gross_monthly: Decimal
    paid_hours_monthly: Decimal
    #: Employer headcount (``effectif_entreprise``): under 50 the general reduction is lower.
    company_size: int = 1
    #: ``categorie_salarie``: ``prive_cadre`` if True, else ``prive_non_cadre``.
    executive: bool = False

    def __post_init__(self) -> None:
        """Normalise and validate the amounts."""
        gross = to_cents(Decimal(str(self.gross_monthly)))
        hours = Decimal(str(self.paid_hours_monthly)).quantize(
            _HOURS_QUANTUM, rounding=ROUND_HALF_UP
        )
        if gross < 0:
            raise ValueError(f"gross_monthly must be >= 0, got {gross}")
        if hours <= 0:
            raise ValueError(f"paid_hours_monthly must be > 0, got {hours}")
        if int(self.company_size) < 0:
            raise ValueError(f"company_size must be >= 0, got {self.company_size}")
        object.__setattr__(self, "gross_monthly", gross)
        object.__setattr__(self, "paid_hours_monthly", hours)
        object.__setattr__(self, "company_size", int(self.company_size))
        object.__setattr__(self, "executive", bool(self.executive))

    @property
    def hours_per_week(self) -> Decimal:
        """Weekly hours of the contract (monthly hours x 12 / 52, to 0.01 h)."""
        return (self.paid_hours_monthly / WEEKS_PER_MONTH).quantize(
            _HOURS_QUANTUM, rounding=ROUND_HALF_UP
        )

    @property
    def full_time(self) -> bool:
        """True from 35 h a week; hours beyond are paid as base salary (no overtime rules)."""
        return self.hours_per_week >= FULL_TIME_WEEKLY_HOURS


@dataclass(frozen=True)
class PayrollResult:
    """Monthly payslip figures of one case, in euros rounded to the cent."""

    month: str
    case: PayrollCase
    gross: Decimal
    employer_contributions_before_reduction: Decimal
    general_reduction: Decimal
    employer_contributions: Decimal
    employer_cost: Decimal
    employee_social_contributions: Decimal
    employee_csg_crds: Decimal
    employee_contributions: Decimal
    net_pay: Decimal


def cases_to_arrays(cases: Sequence[PayrollCase]) -> EmployeeArrays:
    """Turn cases into the parallel arrays of one vectorised simulation."""
    return EmployeeArrays(
        gross_cents=np.array([int(case.gross_monthly * 100) for case in cases], dtype=np.int64),
        paid_hours_monthly=np.array(
            [float(case.paid_hours_monthly) for case in cases], dtype=np.float64
        ),
        full_time=np.array([case.full_time for case in cases], dtype=np.bool_),
        company_size=np.array([case.company_size for case in cases], dtype=np.int64),
        executive=np.array([case.executive for case in cases], dtype=np.bool_),
    )


def _euros(cents: int) -> Decimal:
    """Integer cents as a Decimal number of euros with two places."""
    return (Decimal(int(cents)) / 100).quantize(CENT)


@dataclass
class _ResultCache:
    """Bounded LRU of results keyed by (month, case); thread-safe.

    Per case rather than per call (``functools.lru_cache`` would key on the whole list),
    so a call that repeats some known cases simulates only the new ones.
    """

    size: int = _CACHE_SIZE
    _entries: OrderedDict[tuple[str, PayrollCase], PayrollResult] = field(
        default_factory=OrderedDict
    )
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, key: tuple[str, PayrollCase]) -> PayrollResult | None:
        """Return the cached result, marking it recently used."""
        with self._lock:
            result = self._entries.get(key)
            if result is not None:
                self._entries.move_to_end(key)
            return result

    def put(self, key: tuple[str, PayrollCase], result: PayrollResult) -> None:
        """Store a result, evicting the least recently used beyond the size."""
        with self._lock:
            self._entries[key] = result
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        """Forget every result (tests and benchmarks)."""
        with self._lock:
            self._entries.clear()


_cache = _ResultCache()


def clear_cache() -> None:
    """Forget all cached payroll results."""
    _cache.clear()


def _simulate_results(month: str, cases: Sequence[PayrollCase]) -> list[PayrollResult]:
    """Compute the results of distinct ``cases`` in one OpenFisca simulation."""
    figures = simulate(month=month, employees=cases_to_arrays(cases))
    results = []
    for row, case in enumerate(cases):
        gross_cents = int(case.gross_monthly * 100)
        cost_cents = int(figures["cout_du_travail"][row])
        reduction_cents = int(figures["allegement_general"][row])
        net_cents = int(figures["salaire_net"][row])
        social_cents = -int(figures["cotisations_salariales"][row])
        employer_cents = cost_cents - gross_cents
        results.append(
            PayrollResult(
                month=month,
                case=case,
                gross=case.gross_monthly,
                employer_contributions_before_reduction=_euros(employer_cents + reduction_cents),
                general_reduction=_euros(reduction_cents),
                employer_contributions=_euros(employer_cents),
                employer_cost=_euros(cost_cents),
                employee_social_contributions=_euros(social_cents),
                employee_csg_crds=_euros(gross_cents - net_cents - social_cents),
                employee_contributions=_euros(gross_cents - net_cents),
                net_pay=_euros(net_cents),
            )
        )
    return results


def compute_payroll(*, month: str, cases: Sequence[PayrollCase]) -> list[PayrollResult]:
    """Return the payslip figures of each case for ``month`` (``"YYYY-MM"``), in order.

    Cached cases are reused; all the others are computed in one vectorised simulation.
    """
    check_month(month)
    results: dict[PayrollCase, PayrollResult] = {}
    missing: dict[PayrollCase, None] = {}  # ordered set: each distinct case once
    for case in cases:
        if case in results or case in missing:
            continue
        cached = _cache.get((month, case))
        if cached is None:
            missing[case] = None
        else:
            results[case] = cached
    if missing:
        for result in _simulate_results(month, list(missing)):
            _cache.put((month, result.case), result)
            results[result.case] = result
    return [results[case] for case in cases]


def payroll_for_hours(
    *,
    month: str,
    hours_per_week: Decimal | float | str,
    hourly_gross: Decimal | float | str,
    company_size: int = 1,
    executive: bool = False,
) -> PayrollResult:
    """Return the payslip of a weekly schedule paid ``hourly_gross`` per hour.

    Monthly paid hours = ``hours_per_week`` x 52 / 12 (to 0.01 h); gross = hourly gross x
    those hours, to the cent.
    """
    hours = monthly_hours(hours_per_week)
    case = PayrollCase(
        gross_monthly=to_cents(Decimal(str(hourly_gross)) * hours),
        paid_hours_monthly=hours,
        company_size=company_size,
        executive=executive,
    )
    return compute_payroll(month=month, cases=[case])[0]
