"""One vectorised OpenFisca simulation for many employees of the same month.

Arrays in, integer cents out: no per-employee loop, one ``Simulation`` of N persons.

Why only the month itself is filled in (see docs/decisions/openfisca-payroll-adapter.md):
``allegement_general`` is paid with a cumulative regularisation (modes ``progressif`` and
``anticipe``): month M = sum of the monthly reductions from January to M minus the
reductions already granted. For a wage that is the same every month this regularisation
is zero, so the monthly figure is the monthly reduction of M alone. Filling the previous
months would not help: the cumulative call re-enters ``allegement_general`` for an earlier
period, openfisca-core stops that "spiral" and returns 0 for the cumul, so March would come
out as three times the monthly reduction. With the previous months left empty (no wage),
their reductions are 0 and the March figure is exact. The ``anticipe`` mode is set so that
months before December compute the month alone instead of re-computing January onwards.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from maillage.payroll.system import check_month, tax_benefit_system

#: OpenFisca variables read for a full payslip.
PAYSLIP_VARIABLES: tuple[str, ...] = (
    "cout_du_travail",
    "allegement_general",
    "cotisations_salariales",
    "salaire_net",
)


@dataclass(frozen=True)
class EmployeeArrays:
    """Inputs of N employees as parallel arrays (one row per employee)."""

    gross_cents: NDArray[np.int64]
    paid_hours_monthly: NDArray[np.float64]
    full_time: NDArray[np.bool_]
    company_size: NDArray[np.int64]
    executive: NDArray[np.bool_]

    def __len__(self) -> int:
        """Number of employees."""
        return len(self.gross_cents)

    def take(self, rows: NDArray[np.intp]) -> EmployeeArrays:
        """Return the employees at ``rows`` only."""
        return EmployeeArrays(
            gross_cents=self.gross_cents[rows],
            paid_hours_monthly=self.paid_hours_monthly[rows],
            full_time=self.full_time[rows],
            company_size=self.company_size[rows],
            executive=self.executive[rows],
        )

    def with_gross(self, gross_cents: NDArray[np.int64]) -> EmployeeArrays:
        """Return the same employees paid ``gross_cents`` instead."""
        return EmployeeArrays(
            gross_cents=gross_cents,
            paid_hours_monthly=self.paid_hours_monthly,
            full_time=self.full_time,
            company_size=self.company_size,
            executive=self.executive,
        )


def to_cents_array(euros: NDArray[np.floating]) -> NDArray[np.int64]:
    """Round OpenFisca euro amounts to integer cents, half away from zero.

    OpenFisca computes in float32; a float32 times 100 is exact in float64, so this is
    the same rounding as ``Decimal(str(x)).quantize(CENT, ROUND_HALF_UP)``.
    """
    scaled = euros.astype(np.float64) * 100.0
    cents: NDArray[np.int64] = (np.sign(scaled) * np.floor(np.abs(scaled) + 0.5)).astype(np.int64)
    return cents


def simulate(
    *, month: str, employees: EmployeeArrays, variables: tuple[str, ...] = PAYSLIP_VARIABLES
) -> dict[str, NDArray[np.int64]]:
    """Compute ``variables`` for ``month`` for all ``employees`` in one simulation.

    Returns each variable in integer cents, with OpenFisca's sign (contributions negative).
    Part-time rows get ``contrat_de_travail = temps_partiel`` *and* their paid hours
    (``heures_remunerees_volume``): OpenFisca prorates the SMIC used by the general reduction
    with both, and a part-time wage declared as full time gets a reduction far too high.
    """
    from openfisca_core.simulation_builder import SimulationBuilder

    check_month(month)
    count = len(employees)
    simulation = SimulationBuilder().build_default_simulation(tax_benefit_system(), count=count)
    simulation.set_input(
        "salaire_de_base", month, (employees.gross_cents / 100.0).astype(np.float32)
    )
    simulation.set_input(
        "contrat_de_travail",
        month,
        np.where(employees.full_time, "temps_plein", "temps_partiel"),
    )
    # Ignored by OpenFisca for a full-time contract; set anyway so the inputs read true.
    simulation.set_input(
        "heures_remunerees_volume", month, employees.paid_hours_monthly.astype(np.float32)
    )
    simulation.set_input("effectif_entreprise", month, employees.company_size)
    simulation.set_input(
        "categorie_salarie",
        month,
        np.where(employees.executive, "prive_cadre", "prive_non_cadre"),
    )
    simulation.set_input("allegement_general_mode_recouvrement", month, np.full(count, "anticipe"))
    return {
        name: to_cents_array(np.asarray(simulation.calculate(name, month))) for name in variables
    }


def employer_cost_cents(*, month: str, employees: EmployeeArrays) -> NDArray[np.int64]:
    """Return the monthly employer cost (``cout_du_travail``) of each employee, in cents."""
    return simulate(month=month, employees=employees, variables=("cout_du_travail",))[
        "cout_du_travail"
    ]
