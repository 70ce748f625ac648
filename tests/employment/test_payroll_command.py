"""`manage.py payroll` prints the payslip of OpenFisca-France as JSON."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def run(*args):
    out = StringIO()
    call_command("payroll", *args, stdout=out)
    return json.loads(out.getvalue())


def test_24_hours_a_week_at_the_2026_smic_in_march():
    # Default headcount 10 (a small cooperative): same figures as 1 (under 11 employees).
    figures = run("--month", "2026-03", "--hours-per-week", "24", "--hourly-gross", "12.02")
    assert figures == {
        "month": "2026-03",
        "hours_per_week": 24.0,
        "paid_hours_monthly": 104.0,
        "hourly_gross": 12.02,
        "company_size": 10,
        "gross": 1250.08,
        "employer_contributions_before_reduction": 518.36,
        "general_reduction": 497.66,
        "employer_contributions": 20.7,
        "employer_cost": 1270.78,
        "employee_social_contributions": 141.39,
        "employee_csg_crds": 119.14,
        "employee_contributions": 260.53,
        "net_pay": 989.55,
    }


def test_the_company_size_changes_the_employer_figures():
    figures = run(
        "--month",
        "2026-03",
        "--hours-per-week",
        "24",
        "--hourly-gross",
        "12.02",
        "--company-size",
        "50",
    )
    assert (figures["general_reduction"], figures["employer_cost"], figures["net_pay"]) == (
        502.66,
        1282.03,
        989.55,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("--month", "2026-13", "--hours-per-week", "24", "--hourly-gross", "12.02"),
        ("--month", "2026-03", "--hours-per-week", "zero", "--hourly-gross", "12.02"),
        ("--month", "2026-03", "--hours-per-week", "24", "--hourly-gross", "-1"),
    ],
)
def test_wrong_arguments_are_refused(args):
    with pytest.raises(CommandError):
        run(*args)
