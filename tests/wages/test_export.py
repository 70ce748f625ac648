"""The month's payroll export: one line per employee with the adapter's figures (pinned
OpenFisca-France cases), hours and absences, versions, and the employer group's statements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.absences.services import declare_absence
from maillage.payroll import PayrollCase, clear_cache, compute_payroll
from maillage.wages.models import GroupStatement, PayrollExport, PayrollLine
from maillage.wages.services import run_payroll_export
from tests.factories import ContractProposalFactory, UserFactory
from tests.factories.wages import GroupEmploymentFactory
from tests.timesheets.conftest import at
from tests.wages.conftest import NOVEMBER, TODAY

pytestmark = pytest.mark.django_db


def _run(world, **kwargs):
    return run_payroll_export(
        territory=world.territory, month=NOVEMBER, by=world.coordinator, today=TODAY, **kwargs
    )


def test_each_employee_gets_the_adapters_figures_in_one_export(payroll_world):
    export = _run(payroll_world)

    alice, bruno = (
        PayrollLine.objects.get(export=export, worker=payroll_world.alice),
        PayrollLine.objects.get(export=export, worker=payroll_world.bruno),
    )
    clear_cache()
    expected = compute_payroll(
        month="2026-11",
        cases=[
            PayrollCase(Decimal("1404.00"), Decimal("104.00"), company_size=10),
            PayrollCase(Decimal("655.20"), Decimal("48.53"), company_size=10),
        ],
    )
    for line, result in ((alice, expected[0]), (bruno, expected[1])):
        assert (
            line.gross,
            line.employee_contributions,
            line.employer_contributions,
            line.general_reduction,
            line.net_pay,
            line.employer_cost,
        ) == (
            result.gross,
            result.employee_contributions,
            result.employer_contributions,
            result.general_reduction,
            result.net_pay,
            result.employer_cost,
        )
    assert (export.number, export.employees, export.company_size) == (1, 2, 10)
    assert export.gross == alice.gross + bruno.gross
    assert export.employer_cost == alice.employer_cost + bruno.employer_cost
    assert export.net_pay == alice.net_pay + bruno.net_pay


def test_a_whole_month_at_24_hours_pinned_to_openfisca_france(payroll_world):
    """24 h a week at 13.50 €/h, November 2026, 10 employees (OpenFisca-France pinned)."""
    export = _run(payroll_world)

    alice = PayrollLine.objects.get(export=export, worker=payroll_world.alice)
    assert (alice.employed_days, alice.contract_hours) == (30, Decimal("104.00"))
    assert alice.gross == Decimal("1404.00")
    assert alice.employer_contributions == Decimal("166.45")
    assert alice.general_reduction == Decimal("415.72")
    assert alice.employer_cost == Decimal("1570.45")
    assert alice.employee_contributions == Decimal("292.60")
    assert alice.net_pay == Decimal("1111.40")


def test_a_contract_started_mid_month_is_prorated_to_its_calendar_days(payroll_world):
    export = _run(payroll_world)

    bruno = PayrollLine.objects.get(export=export, worker=payroll_world.bruno)
    # 17 to 30 November: 14 days of 30.
    assert (bruno.employed_days, bruno.contract_hours, bruno.gross) == (
        14,
        Decimal("48.53"),
        Decimal("655.20"),
    )
    # OpenFisca-France, pinned: the general reduction follows the prorated paid hours.
    assert (
        bruno.employee_contributions,
        bruno.employer_contributions,
        bruno.general_reduction,
        bruno.net_pay,
        bruno.employer_cost,
    ) == (
        Decimal("136.54"),
        Decimal("77.76"),
        Decimal("193.94"),
        Decimal("518.66"),
        Decimal("732.96"),
    )


def test_validated_hours_are_counted_and_unsigned_contracts_are_not_employees(payroll_world):
    ContractProposalFactory(issued=True)  # another territory's worker, not signed anyway
    export = _run(payroll_world)

    alice = PayrollLine.objects.get(export=export, worker=payroll_world.alice)
    assert alice.worked_minutes == 540
    assert export.lines.count() == 2


def test_absences_are_counted_by_kind_in_days_and_planned_hours_missed(dated, charter):
    ContractProposalFactory(
        worker=dated.alice, plan_version=dated.version, signed=True, start_date=dt.date(2026, 10, 1)
    )
    # Leave on Tuesday 17 (her three sessions: 270 minutes), sickness from 26 November to
    # 2 December (5 days in November).
    declare_absence(
        worker=dated.alice,
        kind="leave",
        first_day=dt.date(2026, 11, 17),
        last_day=dt.date(2026, 11, 17),
        by=dated.coordinator,
        now=at(8, day=dt.date(2026, 11, 16)),
    )
    declare_absence(
        worker=dated.alice,
        kind="sickness",
        first_day=dt.date(2026, 11, 26),
        last_day=dt.date(2026, 12, 2),
        by=dated.coordinator,
        now=at(8, day=dt.date(2026, 11, 26)),
    )
    export = run_payroll_export(
        territory=dated.territory, month=NOVEMBER, by=dated.coordinator, today=TODAY
    )

    line = export.lines.get()
    assert (line.leave_days, line.leave_minutes) == (1, 270)
    assert (line.sickness_days, line.sickness_minutes) == (5, 0)
    assert (line.other_absence_days, line.other_absence_minutes) == (0, 0)


def test_a_re_run_on_unchanged_inputs_keeps_the_latest_version(payroll_world):
    first = _run(payroll_world)
    again = _run(payroll_world)

    assert again == first
    assert PayrollExport.objects.filter(territory=payroll_world.territory).count() == 1
    assert PayrollLine.objects.count() == 2
    assert GroupStatement.objects.count() == 2


def test_a_re_run_after_a_change_is_a_new_version_and_the_first_is_kept(payroll_world):
    first = _run(payroll_world)
    # Alice's sickness is declared after the first export: the payroll changes.
    declare_absence(
        worker=payroll_world.alice,
        kind="sickness",
        first_day=dt.date(2026, 11, 26),
        last_day=dt.date(2026, 11, 27),
        by=payroll_world.coordinator,
        now=at(8, day=dt.date(2026, 11, 26)),
    )

    second = _run(payroll_world)

    assert (first.number, second.number) == (1, 2)
    assert PayrollExport.objects.filter(territory=payroll_world.territory).count() == 2
    assert first.lines.get(worker=payroll_world.alice).sickness_days == 0
    assert second.lines.get(worker=payroll_world.alice).sickness_days == 2
    assert GroupStatement.objects.filter(export=first).count() == 2


def test_the_employer_groups_members_share_the_cost_and_fee_exactly(payroll_world):
    export = _run(payroll_world)

    school = GroupStatement.objects.get(export=export, member=payroll_world.school)
    library = GroupStatement.objects.get(export=export, member=payroll_world.library)
    # 1570.45 € of employer cost and 78.52 € of fee (5 %), 300 minutes at the school and 240
    # at the library: 872.47 and 697.98 (the cent left goes to the larger remainder, .78).
    assert (school.cost_share, school.fee_share, school.total) == (
        Decimal("872.47"),
        Decimal("43.62"),
        Decimal("916.09"),
    )
    assert (library.cost_share, library.fee_share, library.total) == (
        Decimal("697.98"),
        Decimal("34.90"),
        Decimal("732.88"),
    )
    assert school.cost_share + library.cost_share == Decimal("1570.45")
    assert school.fee_share + library.fee_share == Decimal("78.52")
    line = school.lines.get()
    assert (line.worker_name, line.member_minutes, line.group_minutes) == (
        "Alice " + payroll_world.alice.user.last_name,
        300,
        540,
    )
    assert line.total == school.total


def test_a_group_whose_worker_is_no_employee_or_has_ended_owes_nothing(dated, charter):
    GroupEmploymentFactory(worker=dated.alice, ended=True)
    GroupEmploymentFactory(worker=dated.bruno)  # Bruno has no contract
    export = run_payroll_export(
        territory=dated.territory, month=NOVEMBER, by=dated.coordinator, today=TODAY
    )

    assert (export.employees, export.statements.count()) == (0, 0)


def test_only_a_coordinator_of_the_territory_runs_it_and_not_for_a_month_to_come(payroll_world):
    with pytest.raises(PermissionDenied):
        run_payroll_export(
            territory=payroll_world.territory,
            month=NOVEMBER,
            by=payroll_world.school_buyer,
            today=TODAY,
        )
    with pytest.raises(PermissionDenied):
        run_payroll_export(
            territory=payroll_world.territory, month=NOVEMBER, by=UserFactory(), today=TODAY
        )
    with pytest.raises(ValidationError):
        run_payroll_export(
            territory=payroll_world.territory,
            month=dt.date(2026, 12, 1),
            by=payroll_world.coordinator,
            today=TODAY,
        )
    assert not PayrollExport.objects.exists()
