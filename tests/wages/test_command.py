"""``manage.py payroll_export``: a new version recorded, the file written as asked."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from maillage.wages.models import PayrollExport

pytestmark = pytest.mark.django_db


def test_csv_for_a_territory_to_a_file(payroll_world, tmp_path):
    output = tmp_path / "payroll.csv"
    call_command(
        "payroll_export",
        "--month",
        "2026-11",
        "--format",
        "csv",
        "--territory",
        payroll_world.territory.slug,
        "--output",
        str(output),
        stderr=io.StringIO(),
    )

    text = output.read_bytes().decode("utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("\ufeffterritory;month;version;employee_id")
    assert len(lines) == 3
    assert f"{payroll_world.territory.slug};2026-11;1;" in lines[1]
    assert PayrollExport.objects.get().number == 1


def test_xlsx_of_every_territory_and_a_second_run_on_unchanged_hours_keeps_the_version(
    payroll_world, tmp_path
):
    output = tmp_path / "payroll.xlsx"
    for _ in range(2):
        call_command(
            "payroll_export",
            "--month",
            "2026-11",
            "--format",
            "xlsx",
            "--output",
            str(output),
            stderr=io.StringIO(),
        )

    rows = list(load_workbook(output).active.iter_rows(values_only=True))
    assert len(rows) == 3
    assert {row[2] for row in rows[1:]} == {1}
    assert PayrollExport.objects.filter(territory=payroll_world.territory).count() == 1


@pytest.mark.parametrize("month", ["2026-13", "novembre", "2026-1"])
def test_a_bad_month_is_refused(db, month):
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("payroll_export", "--month", month)


@pytest.mark.parametrize("month", ["0000-05", "9999-12", "1969-12"])
def test_a_month_out_of_reach_is_refused_with_the_years_known(db, month):
    with pytest.raises(CommandError, match="between 1970 and 2199"):
        call_command("payroll_export", "--month", month)


def test_an_unknown_territory_is_refused(db):
    with pytest.raises(CommandError):
        call_command("payroll_export", "--month", "2026-11", "--territory", "nowhere")
