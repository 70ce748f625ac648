"""The gross wage a monthly employer budget can pay (OpenFisca has no inverse)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
from numpy.typing import NDArray

from maillage.employment.openfisca.payroll import PayrollCase, cases_to_arrays
from maillage.employment.openfisca.simulation import EmployeeArrays, employer_cost_cents
from maillage.employment.openfisca.system import CENT, check_month, to_cents

#: Secant steps before falling back to bisection (which always terminates).
_SECANT_ITERATIONS = 6
_MAX_ITERATIONS = 60
#: First guess of employer cost / gross; any positive value works, this one is mid-range.
_FIRST_COST_RATIO = 1.25
#: Overshoot while no upper bound is known yet, so the next probe usually is one.
_OVERSHOOT = 1.02


@dataclass(frozen=True)
class EmployerBudget:
    """A monthly employer budget (employer cost) for a contract of given paid hours."""

    employer_cost: Decimal
    paid_hours_monthly: Decimal
    company_size: int = 1
    executive: bool = False

    def __post_init__(self) -> None:
        """Normalise amounts to the cent and hours to 0.01 h."""
        cost = to_cents(Decimal(str(self.employer_cost)))
        if cost < 0:
            raise ValueError(f"employer_cost must be >= 0, got {cost}")
        object.__setattr__(self, "employer_cost", cost)
        object.__setattr__(
            self,
            "paid_hours_monthly",
            Decimal(str(self.paid_hours_monthly)).quantize(CENT, rounding=ROUND_HALF_UP),
        )

    def case(self, gross: Decimal = Decimal(0)) -> PayrollCase:
        """The payroll case of this contract paid ``gross``."""
        return PayrollCase(
            gross_monthly=gross,
            paid_hours_monthly=self.paid_hours_monthly,
            company_size=self.company_size,
            executive=self.executive,
        )


def gross_for_employer_cost(*, month: str, budgets: Sequence[EmployerBudget]) -> list[Decimal]:
    """Return, per budget, the largest gross wage (to the cent) whose cost fits the budget.

    The employer cost is OpenFisca's ``cout_du_travail`` rounded to the cent, as in
    ``compute_payroll``. It never falls as the gross rises, but it is not smooth: the general
    reduction rate is rounded to 4 decimals and stops at 3 SMIC, so some budgets fall in a
    gap and get the gross just below it. Nor is it strictly increasing: OpenFisca rounds some
    contributions to the cent, so a few percent of grosses cost the same as the next cent
    (never three in a row); the higher gross is returned.

    All budgets are solved together: each iteration is one simulation probing two grosses
    around the current estimate of every unsolved budget (far apart at first, neighbouring
    cents at the end); a bracketed secant step gives the estimate, bisection takes over
    after a few steps so that it always ends.
    """
    check_month(month)
    if not budgets:
        return []
    employees = cases_to_arrays([budget.case() for budget in budgets])
    target = np.array([int(budget.employer_cost * 100) for budget in budgets], dtype=np.int64)
    solved = _solve(month=month, employees=employees, target=target)
    return [(Decimal(int(cents)) / 100).quantize(CENT) for cents in solved]


def _solve(month: str, employees: EmployeeArrays, target: NDArray[np.int64]) -> NDArray[np.int64]:
    """Vectorised bracketed search in integer cents; returns the largest gross <= target."""
    count = len(target)
    low = np.zeros(count, dtype=np.int64)  # cost(0) = 0 <= any budget
    low_cost = np.zeros(count, dtype=np.int64)
    high = np.full(count, -1, dtype=np.int64)  # -1: no gross known to exceed the budget yet
    high_cost = np.zeros(count, dtype=np.int64)
    probe = np.floor(target / _FIRST_COST_RATIO).astype(np.int64)
    # Half-width of the probe pair: wide while the estimate is rough, one cent at the end.
    spread = np.maximum(probe // 100, 1)
    active = np.flatnonzero(target > 0)
    for iteration in range(_MAX_ITERATIONS):
        if active.size == 0:
            return low
        first = probe[active] - spread[active] + 1
        second = probe[active] + spread[active]
        if iteration:  # keep both probes strictly inside a known bracket
            first = np.maximum(first, low[active] + 1)
            bounded_high = np.where(high[active] >= 0, high[active] - 1, second)
            second = np.maximum(np.minimum(second, bounded_high), first)
        costs = employer_cost_cents(
            month=month,
            employees=employees.take(np.concatenate([active, active])).with_gross(
                np.concatenate([first, second])
            ),
        )
        _tighten(
            rows=active,
            first=first,
            second=second,
            first_cost=costs[: active.size],
            second_cost=costs[active.size :],
            target=target,
            low=low,
            low_cost=low_cost,
            high=high,
            high_cost=high_cost,
        )
        active = np.flatnonzero(~((high >= 0) & (high - low <= 1)) & (target > 0))
        previous = probe
        probe = _next_probe(
            low=low,
            low_cost=low_cost,
            high=high,
            high_cost=high_cost,
            target=target,
            bisect=iteration >= _SECANT_ITERATIONS,
        )
        spread = np.maximum(np.abs(probe - previous) // 4, 1)
    raise RuntimeError("gross_for_employer_cost did not converge")  # pragma: no cover


def _tighten(
    *,
    rows: NDArray[np.intp],
    first: NDArray[np.int64],
    second: NDArray[np.int64],
    first_cost: NDArray[np.int64],
    second_cost: NDArray[np.int64],
    target: NDArray[np.int64],
    low: NDArray[np.int64],
    low_cost: NDArray[np.int64],
    high: NDArray[np.int64],
    high_cost: NDArray[np.int64],
) -> None:
    """Narrow the brackets in place with the costs of probes ``first`` <= ``second``."""
    budget = target[rows]
    first_fits, second_fits = first_cost <= budget, second_cost <= budget
    # Highest probe that fits, and lowest probe that does not (-1: none of the two).
    fit_point = np.where(second_fits, second, np.where(first_fits, first, -1))
    fit_cost = np.where(second_fits, second_cost, first_cost)
    over_point = np.where(~first_fits, first, np.where(~second_fits, second, -1))
    over_cost = np.where(~first_fits, first_cost, second_cost)
    raise_low = fit_point > low[rows]
    low[rows] = np.where(raise_low, fit_point, low[rows])
    low_cost[rows] = np.where(raise_low, fit_cost, low_cost[rows])
    lower_high = (over_point >= 0) & ((high[rows] < 0) | (over_point < high[rows]))
    high[rows] = np.where(lower_high, over_point, high[rows])
    high_cost[rows] = np.where(lower_high, over_cost, high_cost[rows])


def _next_probe(
    *,
    low: NDArray[np.int64],
    low_cost: NDArray[np.int64],
    high: NDArray[np.int64],
    high_cost: NDArray[np.int64],
    target: NDArray[np.int64],
    bisect: bool,
) -> NDArray[np.int64]:
    """Next gross to probe per budget, strictly inside the bracket when there is one."""
    bounded = high >= 0
    # No upper bound yet: extrapolate the cost ratio seen at the lower bound, overshooting.
    ratio = np.where(low > 0, low_cost / np.maximum(low, 1), _FIRST_COST_RATIO)
    unbounded_probe = np.ceil(target / np.maximum(ratio, 1e-6) * _OVERSHOOT).astype(np.int64)
    unbounded_probe = np.maximum(unbounded_probe, low + 2)
    if bisect:
        inside = (low + high) // 2
    else:
        span = np.maximum(high_cost - low_cost, 1)
        inside = low + np.floor((target - low_cost) * (high - low) / span).astype(np.int64)
    inside = np.clip(inside, low + 1, np.maximum(low + 1, high - 2))
    return np.where(bounded, inside, unbounded_probe)
