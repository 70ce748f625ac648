import datetime as dt

import pytest
from django.utils import timezone

from maillage.absences.models import Absence, ReplacementProposal
from maillage.absences.services import declare_absence, request_proposal
from maillage.execution.models import Occurrence
from tests.absences.conftest import NOW, TUESDAY_24

pytestmark = pytest.mark.django_db

ROLES = [
    "worker",
    "other_worker",
    "buyer_member",
    "other_buyer",
    "coordinator",
    "other_coordinator",
    "union_rep",
    "stranger",
]


@pytest.fixture
def absence(world):
    return declare_absence(
        worker=world.alice,
        kind="sickness",
        first_day=TUESDAY_24,
        last_day=TUESDAY_24,
        note="Private: flu",
        by=world.alice.user,
        now=NOW,
    )


@pytest.fixture
def proposal(world, absence, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        found = request_proposal(absence=absence, by=world.people["coordinator"], now=NOW)
    found.refresh_from_db()
    return found


@pytest.mark.parametrize("role", ROLES)
def test_absence_pages_by_role(client, world, absence, proposal, role):
    client.force_login(world.people[role])
    pages = {
        "/en/absences/": {"worker", "other_worker", "coordinator", "other_coordinator"},
        "/en/absences/declare/": {"worker", "other_worker", "coordinator", "other_coordinator"},
        f"/en/absences/{absence.pk}/": {"worker", "coordinator"},
        f"/en/absences/proposals/{proposal.pk}/": {"coordinator"},
    }
    role_holders = {
        "/en/absences/": {"worker", "other_worker", "coordinator", "other_coordinator"},
        "/en/absences/declare/": {"worker", "other_worker", "coordinator", "other_coordinator"},
        f"/en/absences/{absence.pk}/": {
            "worker",
            "other_worker",
            "coordinator",
            "other_coordinator",
        },
        f"/en/absences/proposals/{proposal.pk}/": {"coordinator", "other_coordinator"},
    }
    for url, allowed in pages.items():
        expected = 200 if role in allowed else (404 if role in role_holders[url] else 403)
        assert client.get(url).status_code == expected, url


def test_the_note_is_for_the_worker_and_coordinators_only(client, world, absence):
    client.force_login(world.people["coordinator"])
    assert "Private: flu" in client.get(f"/en/absences/{absence.pk}/").content.decode()
    client.force_login(world.people["buyer_member"])
    page = client.get("/en/execution/buyer/?week=2026-W48").content.decode()
    assert "Private: flu" not in page and "Sickness" not in page
    assert "To replace" in page


def test_a_worker_declares_from_the_page(client, world):
    client.force_login(world.alice.user)
    first = timezone.localdate() + dt.timedelta(days=3)
    response = client.post(
        "/en/absences/declare/",
        {"kind": "leave", "first_day": first, "last_day": first, "note": ""},
    )
    absence = Absence.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/absences/{absence.pk}/"
    assert absence.worker == world.alice


def test_a_refused_declaration_shows_the_field_message(client, world):
    client.force_login(world.alice.user)
    first = timezone.localdate() + dt.timedelta(days=3)
    response = client.post(
        "/en/absences/declare/",
        {"kind": "leave", "first_day": first, "last_day": first - dt.timedelta(days=1)},
    )
    assert response.status_code == 400
    assert "The last day cannot come before the first day." in response.content.decode()


def test_confirming_from_the_page_shows_the_new_worker_to_the_buyer(
    client, world, django_capture_on_commit_callbacks
):
    # The page confirms at the real "now": take the next workshop still to come.
    upcoming = Occurrence.objects.filter(
        mission=world.workshop, starts_at__gt=timezone.now() + dt.timedelta(hours=1)
    ).first()
    if upcoming is None:
        pytest.skip("the test plan's period is over")
    absence = declare_absence(
        worker=world.alice,
        kind="sickness",
        first_day=upcoming.date,
        last_day=upcoming.date,
        by=world.alice.user,
    )
    client.force_login(world.people["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(f"/en/absences/{absence.pk}/propose/")
    proposal = ReplacementProposal.objects.get()
    assert asked["Location"] == f"/en/absences/proposals/{proposal.pk}/"
    line = proposal.lines.get()
    assert "Carla" in client.get(asked["Location"]).content.decode()
    response = client.post(f"/en/absences/proposals/{proposal.pk}/confirm/", {"line": line.pk})
    assert response.status_code == 302
    client.force_login(world.people["buyer_member"])
    page = client.get(f"/en/execution/buyer/?week={upcoming.date:%G-W%V}").content.decode()
    assert "Replacement: Carla comes instead" in page


def test_asking_twice_gives_the_same_running_proposal(client, world):
    upcoming = Occurrence.objects.filter(
        mission=world.workshop, starts_at__gt=timezone.now() + dt.timedelta(hours=1)
    ).first()
    if upcoming is None:
        pytest.skip("the test plan's period is over")
    absence = declare_absence(
        worker=world.alice,
        kind="sickness",
        first_day=upcoming.date,
        last_day=upcoming.date,
        by=world.alice.user,
    )
    client.force_login(world.people["coordinator"])
    # Enqueued at commit: the test never commits, so the first one stays queued.
    first = client.post(f"/en/absences/{absence.pk}/propose/")
    second = client.post(f"/en/absences/{absence.pk}/propose/")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert ReplacementProposal.objects.count() == 1


def test_the_list_costs_the_same_queries_whatever_its_length(
    client, world, django_assert_max_num_queries
):
    for week in range(6):
        first = dt.date(2026, 12, 21) + dt.timedelta(days=7 * week)
        declare_absence(
            worker=world.alice,
            kind="leave",
            first_day=first,
            last_day=first,
            by=world.alice.user,
            now=NOW,
        )
    client.force_login(world.people["coordinator"])
    with django_assert_max_num_queries(12):
        assert client.get("/en/absences/").status_code == 200


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("buyer_member", 200),
        ("other_buyer", 404),
        ("worker", 403),
        ("coordinator", 403),
        ("stranger", 403),
    ],
)
def test_cancel_pages_by_role(client, world, role, status):
    occurrence = Occurrence.objects.filter(starts_at__gt=timezone.now()).first()
    client.force_login(world.people[role])
    assert client.get(f"/en/absences/occurrences/{occurrence.pk}/cancel/").status_code == status
    assert client.get(f"/en/absences/needs/{world.workshop.pk}/cancel/").status_code == status


def test_the_buyer_cancels_an_occurrence_from_the_page(client, world, charter):
    occurrence = Occurrence.objects.filter(starts_at__gt=timezone.now()).first()
    client.force_login(world.people["buyer_member"])
    response = client.post(
        f"/en/absences/occurrences/{occurrence.pk}/cancel/", {"reason": "School trip"}
    )
    assert response.status_code == 302
    occurrence.refresh_from_db()
    assert (occurrence.state, occurrence.cancel_reason) == ("cancelled", "School trip")
    again = client.post(f"/en/absences/occurrences/{occurrence.pk}/cancel/", {"reason": "x"})
    assert again.status_code == 400


def test_the_buyer_cancels_a_need_from_the_page(client, world, charter):
    client.force_login(world.people["buyer_member"])
    response = client.post(f"/en/absences/needs/{world.workshop.pk}/cancel/", {"reason": "Closed"})
    assert response.status_code == 302
    world.workshop.refresh_from_db()
    assert world.workshop.state == "cancelled"


def test_an_absence_posted_twice_is_declared_once(client, world):
    client.force_login(world.alice.user)
    first_day = timezone.localdate() + dt.timedelta(days=3)
    data = {
        "kind": "leave",
        "first_day": first_day,
        "last_day": first_day,
        "idempotency_key": "0123456789abcdef0123456789abcdef",
    }
    first = client.post("/en/absences/declare/", data)
    second = client.post("/en/absences/declare/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Absence.objects.count() == 1


def test_the_weeks_of_the_absent_and_the_replacing_workers(client, world, proposal):
    from maillage.absences.services import confirm_proposal

    confirm_proposal(proposal=proposal, by=world.people["coordinator"], now=NOW)
    client.force_login(world.alice.user)
    page = client.get("/en/execution/week/?week=2026-W48").content.decode()
    assert "Replaced" in page
    client.force_login(world.carla.user)
    page = client.get("/en/execution/week/?week=2026-W48").content.decode()
    assert "You replace an absent worker" in page
    client.force_login(world.people["coordinator"])
    page = client.get(f"/en/absences/{proposal.absence.pk}/").content.decode()
    assert "Carla comes instead" in page
