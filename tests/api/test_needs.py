"""/api/v1/needs/: a buyer describes, reads, changes while draft, asks a quote, cancels."""

from __future__ import annotations

import datetime as dt

import pytest

from maillage.missions.models import Mission, MissionState
from tests.factories import BORDEAUX, MissionFactory, OrganisationFactory, buyer_member
from tests.scenarios import upcoming_term

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

NEEDS = "/api/v1/needs/"


def need_body(**changes) -> dict:
    term = upcoming_term()
    return {
        "title": "Atelier numérique",
        "kind": "after_school_workshop",
        "place_kind": "address",
        "address": "1 place de la République",
        "commune": BORDEAUX,
        "period_start": term.start.isoformat(),
        "period_end": term.end.isoformat(),
        "schedule_kind": "fixed",
        "skills": [{"skill": "workshop-children", "min_level": 2}],
        "slots": [{"weekday": 1, "start_minute": 900, "end_minute": 990}],
        "excluded": [{"start": term.excluded.isoformat(), "end": term.excluded.isoformat()}],
    } | changes


def test_a_buyer_creates_a_draft_need(api, buyer, school):
    response = api(buyer).post(NEEDS, need_body(), format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 201, response.json()
    mission = Mission.objects.get()
    body = response.json()
    assert (body["id"], body["state"], body["buyer"], body["commune"]) == (
        mission.pk,
        "draft",
        school.pk,
        BORDEAUX,
    )
    assert body["skills"] == [{"skill": "workshop-children", "min_level": 2}]
    assert body["slots"] == [{"weekday": 1, "start_minute": 900, "end_minute": 990}]
    assert (mission.created_by, mission.transitions.get().to_state) == (buyer, "draft")


def test_the_same_idempotency_key_creates_once(api, buyer):
    client = api(buyer)
    key = "0123456789abcdef0123456789abcdef"
    first = client.post(NEEDS, need_body(), format="json", HTTP_IDEMPOTENCY_KEY=key)
    second = client.post(NEEDS, need_body(), format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert first.json()["id"] == second.json()["id"]
    assert Mission.objects.count() == 1
    bad = client.post(NEEDS, need_body(), format="json", HTTP_IDEMPOTENCY_KEY="x")
    assert bad.status_code == 400
    assert bad.json()["errors"] == {
        "Idempotency-Key": ["An idempotency key is 32 hexadecimal digits."]
    }


def test_the_domain_refusals_come_back_field_by_field(api, buyer):
    body = need_body(period_end="2020-01-01", slots=[], excluded=[])
    response = api(buyer).post(NEEDS, body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == {
        "period_end": ["The last day cannot come before the first day."],
        "slots": ["Give at least one weekly slot."],
    }
    assert Mission.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"title": "x" * 201}, {"title": ["Ensure this field has no more than 200 characters."]}),
        ({"kind": "party"}, {"kind": ['"party" is not a valid choice.']}),
        ({"commune": "99999"}, {"commune": ["Unknown commune."]}),
        (
            {"period_start": "0001-01-01"},
            {"period_start": ["Give a date between 1970-01-01 and 2100-12-31."]},
        ),
        (
            {"skills": [{"skill": "juggling", "min_level": 9}]},
            {
                "skills.0.skill": ["Unknown skill."],
                "skills.0.min_level": ["Ensure this value is less than or equal to 8."],
            },
        ),
        ({"slots": "<script>"}, {"slots": ['Expected a list of items but got type "str".']}),
    ],
)
def test_wrong_fields_get_400_with_their_messages(api, buyer, changes, errors):
    response = api(buyer).post(NEEDS, need_body(**changes), format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == errors
    assert Mission.objects.count() == 0


def test_a_buyer_cannot_post_for_another_organisation(api, buyer):
    other = OrganisationFactory()
    response = api(buyer).post(NEEDS, need_body(buyer=other.pk), format="json")
    assert response.status_code == 403
    assert Mission.objects.count() == 0


def test_lists_hold_what_the_user_may_see_filtered(
    api, buyer, school, coordinator, people, django_assert_max_num_queries
):
    draft = MissionFactory(buyer=school, fixed=True)
    accepted = MissionFactory(buyer=school, fixed=True, state="accepted")
    foreign = MissionFactory(buyer=OrganisationFactory(), fixed=True)
    client = api(buyer)
    with django_assert_max_num_queries(14):
        body = client.get(NEEDS).json()
    assert body["count"] == 2
    assert {row["id"] for row in body["results"]} == {draft.pk, accepted.pk}
    assert [r["id"] for r in client.get(NEEDS, {"state": "accepted"}).json()["results"]] == [
        accepted.pk
    ]
    assert client.get(NEEDS, {"to": "2026-01-01"}).json()["count"] == 0
    assert client.get(NEEDS, {"from": "nope"}).status_code == 400
    assert api(coordinator).get(NEEDS).json()["count"] == 2  # the school's territory
    assert api(people["other_buyer"]).get(NEEDS).json()["count"] == 0
    assert foreign.pk not in {r["id"] for r in api(coordinator).get(NEEDS).json()["results"]}


@pytest.mark.parametrize("blank", [{"to": ""}, {"state": ""}, {"from": "2026-01-01", "buyer": ""}])
def test_a_filter_given_empty_is_refused_not_dropped(api, buyer, school, blank):
    """`?to=` read as no filter would hand every row to a client that meant to filter."""
    MissionFactory(buyer=school, fixed=True)
    response = api(buyer).get(NEEDS, blank)
    assert response.status_code == 400
    (name,) = (key for key, value in blank.items() if value == "")
    assert response.json()["errors"] == {name: ["Give a value, or leave the parameter out."]}


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ({"page": ""}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "last"}, "page"),
        ({"page": "9" * 40}, "page"),
        ({"page_size": "true"}, "page_size"),
        ({"page_size": "-3"}, "page_size"),
        ({"page_size": ""}, "page_size"),
    ],
)
def test_a_page_or_page_size_that_is_not_a_whole_number_is_refused(api, buyer, school, query, name):
    MissionFactory(buyer=school, fixed=True)
    response = api(buyer).get(NEEDS, query)
    assert response.status_code == 400
    assert response.json()["errors"] == {name: ["Give a whole number from 1."]}


def test_pages_are_read_as_asked_and_capped(api, buyer, school):
    first, second = (
        MissionFactory(buyer=school, fixed=True),
        MissionFactory(buyer=school, fixed=True),
    )
    client = api(buyer)
    one = client.get(NEEDS, {"page_size": "1", "page": "2"}).json()
    assert (one["count"], len(one["results"])) == (2, 1)
    assert one["results"][0]["id"] in {first.pk, second.pk}
    assert one["next"] is None
    assert len(client.get(NEEDS, {"page_size": "100000"}).json()["results"]) == 2
    assert client.get(NEEDS, {"page": "3", "page_size": "1"}).status_code == 404


def test_another_organisations_need_is_404(api, buyer, people):
    mission = MissionFactory(buyer=OrganisationFactory(), fixed=True)
    client = api(buyer)
    assert client.get(f"{NEEDS}{mission.pk}/").status_code == 404
    assert client.get(f"{NEEDS}999999/").status_code == 404
    response = client.put(f"{NEEDS}{mission.pk}/", need_body(), format="json")
    assert response.status_code == 404
    response = client.post(f"{NEEDS}{mission.pk}/cancel/", {"reason": "x"}, format="json")
    assert response.status_code == 404
    assert Mission.objects.get().state == "draft"


def test_a_draft_is_changed_whole_and_a_priced_need_is_not(api, buyer, school, charter):
    draft = MissionFactory(buyer=school, fixed=True)
    client = api(buyer)
    response = client.put(f"{NEEDS}{draft.pk}/", need_body(title="Renamed"), format="json")
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.title == "Renamed"
    priced = MissionFactory(buyer=school, priced=True)
    response = client.put(f"{NEEDS}{priced.pk}/", need_body(title="No"), format="json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("This need is priced")
    priced.refresh_from_db()
    assert priced.title != "No"


def test_a_coordinator_reads_but_does_not_change_a_need(api, school, coordinator):
    draft = MissionFactory(buyer=school, fixed=True)
    client = api(coordinator)
    assert client.get(f"{NEEDS}{draft.pk}/").status_code == 200
    assert client.put(f"{NEEDS}{draft.pk}/", need_body(), format="json").status_code == 403


def test_a_draft_is_withdrawn_with_a_reason_and_a_quote_is_asked(api, buyer, school):
    client = api(buyer)
    asked = MissionFactory(buyer=school, fixed=True)
    response = client.post(f"{NEEDS}{asked.pk}/request-quote/")
    assert response.status_code == 200
    assert response.json()["quote_requested_at"] is not None
    draft = MissionFactory(buyer=school, fixed=True)
    response = client.post(f"{NEEDS}{draft.pk}/cancel/", {"reason": ""}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"reason": ["This field may not be blank."]}
    response = client.post(f"{NEEDS}{draft.pk}/cancel/", {"reason": "Budget"}, format="json")
    assert (response.status_code, response.json()["state"]) == (200, MissionState.CANCELLED)
    again = client.post(f"{NEEDS}{draft.pk}/cancel/", {"reason": "Budget"}, format="json")
    assert again.status_code == 400
    assert again.json()["detail"] == "Only a draft need is withdrawn; this one is “Cancelled”."


def test_an_accepted_need_is_cancelled_with_its_dated_work(api, buyer, school, charter):
    accepted = MissionFactory(buyer=school, fixed=True, state="accepted")
    response = api(buyer).post(f"{NEEDS}{accepted.pk}/cancel/", {"reason": "Fermé"}, format="json")
    assert (response.status_code, response.json()["state"]) == (200, "cancelled")


def test_a_group_manager_reads_the_members_needs(api, school):
    colleague = buyer_member(school)
    MissionFactory(buyer=school, fixed=True)
    assert api(colleague).get(NEEDS).json()["count"] == 1


def _later_period(body: dict) -> dict:
    """The body at a period starting two weeks after ``body``'s ends."""
    start = dt.date.fromisoformat(body["period_end"]) + dt.timedelta(days=14)
    return body | {
        "period_start": start.isoformat(),
        "period_end": (start + dt.timedelta(days=40)).isoformat(),
        "excluded": [],
    }


def test_a_copy_for_a_later_period_renews_the_need_once_per_key(api, buyer, school):
    client = api(buyer)
    first = client.post(NEEDS, need_body(), format="json").json()
    key = "0123456789abcdef0123456789abcdef"
    later = _later_period(need_body())
    response = client.post(
        f"{NEEDS}{first['id']}/copy/", later, format="json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["state"], body["replaces"], body["period_start"]) == (
        "draft",
        first["id"],
        later["period_start"],
    )
    again = client.post(
        f"{NEEDS}{first['id']}/copy/", later, format="json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert (again.status_code, again.json()["id"]) == (201, body["id"])
    assert Mission.objects.count() == 2
    assert client.get(f"{NEEDS}{first['id']}/").json()["replaces"] is None


def test_a_copy_within_the_period_is_a_need_of_its_own(api, buyer, school):
    client = api(buyer)
    first = client.post(NEEDS, need_body(), format="json").json()
    response = client.post(
        f"{NEEDS}{first['id']}/copy/", need_body(title="Second groupe"), format="json"
    )
    assert (response.status_code, response.json()["replaces"]) == (201, None)


def test_only_the_buyer_copies_a_need_and_a_bad_copy_is_refused_field_by_field(
    api, buyer, school, coordinator
):
    mission = MissionFactory(buyer=school, fixed=True)
    copy = f"{NEEDS}{mission.pk}/copy/"
    assert api(coordinator).post(copy, need_body(), format="json").status_code == 403
    stranger = buyer_member(OrganisationFactory())
    assert api(stranger).post(copy, need_body(), format="json").status_code == 404
    response = api(buyer).post(copy, need_body(slots=[]), format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["slots"]
    assert Mission.objects.count() == 1
