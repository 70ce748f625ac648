"""Payroll and micro-entrepreneur figures from OpenFisca-France (pure Python, no Django).

Public API (all money as ``Decimal`` euros rounded to the cent, periods as ``"YYYY-MM"``):

- ``compute_payroll(month=, cases=)`` and ``payroll_for_hours(...)``: monthly payslips;
- ``gross_for_employer_cost(month=, budgets=)``: the gross wage an employer cost pays;
- ``micro_rates(...)`` and ``micro_income(...)``: micro-entrepreneur rates and net income;
- ``compare_statuses(...)``: same budget, salaried versus micro-entrepreneur;
- ``smic_hourly(month)``: the gross hourly SMIC from OpenFisca's parameters
  (``MinimumWageUnknown`` before 1970);
- ``iso_month(day)``: a date's ``"YYYY-MM"``, the year padded.
"""

from maillage.payroll.comparison import Comparison, StatusColumn, compare_statuses
from maillage.payroll.inverse import EmployerBudget, gross_for_employer_cost
from maillage.payroll.micro import Activity, MicroIncome, MicroRates, micro_income, micro_rates
from maillage.payroll.payroll import (
    PayrollCase,
    PayrollResult,
    clear_cache,
    compute_payroll,
    monthly_hours,
    payroll_for_hours,
)
from maillage.payroll.rights import Right, micro_rights, salaried_rights
from maillage.payroll.system import (
    MinimumWageUnknown,
    iso_month,
    smic_hourly,
    tax_benefit_system,
)

__all__ = [
    "Activity",
    "Comparison",
    "EmployerBudget",
    "MicroIncome",
    "MicroRates",
    "MinimumWageUnknown",
    "PayrollCase",
    "PayrollResult",
    "Right",
    "StatusColumn",
    "clear_cache",
    "compare_statuses",
    "compute_payroll",
    "gross_for_employer_cost",
    "iso_month",
    "micro_income",
    "micro_rates",
    "micro_rights",
    "monthly_hours",
    "payroll_for_hours",
    "salaried_rights",
    "smic_hourly",
    "tax_benefit_system",
]
