"""The timesheet pages: who reaches which page, the worker's week form (htmx fields, one
declaration per click), the buyer's answer, the coordinator's settlement, the history."""

from __future__ import annotations

import re

import pytest

from maillage.core.idempotency import FIELD_NAME
from maillage.timesheets.models import Timesheet
from maillage.timesheets.services import dispute_timesheet, validate_timesheet
from tests.factories import OrganisationFactory, WorkerProfileFactory
from tests.factories.timesheets import declared
from tests.timesheets.conftest import FIRST_WEEK, WEEK

pytestmark = pytest.mark.django_db

ROLES = [
    "worker",
    "other_worker",
    "buyer_member",
    "library_buyer",
    "other_buyer",
    "coordinator",
    "other_coordinator",
    "union_rep",
    "trainer",
    "stranger",
]
LISTS = {
    "/en/timesheets/": {"worker", "other_worker"},
    "/en/timesheets/declare/": {"worker", "other_worker"},
    "/en/timesheets/to-validate/": {"buyer_member", "library_buyer", "other_buyer"},
    "/en/timesheets/disputes/": {"coordinator", "other_coordinator"},
}


@pytest.mark.parametrize("url", sorted(LISTS))
@pytest.mark.parametrize("role", ROLES)
def test_who_reaches_the_lists(client, roles, url, role):
    client.force_login(roles[role])

    assert client.get(url).status_code == (200 if role in LISTS[url] else 403)


SEES_SCHOOL_SHEET = {"worker", "buyer_member", "coordinator"}


@pytest.mark.parametrize("role", ROLES)
def test_a_timesheet_is_seen_by_its_worker_its_buyer_and_its_coordinator_only(
    client, dated, roles, role
):
    declared(dated.alice, WEEK)
    school = Timesheet.objects.get(organisation=dated.school)
    client.force_login(roles[role])

    response = client.get(f"/en/timesheets/{school.pk}/")

    assert response.status_code == (200 if role in SEES_SCHOOL_SHEET else 404)


def _form(dated, **outcomes):
    """A correct post of the week form: all three lines as planned unless given."""
    data = {FIELD_NAME: "a" * 32}
    for name in ("help_desk", "workshop", "late_workshop"):
        pk = dated.occurrence(getattr(dated, name)).pk
        data[f"o{pk}-outcome"] = "as_planned"
        for key, value in outcomes.get(name, {}).items():
            data[f"o{pk}-{key}"] = value
    return data


def test_the_worker_sees_the_past_week_grouped_by_day(client, dated, roles):
    client.force_login(roles["worker"])

    page = client.get("/en/timesheets/declare/?week=2026-W47").content.decode()

    assert "Tuesday 17 November 2026" in page
    assert page.count('hx-get="/en/timesheets/declare/line/?occurrence=') == 3
    assert "Accueil" in page and "Atelier du soir" in page


def test_the_week_defaults_to_last_week(client, dated, roles):
    client.force_login(roles["worker"])

    page = client.get("/en/timesheets/declare/").content.decode()

    assert "My hours from 16 November to 22 November 2026" in page


def test_one_click_declares_the_whole_week_and_a_double_click_declares_it_once(
    client, dated, roles
):
    client.force_login(roles["worker"])
    data = _form(
        dated,
        workshop={"outcome": "other_times", "actual_start": "15:10", "actual_end": "16:40"},
        late_workshop={"outcome": "not_done", "reason": "Salle fermée"},
    )

    first = client.post("/en/timesheets/declare/?week=2026-W47", data)
    second = client.post("/en/timesheets/declare/?week=2026-W47", data)

    assert first.status_code == 302 and second.status_code == 302
    assert first["Location"] == "/en/timesheets/"
    assert Timesheet.objects.filter(state="declared").count() == 2
    school = Timesheet.objects.get(organisation=dated.school).versions.get()
    assert sorted((line.outcome, line.minutes) for line in school.lines.all()) == [
        ("not_done", 0),
        ("other_times", 90),
    ]


def test_a_refused_week_shows_why_at_the_line_and_writes_nothing(client, dated, roles):
    client.force_login(roles["worker"])
    data = _form(
        dated,
        workshop={"outcome": "other_times", "actual_start": "16:00", "actual_end": "15:00"},
        late_workshop={"outcome": "not_done", "reason": ""},
    )

    response = client.post("/en/timesheets/declare/?week=2026-W47", data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "The end comes after the start." in page
    assert "Say why it was not done." in page
    assert not Timesheet.objects.exists()


def test_the_htmx_fields_follow_the_outcome(client, dated, roles):
    client.force_login(roles["worker"])
    pk = dated.occurrence(dated.workshop).pk
    url = f"/en/timesheets/declare/line/?occurrence={pk}"

    other = client.get(f"{url}&o{pk}-outcome=other_times").content.decode()
    not_done = client.get(f"{url}&o{pk}-outcome=not_done").content.decode()
    planned = client.get(f"{url}&o{pk}-outcome=as_planned").content.decode()

    assert f'name="o{pk}-actual_start"' in other and 'type="time"' in other
    assert f'name="o{pk}-reason"' in not_done and "actual_start" not in not_done
    assert "<input" not in planned
    client.force_login(roles["other_worker"])
    assert client.get(f"{url}&o{pk}-outcome=other_times").status_code == 404
    assert client.get("/en/timesheets/declare/line/?occurrence=x").status_code == 404


def test_a_declared_week_is_listed_with_its_state_and_not_offered_again(client, dated, roles):
    declared(dated.alice, WEEK)
    client.force_login(roles["worker"])

    listed = client.get("/en/timesheets/").content.decode()
    again = client.get("/en/timesheets/declare/?week=2026-W47").content.decode()

    assert listed.count("Declared, awaiting validation") == 2
    assert "Already declared" in again and "Nothing left to declare" in again


def _school_sheet(dated):
    declared(dated.alice, WEEK)
    return Timesheet.objects.get(organisation=dated.school)


def test_the_buyer_validates_from_the_detail_page(client, dated, roles):
    sheet = _school_sheet(dated)
    client.force_login(roles["buyer_member"])
    page = client.get(f"/en/timesheets/{sheet.pk}/").content.decode()
    assert f'action="/en/timesheets/{sheet.pk}/validate/"' in page

    response = client.post(f"/en/timesheets/{sheet.pk}/validate/", {"version": 1})

    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.state == "validated"
    page = client.get(f"/en/timesheets/{sheet.pk}/").content.decode()
    assert f"{sheet.pk}/validate/" not in page


def test_a_dispute_needs_a_comment(client, dated, roles):
    sheet = _school_sheet(dated)
    client.force_login(roles["buyer_member"])

    refused = client.post(f"/en/timesheets/{sheet.pk}/dispute/", {"version": 1, "comment": ""})
    accepted = client.post(
        f"/en/timesheets/{sheet.pk}/dispute/", {"version": 1, "comment": "Arrivée à 15 h 30"}
    )

    assert refused.status_code == 400
    assert "Say why." in refused.content.decode()
    assert accepted.status_code == 302
    sheet.refresh_from_db()
    assert sheet.state == "disputed"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("library_buyer", 404),
        ("other_buyer", 404),
        ("worker", 403),
        ("coordinator", 403),
        ("stranger", 403),
    ],
)
def test_nobody_but_the_buyer_answers(client, dated, roles, role, status):
    sheet = _school_sheet(dated)
    client.force_login(roles[role])

    for action in ("validate", "dispute"):
        response = client.post(
            f"/en/timesheets/{sheet.pk}/{action}/", {"version": 1, "comment": "x"}
        )
        assert response.status_code == status
    sheet.refresh_from_db()
    assert sheet.state == "declared"


def test_the_coordinator_settles_a_dispute_with_a_reason(client, dated, roles):
    sheet = _school_sheet(dated)
    dispute_timesheet(timesheet=sheet, by=dated.school_buyer, comment="Arrivée à 15 h 30")
    client.force_login(roles["coordinator"])
    assert str(sheet.pk) in client.get("/en/timesheets/disputes/").content.decode()
    workshop = dated.occurrence(dated.workshop).pk
    late = dated.occurrence(dated.late_workshop).pk

    form = client.get(f"/en/timesheets/{sheet.pk}/settle/")
    response = client.post(
        f"/en/timesheets/{sheet.pk}/settle/",
        {
            f"o{workshop}-outcome": "other_times",
            f"o{workshop}-actual_start": "15:30",
            f"o{workshop}-actual_end": "16:30",
            f"o{late}-outcome": "as_planned",
            "reason": "Vu avec l'école",
        },
    )

    assert form.status_code == 200
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.state == "validated"
    page = client.get(f"/en/timesheets/{sheet.pk}/").content.decode()
    assert "Earlier versions" in page and "Vu avec l&#x27;école" in page


@pytest.mark.parametrize(
    ("role", "status"), [("other_coordinator", 404), ("buyer_member", 403), ("worker", 403)]
)
def test_nobody_but_the_territorys_coordinator_settles(client, dated, roles, role, status):
    sheet = _school_sheet(dated)
    dispute_timesheet(timesheet=sheet, by=dated.school_buyer, comment="Non")
    client.force_login(roles[role])

    assert client.get(f"/en/timesheets/{sheet.pk}/settle/").status_code == status
    assert client.post(f"/en/timesheets/{sheet.pk}/settle/", {"reason": "x"}).status_code == status


def test_a_validated_timesheet_is_not_settled(client, dated, roles):
    sheet = _school_sheet(dated)
    validate_timesheet(timesheet=sheet, by=dated.school_buyer)
    client.force_login(roles["coordinator"])

    assert client.get(f"/en/timesheets/{sheet.pk}/settle/").status_code == 403


def test_the_worker_corrects_a_validated_timesheet_with_a_reason(client, dated, roles):
    sheet = _school_sheet(dated)
    validate_timesheet(timesheet=sheet, by=dated.school_buyer)
    client.force_login(roles["worker"])
    workshop = dated.occurrence(dated.workshop).pk
    late = dated.occurrence(dated.late_workshop).pk
    data = {f"o{workshop}-outcome": "as_planned", f"o{late}-outcome": "not_done"}

    without = client.post(f"/en/timesheets/{sheet.pk}/correct/", {**data, f"o{late}-reason": "x"})
    response = client.post(
        f"/en/timesheets/{sheet.pk}/correct/",
        {**data, f"o{late}-reason": "Malade", "reason": "Oubli"},
    )

    assert without.status_code == 400
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert (sheet.state, sheet.versions.count()) == ("declared", 2)
    client.force_login(roles["buyer_member"])
    assert client.get(f"/en/timesheets/{sheet.pk}/correct/").status_code == 403


def test_an_implied_validation_is_said_so_in_the_history(client, dated, roles):
    from maillage.timesheets.services import validate_overdue
    from tests.timesheets.conftest import NOW

    sheet = _school_sheet(dated)
    import datetime as dt

    validate_overdue(now=NOW + dt.timedelta(days=7))
    client.force_login(roles["buyer_member"])

    page = client.get(f"/en/timesheets/{sheet.pk}/").content.decode()

    assert "Validated without an answer after 7 days." in page


def test_the_buyers_list_costs_the_same_queries_for_many_timesheets(
    client, dated, roles, django_assert_max_num_queries
):
    declared(dated.alice, WEEK)
    declared(dated.alice, FIRST_WEEK)
    client.force_login(roles["buyer_member"])
    with django_assert_max_num_queries(12):
        few = client.get("/en/timesheets/to-validate/?state=")
    for _index in range(6):
        worker = WorkerProfileFactory(territory=dated.territory, with_membership=True)
        Timesheet.objects.create(worker=worker, organisation=dated.school, week=WEEK)
        other = OrganisationFactory(territory=dated.territory)
        Timesheet.objects.create(worker=worker, organisation=other, week=WEEK)
    with django_assert_max_num_queries(12):
        many = client.get("/en/timesheets/to-validate/?state=")

    assert few.status_code == many.status_code == 200
    assert len(re.findall(r"<tr>", many.content.decode())) == 3  # header + the school's two


def test_a_week_opened_by_the_reminder_links_to_its_form(client, dated, roles):
    from tests.factories import TimesheetFactory

    TimesheetFactory(worker=dated.alice, organisation=dated.school, week=WEEK)
    client.force_login(roles["worker"])

    page = client.get("/en/timesheets/").content.decode()

    assert 'href="/en/timesheets/declare/?week=2026-W47"' in page
