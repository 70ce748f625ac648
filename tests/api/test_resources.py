"""Quotes, plans, dated work, my week, timesheets, invoices and GPEC tables through the API:
each role sees its own, a stranger gets 404, a token without the scope 403."""

from __future__ import annotations

import pytest

from maillage.invoicing.services import issue_draft
from maillage.missions.models import MissionState
from maillage.pricing.models import QuoteState
from maillage.timesheets.models import Timesheet, TimesheetState
from tests.factories import MissionFactory, OrganisationFactory, buyer_member
from tests.factories.invoicing import ISSUE_DAY, draft_for
from tests.timesheets.conftest import FIRST_WEEK, dated  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


# Quotes ----------------------------------------------------------------------------------------


def test_a_buyer_reads_and_accepts_a_quote_a_stranger_gets_404(api, school, buyer, people, charter):
    mission = MissionFactory(buyer=school, priced=True)
    quote = mission.quotes.get()
    listed = api(buyer).get("/api/v1/quotes/").json()
    assert [row["id"] for row in listed["results"]] == [quote.pk]
    assert listed["results"][0]["price"] == str(quote.price)
    assert api(people["other_buyer"]).get(f"/api/v1/quotes/{quote.pk}/").status_code == 404
    assert api(buyer, "read").post(f"/api/v1/quotes/{quote.pk}/accept/").status_code == 403
    coordinator = api(people["coordinator"])
    assert coordinator.post(f"/api/v1/quotes/{quote.pk}/accept/").status_code == 403
    quote.refresh_from_db()
    assert quote.state == QuoteState.ISSUED
    response = api(buyer, "quotes").post(f"/api/v1/quotes/{quote.pk}/accept/")
    assert (response.status_code, response.json()["state"]) == (200, "accepted")
    mission.refresh_from_db()
    assert mission.state == MissionState.ACCEPTED
    again = api(buyer, "quotes").post(f"/api/v1/quotes/{quote.pk}/accept/")
    assert again.status_code == 409
    assert again.json()["type"] == "/api/v1/problems/conflict"


def test_a_refused_quote_sends_the_need_back_to_draft(api, school, buyer, charter):
    mission = MissionFactory(buyer=school, priced=True)
    quote = mission.quotes.get()
    response = api(buyer).post(
        f"/api/v1/quotes/{quote.pk}/refuse/", {"reason": "Trop cher"}, format="json"
    )
    assert (response.status_code, response.json()["state"]) == (200, "refused")
    mission.refresh_from_db()
    assert mission.state == MissionState.DRAFT


def test_the_quote_pdf_is_a_pdf(api, school, buyer, charter):
    quote = MissionFactory(buyer=school, priced=True).quotes.get()
    response = api(buyer).get(f"/api/v1/quotes/{quote.pk}/pdf/")
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response.content.startswith(b"%PDF")


# Plans, dated work, my week --------------------------------------------------------------------


def test_plans_are_the_coordinators_and_my_assignments_the_workers(api, dated):  # noqa: F811
    coordinator = api(dated.coordinator)
    plans = coordinator.get("/api/v1/plans/").json()
    assert [p["id"] for p in plans["results"]] == [dated.version.pk]
    rows = coordinator.get(f"/api/v1/plans/{dated.version.pk}/assignments/").json()
    assert rows["count"] == 3
    assert api(dated.alice.user).get(f"/api/v1/plans/{dated.version.pk}/").status_code == 404
    assert api(dated.school_buyer).get("/api/v1/plans/").json()["count"] == 0
    mine = api(dated.alice.user).get("/api/v1/my/assignments/").json()
    assert {a["need_title"] for a in mine["results"]} == {"Atelier", "Atelier du soir", "Accueil"}
    assert api(dated.bruno.user).get("/api/v1/my/assignments/").json()["count"] == 0


def test_my_week_lists_the_workers_days_with_travel(api, dated):  # noqa: F811
    response = api(dated.alice.user).get("/api/v1/my/week/", {"date": "2026-11-18"})
    assert response.status_code == 200
    week = response.json()
    assert week["week"] == "2026-11-16"
    assert [d["date"] for d in week["days"]] == [f"2026-11-{day}" for day in range(16, 23)]
    tuesday = week["days"][1]
    assert [item["need_title"] for item in tuesday["items"]] == [
        "Accueil",
        "Atelier",
        "Atelier du soir",
    ]
    assert api(dated.school_buyer).get("/api/v1/my/week/").status_code == 403


def test_dated_work_is_each_ones_own(api, dated):  # noqa: F811
    period = {"from": "2026-11-09", "to": "2026-11-20"}
    school = api(dated.school_buyer).get("/api/v1/occurrences/", period).json()
    assert {row["need_title"] for row in school["results"]} == {"Atelier", "Atelier du soir"}
    assert {row["worker_first_name"] for row in school["results"]} == {"Alice"}
    stranger = buyer_member(OrganisationFactory())
    assert api(stranger).get("/api/v1/occurrences/", period).json()["count"] == 0
    too_long = api(dated.school_buyer).get("/api/v1/occurrences/", {"from": "2026-01-01"})
    assert too_long.status_code == 200
    refused = api(dated.school_buyer).get(
        "/api/v1/occurrences/", {"from": "2026-01-01", "to": "2026-12-31"}
    )
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"to": ["Ask for 62 days at most."]}


# Timesheets ------------------------------------------------------------------------------------


def _declaration(dated):  # noqa: F811
    lines = [
        {"occurrence": dated.occurrence(m, FIRST_WEEK.replace(day=10)).pk, "outcome": "as_planned"}
        for m in (dated.help_desk, dated.workshop, dated.late_workshop)
    ]
    return {"week": FIRST_WEEK.isoformat(), "lines": lines}


def test_a_worker_declares_and_a_buyer_validates(api, dated):  # noqa: F811
    worker = api(dated.alice.user, "read,timesheets")
    response = worker.post("/api/v1/timesheets/declare/", _declaration(dated), format="json")
    assert response.status_code == 201, response.json()
    assert {t["organisation_name"] for t in response.json()} == {"École Jules Ferry", "Médiathèque"}
    school_sheet = Timesheet.objects.get(organisation=dated.school, week=FIRST_WEEK)
    again = worker.post("/api/v1/timesheets/declare/", _declaration(dated), format="json")
    assert again.status_code == 400
    assert list(again.json()["errors"]) == ["lines"]
    library = api(dated.library_buyer)
    assert library.get("/api/v1/timesheets/").json()["count"] == 1
    assert library.post(f"/api/v1/timesheets/{school_sheet.pk}/validate/").status_code == 404
    buyer = api(dated.school_buyer)
    listed = buyer.get("/api/v1/timesheets/", {"state": "declared"}).json()
    assert [t["id"] for t in listed["results"]] == [school_sheet.pk]
    assert len(listed["results"][0]["current"]["lines"]) == 2
    response = buyer.post(
        f"/api/v1/timesheets/{school_sheet.pk}/validate/", {"version": 1}, format="json"
    )
    assert (response.status_code, response.json()["state"]) == (200, "validated")
    school_sheet.refresh_from_db()
    assert school_sheet.state == TimesheetState.VALIDATED


def test_the_timesheet_list_takes_few_queries(api, dated, django_assert_max_num_queries):  # noqa: F811
    from tests.factories.timesheets import declared

    declared(dated.alice, FIRST_WEEK)
    client = api(dated.coordinator)
    with django_assert_max_num_queries(12):
        body = client.get("/api/v1/timesheets/").json()
    assert body["count"] == 2
    assert all(len(t["current"]["lines"]) >= 1 for t in body["results"])


def test_only_a_worker_declares_and_bad_lines_get_field_messages(api, dated):  # noqa: F811
    response = api(dated.school_buyer).post(
        "/api/v1/timesheets/declare/", _declaration(dated), format="json"
    )
    assert response.status_code == 403
    body = _declaration(dated)
    body["lines"][0]["outcome"] = "other_times"
    response = api(dated.alice.user).post("/api/v1/timesheets/declare/", body, format="json")
    assert response.status_code == 400
    assert any(key.endswith("-actual_start") for key in response.json()["errors"])
    assert Timesheet.objects.exclude(state="to_declare").count() == 0


# Invoices --------------------------------------------------------------------------------------


def test_invoices_need_their_scope_and_stay_with_their_buyer(api, school, coordinator, people):
    invoice = issue_draft(draft=draft_for(school), by=coordinator, today=ISSUE_DAY)
    buyer = people["buyer_member"]
    assert api(buyer, "read").get("/api/v1/invoices/").status_code == 403
    listed = api(buyer, "invoices").get("/api/v1/invoices/").json()
    assert [i["number"] for i in listed["results"]] == [invoice.number]
    assert listed["results"][0]["lines"][0]["amount"] == "60.00"
    assert api(people["other_buyer"]).get(f"/api/v1/invoices/{invoice.pk}/").status_code == 404
    pdf = api(buyer, "invoices").get(f"/api/v1/invoices/{invoice.pk}/pdf/")
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    xml = api(buyer, "invoices").get(f"/api/v1/invoices/{invoice.pk}/facturx.xml")
    assert xml.status_code == 200
    assert b"CrossIndustryInvoice" in xml.content


# GPEC ------------------------------------------------------------------------------------------


def test_gpec_tables_hide_small_groups_from_the_union(api, territory, people):
    union = api(people["union_rep"])
    territories = union.get("/api/v1/gpec/territories/").json()
    assert territories["results"] == [
        {"slug": territory.slug, "name": territory.name, "audience": "aggregate"}
    ]
    body = union.get(f"/api/v1/gpec/territories/{territory.slug}/tables/", {"table": "skills"})
    assert body.status_code == 200
    table = body.json()["tables"][0]
    assert table["key"] == "skills"
    cells = [cell for row in table["rows"] for cell in row]
    assert all(cell["value"] is None for cell in cells if cell["hidden"])
    assert any(cell["hidden"] for cell in cells)  # one worker: under the minimum group size
    assert (
        api(people["buyer_member"])
        .get(f"/api/v1/gpec/territories/{territory.slug}/tables/")
        .status_code
        == 404
    )
