"""Who sees which statements and exports, and the totals union representatives read: every
figure about fewer than 5 people hidden, the rest shown."""

from __future__ import annotations

import datetime as dt

import pytest

from maillage.absences.models import Absence
from maillage.people.models import Role
from maillage.wages.access import (
    AGGREGATE,
    COORDINATOR,
    audience,
    exports_visible_to,
    statements_visible_to,
    summaries_visible_to,
)
from maillage.wages.services import run_payroll_export
from maillage.wages.summary import export_summary
from tests.factories import (
    ContractProposalFactory,
    PlanVersionFactory,
    TerritoryFactory,
    UserFactory,
    WorkerProfileFactory,
    member_with_role,
)
from tests.wages.conftest import NOVEMBER, TODAY

pytestmark = pytest.mark.django_db


def test_statements_by_role(payroll_world):
    export = run_payroll_export(
        territory=payroll_world.territory, month=NOVEMBER, by=payroll_world.coordinator, today=TODAY
    )
    school = export.statements.get(member=payroll_world.school)
    library = export.statements.get(member=payroll_world.library)
    other = member_with_role(Role.COORDINATOR, TerritoryFactory())

    def seen(user):
        return set(statements_visible_to(user))

    assert seen(payroll_world.school_buyer) == {school}
    assert seen(payroll_world.library_buyer) == {library}
    assert seen(payroll_world.group_manager) == {school, library}
    assert seen(payroll_world.coordinator) == {school, library}
    assert seen(other) == seen(UserFactory()) == seen(payroll_world.alice.user) == set()
    union = member_with_role(Role.UNION_REP, payroll_world.territory)
    assert seen(union) == set()
    assert list(summaries_visible_to(union)) == [export]
    assert list(exports_visible_to(union)) == []
    assert audience(union, payroll_world.territory) == AGGREGATE
    assert audience(payroll_world.coordinator, payroll_world.territory) == COORDINATOR
    assert audience(payroll_world.school_buyer, payroll_world.territory) is None


def _employees(territory, count):
    version = PlanVersionFactory(territory=territory, published=True)
    workers = []
    for _ in range(count):
        worker = WorkerProfileFactory(territory=territory)
        ContractProposalFactory(
            worker=worker, plan_version=version, signed=True, start_date=dt.date(2026, 10, 1)
        )
        workers.append(worker)
    return workers


def _absent(worker, kind, coordinator, days=2):
    Absence.objects.create(
        worker=worker,
        kind=kind,
        first_day=dt.date(2026, 11, 10),
        last_day=dt.date(2026, 11, 9 + days),
        declared_by=coordinator,
    )


def test_five_employees_show_their_totals_and_a_small_absence_kind_is_hidden(
    territory, charter, coordinator
):
    workers = _employees(territory, 6)
    for worker in workers[:5]:
        _absent(worker, "leave", coordinator)
    _absent(workers[5], "sickness", coordinator, days=3)
    export = run_payroll_export(territory=territory, month=NOVEMBER, by=coordinator, today=TODAY)

    summary = export_summary(export, AGGREGATE)
    rows = {row.kind: row for row in summary.absences}

    assert summary.employees.value == 6
    assert summary.net_pay.value == export.net_pay
    assert (rows["leave"].people.value, rows["leave"].days.value) == (5, 10)
    assert rows["sickness"].people.hidden and rows["sickness"].days.hidden
    assert (rows["other"].people.value, rows["other"].days.value) == (0, 0)
    mine = export_summary(export, COORDINATOR)
    assert ({r.kind: r.days.value for r in mine.absences}) == {
        "sickness": 3,
        "leave": 10,
        "other": 0,
    }


def test_four_employees_hide_every_total_outside_the_coordinator(territory, charter, coordinator):
    _employees(territory, 4)
    export = run_payroll_export(territory=territory, month=NOVEMBER, by=coordinator, today=TODAY)

    theirs, mine = export_summary(export, AGGREGATE), export_summary(export, COORDINATOR)

    assert theirs.employees.hidden
    assert all(
        figure.hidden
        for figure in (
            theirs.gross,
            theirs.net_pay,
            theirs.employer_cost,
            theirs.employee_contributions,
            theirs.worked_minutes,
            theirs.contract_hours,
        )
    )
    assert (mine.employees.value, mine.gross.value) == (4, export.gross)
