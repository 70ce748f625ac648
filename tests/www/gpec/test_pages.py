"""GPEC pages: the permission matrix, what each audience sees, exports, jobs, my figures."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from maillage.gpec.models import GpecJob, HouseholdSituation, JobKind
from maillage.people.models import Role
from tests.factories import TerritoryFactory, UserFactory, member_with_role

pytestmark = pytest.mark.django_db

NAMES = ("Alice", "Bruno", "Chloé", "Secret", "@workers.example")


@pytest.fixture
def people(planned):
    return {
        "coordinator": planned.coordinator,
        "union_rep": member_with_role(Role.UNION_REP, planned),
        "trainer": member_with_role(Role.TRAINER, planned),
        "worker": planned.workers_by_name["Alice"].user,
        "stranger": UserFactory(),
        "other_coordinator": member_with_role(Role.COORDINATOR, TerritoryFactory()),
    }


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("union_rep", 200),
        ("trainer", 200),
        ("worker", 403),
        ("stranger", 403),
        ("other_coordinator", 404),
    ],
)
def test_dashboard_permission_matrix(client, people, role, status):
    client.force_login(people[role])
    url = reverse("gpec:dashboard", args=["gpec-test"])
    assert client.get(url).status_code == status
    assert client.get(reverse("gpec:report", args=["gpec-test"])).status_code == status
    export = reverse("gpec:export", args=["gpec-test", "skills", "csv"])
    assert client.get(export).status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(client, planned):
    response = client.get(reverse("gpec:dashboard", args=["gpec-test"]))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("role", ["union_rep", "trainer"])
def test_aggregate_audiences_see_no_personal_data(client, people, role):
    client.force_login(people[role])
    page = client.get(reverse("gpec:dashboard", args=["gpec-test"])).content.decode()
    assert "<svg" in page and 'id="chart-map-title"' in page
    for name in NAMES:
        assert name not in page
    assert "moins de 5" in page  # 3 workers: every count of people is hidden


def test_trainers_see_anonymised_recommendations_union_reps_none(client, people):
    client.force_login(people["trainer"])
    page = client.get(reverse("gpec:dashboard", args=["gpec-test"])).content.decode()
    assert 'id="table-recommendations"' in page
    client.force_login(people["union_rep"])
    page = client.get(reverse("gpec:dashboard", args=["gpec-test"])).content.decode()
    assert 'id="table-recommendations"' not in page


def test_the_coordinator_sees_the_named_recommendation_and_can_simulate(
    client, people, planned, django_capture_on_commit_callbacks
):
    client.force_login(people["coordinator"])
    page = client.get(reverse("gpec:dashboard", args=["gpec-test"])).content.decode()
    assert "Chloé Secret" in page
    chloe = planned.workers_by_name["Chloé"]
    url = reverse("gpec:start_job", args=["gpec-test", "what_if"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"worker_id": chloe.pk, "skill": "web-upkeep", "level": 3})
    job = GpecJob.objects.get(kind=JobKind.WHAT_IF)
    assert response["Location"] == reverse("gpec:job", args=[job.pk])
    fragment = client.get(reverse("gpec:job", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    text = fragment.content.decode()
    assert "hx-trigger" not in text  # finished (eager): polling stops
    # 180 and 300 minutes of demand covered a week, read as hours and minutes.
    assert "Chloé Secret" in text and "<td>3\u00a0h</td><td>5\u00a0h</td>" in text


@pytest.mark.parametrize("role", ["union_rep", "trainer", "worker"])
def test_only_coordinators_start_computations(client, people, role):
    client.force_login(people[role])
    response = client.post(reverse("gpec:start_job", args=["gpec-test", "diagnosis"]))
    assert response.status_code == 403
    assert GpecJob.objects.count() == 0


def test_a_what_if_names_a_worker_so_a_trainer_cannot_open_it(client, people, planned):
    client.force_login(people["coordinator"])
    chloe = planned.workers_by_name["Chloé"]
    client.post(
        reverse("gpec:start_job", args=["gpec-test", "what_if"]),
        {"worker_id": chloe.pk, "skill": "web-upkeep", "level": 3},
    )
    job = GpecJob.objects.get()
    client.force_login(people["trainer"])
    assert client.get(reverse("gpec:job", args=[job.pk])).status_code == 404


def test_exports_hold_the_table_with_hidden_cells(client, people):
    client.force_login(people["union_rep"])
    with translation.override("en"):
        url = reverse("gpec:export", args=["gpec-test", "communes", "csv"])
    content = client.get(url).content
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for French spreadsheets
    lines = content.decode("utf-8-sig").strip().splitlines()
    assert lines[0] == "Area;Code;Demand;Needs;Supply;Workers;Declared demand (diagnosis)"
    assert "Mérignac;33281;1.5;1;fewer than 5;fewer than 5;0.0" in lines
    response = client.get(reverse("gpec:export", args=["gpec-test", "skills", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2 + 4  # caption, headers, four skill-band rows
    assert client.get(reverse("gpec:export", args=["gpec-test", "nope", "csv"])).status_code == 404


def test_a_worker_sees_their_own_figures_and_declares_their_household(client, planned):
    chloe = planned.workers_by_name["Chloé"]
    client.force_login(chloe.user)
    page = client.get(reverse("gpec:me")).content.decode()
    assert "8.0" in page or "8,0" in page
    response = client.post(
        reverse("gpec:me"),
        {
            "kind": "single",
            "children": 0,
            "birth_year": 1990,
            "monthly_gross_earnings": "0",
            "partner_monthly_gross_earnings": "0",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    situation = HouseholdSituation.objects.get(worker=chloe)
    assert (situation.consent, situation.consented_on) == (True, timezone.localdate())
    client.post(
        reverse("gpec:me"),
        {
            "kind": "single",
            "children": 0,
            "birth_year": 1990,
            "monthly_gross_earnings": "0",
            "partner_monthly_gross_earnings": "0",
        },
    )
    situation.refresh_from_db()
    assert (situation.consent, situation.consented_on) == (False, None)


def test_my_figures_are_for_workers_only(client, people):
    client.force_login(people["union_rep"])
    assert client.get(reverse("gpec:me")).status_code == 403
