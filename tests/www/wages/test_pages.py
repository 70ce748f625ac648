"""Wages pages for every role: the coordinator runs, reads and downloads exports and sees
every statement; each employer group member sees its own statement only; the union
representative reads totals with small groups hidden; anybody else is refused."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from maillage.absences.services import declare_absence
from maillage.core import idempotency
from maillage.wages.models import PayrollExport
from tests.timesheets.conftest import at

pytestmark = pytest.mark.django_db


def _get(client, user, name, *args, **query):
    client.force_login(user)
    return client.get(reverse(f"wages:{name}", args=args), query)


def test_the_coordinator_reads_the_export_line_by_line(client, exported):
    response = _get(client, exported.users["coordinator"], "export_detail", exported.export.pk)

    assert response.status_code == 200
    assert {line.worker_id for line in response.context["lines"]} == {
        exported.alice.pk,
        exported.bruno.pk,
    }
    assert response.context["summary"].employees.value == 2
    assert "employer_cost" in response.content.decode()


def test_the_coordinator_downloads_the_csv_for_french_spreadsheets(client, exported):
    response = _get(client, exported.users["coordinator"], "export_csv", exported.export.pk)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffterritory;month;version;employee_id;last_name;first_name")
    alice = next(line for line in text.splitlines() if ";Alice;" in line)
    assert ";1404,00;292,60;166,45;415,72;1111,40;1570,45" in alice


def test_the_coordinator_downloads_the_xlsx_with_numbers_as_numbers(client, exported):
    response = _get(client, exported.users["coordinator"], "export_xlsx", exported.export.pk)

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "employer_cost"
    assert sorted(row[-1] for row in rows[1:])[-1] == 1570.45
    assert len(rows) == 3


def test_the_union_representative_reads_totals_only_with_two_people_hidden(client, exported):
    response = _get(client, exported.users["union_rep"], "export_detail", exported.export.pk)

    assert response.status_code == 200
    assert response.context["lines"] is None
    summary = response.context["summary"]
    assert summary.employees.hidden
    assert summary.net_pay.hidden and summary.employer_cost.hidden
    assert "1570" not in response.content.decode()


@pytest.mark.parametrize("role", ["union_rep", "buyer_member", "worker", "stranger"])
def test_only_a_coordinator_downloads(client, exported, role):
    response = _get(client, exported.users[role], "export_csv", exported.export.pk)

    assert response.status_code == 403


@pytest.mark.parametrize("role", ["other_coordinator"])
def test_another_territorys_coordinator_does_not_see_the_export(client, exported, role):
    for name in ("export_detail", "export_csv", "statement_detail"):
        pk = exported.school_statement.pk if name == "statement_detail" else exported.export.pk
        assert _get(client, exported.users[role], name, pk).status_code == 404


@pytest.mark.parametrize("role", ["buyer_member", "worker", "stranger", "trainer"])
def test_the_export_page_refuses_other_roles(client, exported, role):
    response = _get(client, exported.users[role], "export_detail", exported.export.pk)

    assert response.status_code == 403


def test_each_member_sees_its_own_statement_only(client, exported):
    school, library = exported.school_statement, exported.library_statement
    school_buyer, library_buyer = exported.users["buyer_member"], exported.users["library_buyer"]

    assert _get(client, school_buyer, "statement_detail", school.pk).status_code == 200
    assert _get(client, school_buyer, "statement_detail", library.pk).status_code == 404
    assert _get(client, library_buyer, "statement_detail", library.pk).status_code == 200
    assert _get(client, library_buyer, "statement_detail", school.pk).status_code == 404
    home = _get(client, school_buyer, "home")
    assert home.status_code == 200
    assert [s.pk for s in home.context["statements"]] == [school.pk]
    assert home.context["form"] is None
    assert list(home.context["exports"]) == []


def test_the_statement_page_adds_up_to_the_cent(client, exported):
    response = _get(
        client, exported.users["buyer_member"], "statement_detail", exported.school_statement.pk
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "872,47" in content and "43,62" in content and "916,09" in content


def test_the_group_manager_and_the_coordinator_see_every_members_statement(client, exported):
    for role in ("group_manager", "coordinator"):
        for statement in (exported.school_statement, exported.library_statement):
            response = _get(client, exported.users[role], "statement_detail", statement.pk)
            assert response.status_code == 200


@pytest.mark.parametrize("role", ["union_rep", "worker", "stranger", "other_buyer"])
def test_the_statement_is_refused_to_others(client, exported, role):
    response = _get(client, exported.users[role], "statement_detail", exported.school_statement.pk)

    assert response.status_code == (404 if role == "other_buyer" else 403)


@pytest.mark.parametrize("role", ["worker", "stranger", "trainer"])
def test_the_home_page_refuses_roles_without_wages(client, exported, role):
    assert _get(client, exported.users[role], "home").status_code == 403


def test_the_home_page_lists_with_a_bounded_number_of_queries(
    client, exported, django_assert_max_num_queries
):
    client.force_login(exported.users["coordinator"])
    with django_assert_max_num_queries(14):
        response = client.get(reverse("wages:home"))

    assert response.status_code == 200
    assert [e.pk for e in response.context["exports"]] == [exported.export.pk]
    assert len(response.context["statements"]) == 2
    assert [e.pk for e in response.context["employments"]] == [exported.employment.pk]
    assert reverse("wages:dashboard") in response.content.decode()  # in the navigation


def test_the_union_representative_lists_exports_and_runs_nothing(client, exported):
    response = _get(client, exported.users["union_rep"], "home")

    assert response.status_code == 200
    assert [e.pk for e in response.context["exports"]] == [exported.export.pk]
    assert response.context["form"] is None and response.context["employ_form"] is None
    assert list(response.context["statements"]) == []
    assert list(response.context["employments"]) == []


def test_the_coordinator_runs_a_new_version_once_for_a_double_click(client, exported):
    client.force_login(exported.users["coordinator"])
    # Alice falls sick after the first export: the payroll has changed.
    declare_absence(
        worker=exported.alice,
        kind="sickness",
        first_day=dt.date(2026, 11, 26),
        last_day=dt.date(2026, 11, 27),
        by=exported.coordinator,
        now=at(8, day=dt.date(2026, 11, 26)),
    )
    token = idempotency.new_token()
    data = {"territory": exported.territory.pk, "month": "2026-11", "idempotency_key": token}

    first = client.post(reverse("wages:run_export"), data)
    second = client.post(reverse("wages:run_export"), data)

    latest = PayrollExport.objects.get(number=2)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == reverse("wages:export_detail", args=[latest.pk])
    assert PayrollExport.objects.count() == 2


@pytest.mark.usefixtures("in_english")
def test_a_run_on_unchanged_hours_keeps_the_version_and_says_so(client, exported):
    client.force_login(exported.users["coordinator"])
    data = {"territory": exported.territory.pk, "month": "2026-11"}

    response = client.post(reverse("wages:run_export"), data, follow=True)

    assert response.redirect_chain == [
        (reverse("wages:export_detail", args=[exported.export.pk]), 302)
    ]
    assert [str(m) for m in response.context["messages"]] == [
        "Nothing changed since version 1: it is kept."
    ]
    assert PayrollExport.objects.count() == 1


def test_a_month_to_come_or_a_bad_month_is_refused_with_the_form(client, exported):
    client.force_login(exported.users["coordinator"])

    for month in ("2099-01", "2026-13", "novembre", "0000-01", "9999-12"):
        response = client.post(
            reverse("wages:run_export"), {"territory": exported.territory.pk, "month": month}
        )
        assert response.status_code == 400
        assert response.context["form"].errors["month"]
    assert PayrollExport.objects.count() == 1


@pytest.mark.parametrize("role", ["union_rep", "buyer_member", "other_coordinator", "stranger"])
def test_only_the_territorys_coordinator_runs_the_payroll(client, exported, role):
    client.force_login(exported.users[role])
    response = client.post(
        reverse("wages:run_export"), {"territory": exported.territory.pk, "month": "2026-11"}
    )

    assert response.status_code == (400 if role == "other_coordinator" else 403)
    assert PayrollExport.objects.count() == 1


def test_the_money_dashboard_for_the_coordinator(client, exported):
    response = _get(
        client,
        exported.users["coordinator"],
        "dashboard",
        territory=exported.territory.slug,
        month="2026-11",
    )

    assert response.status_code == 200
    board = response.context["board"]
    assert board.pay.export == exported.export
    assert (board.pay.employees, board.pay.net_pay) == (2, exported.export.net_pay)
    assert board.invoices.invoices == 0
    assert board.share_to_net_pay is None  # nothing invoiced yet


def test_the_union_representative_reads_the_dashboard_with_small_groups_hidden(client, exported):
    response = _get(
        client,
        exported.users["union_rep"],
        "dashboard",
        territory=exported.territory.slug,
        month="2026-11",
    )

    assert response.status_code == 200
    board = response.context["board"]
    assert board.pay.hidden
    assert (board.pay.net_pay, board.share_to_net_pay) == (None, None)


@pytest.mark.parametrize("role", ["buyer_member", "group_manager", "worker", "stranger"])
def test_the_dashboard_is_refused_to_others(client, exported, role):
    assert _get(client, exported.users[role], "dashboard").status_code == 403


def test_another_territorys_coordinator_cannot_ask_for_this_territory(client, exported):
    response = _get(
        client,
        exported.users["other_coordinator"],
        "dashboard",
        territory=exported.territory.slug,
        month="2026-11",
    )

    assert response.status_code == 400
    assert response.context["board"] is None


def test_a_member_downloads_its_statement_adding_up_to_the_cent(client, exported):
    response = _get(
        client, exported.users["buyer_member"], "statement_csv", exported.school_statement.pk
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8").splitlines()
    assert lines[0] == "\ufeffworker;hours_at_member;hours_at_all_members;employer_cost;" + (
        "group_fee_rate;group_fee;cost_share;fee_share;total"
    )
    assert lines[1].endswith(";5,00;9,00;1570,45;0,0500;78,52;872,47;43,62;916,09")
    assert lines[2] == "total;;;;;;872,47;43,62;916,09"


@pytest.mark.parametrize(("role", "status"), [("library_buyer", 404), ("union_rep", 403)])
def test_another_member_or_the_union_cannot_download_it(client, exported, role, status):
    response = _get(client, exported.users[role], "statement_csv", exported.school_statement.pk)

    assert response.status_code == status
