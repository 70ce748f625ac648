"""The coordinator's review inbox and answer form; the worker reads the answer."""

import pytest
from django.urls import reverse

from maillage.consolidation.models import ReviewAnswer
from maillage.consolidation.services import respond_to_assignment

pytestmark = pytest.mark.django_db


def en(url: str) -> str:
    return "/en" + url[3:]


@pytest.fixture
def review(territory, worker, publish_plan):
    assignment = publish_plan(territory, worker, [120]).assignments.get()
    return respond_to_assignment(
        assignment=assignment, by=worker.user, decision="review", reason="Je préfère le jeudi"
    )


def test_the_inbox_lists_the_open_requests(client, coordinator, review):
    client.force_login(coordinator)
    response = client.get(en(reverse("reviews:inbox")))
    assert response.status_code == 200
    assert list(response.context["requests"]) == [review]
    assert "Je préfère le jeudi" in response.content.decode()


def test_the_coordinator_answers_and_the_worker_reads_the_answer(
    client, coordinator, review, worker
):
    client.force_login(coordinator)
    url = en(reverse("reviews:answer", args=[review.pk]))
    page = client.get(url)
    assert page.status_code == 200
    assert (
        en(reverse("plans:version", args=[review.assignment.version_id])) in page.content.decode()
    )
    response = client.post(url, {"outcome": "kept", "reason": "Le jeudi est complet."})
    assert response.status_code == 302
    assert response["Location"] == en(reverse("reviews:inbox"))
    answer = ReviewAnswer.objects.get()
    assert (answer.response, answer.outcome, answer.by) == (review, "kept", coordinator)
    again = client.post(url, {"outcome": "changed", "reason": "Finalement"})
    assert again.status_code == 302
    assert ReviewAnswer.objects.get().reason == "Le jeudi est complet."
    assert "Answered by" in client.get(url).content.decode()
    client.force_login(worker.user)
    week = client.get(en(reverse("plans:worker_week"))).content.decode()
    assert "The cooperative's answer" in week
    assert "Le jeudi est complet." in week


def test_the_worker_sees_that_an_answer_is_awaited(client, review, worker):
    client.force_login(worker.user)
    week = client.get(en(reverse("plans:worker_week"))).content.decode()
    assert "A person of the cooperative will answer your request." in week


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"outcome": "kept", "reason": ""}, "reason", "This field is required."),
        ({"outcome": "kept", "reason": "   "}, "reason", "This field is required."),
        ({"outcome": "", "reason": "Parce que"}, "outcome", "This field is required."),
        (
            {"outcome": "kept", "reason": "x" * 2001},
            "reason",
            "Ensure this value has at most 2000 characters (it has 2001).",
        ),
    ],
)
def test_a_wrong_answer_shows_errors_and_records_nothing(
    client, coordinator, review, data, field, message
):
    client.force_login(coordinator)
    response = client.post(en(reverse("reviews:answer", args=[review.pk])), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert ReviewAnswer.objects.count() == 0


EXPECTED = {
    "coordinator": 200,
    "other_coordinator": 404,
    "worker": 403,
    "buyer_member": 403,
    "union_rep": 403,
    "trainer": 403,
    "other_buyer": 403,
    "stranger": 403,
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_who_may_open_and_answer_a_request(client, people, review, role):
    client.force_login(people[role])
    url = reverse("reviews:answer", args=[review.pk])
    assert client.get(url).status_code == EXPECTED[role]
    response = client.post(url, {"outcome": "kept", "reason": "Vu"})
    assert response.status_code == (302 if role == "coordinator" else EXPECTED[role])
    assert ReviewAnswer.objects.count() == (1 if role == "coordinator" else 0)


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_who_may_open_the_inbox(client, people, review, role):
    client.force_login(people[role])
    response = client.get(reverse("reviews:inbox"))
    assert response.status_code == (200 if "coordinator" in role else EXPECTED[role])
    if role == "other_coordinator":
        assert list(response.context["requests"]) == []


def test_the_inbox_stays_within_a_query_budget(
    client, territory, coordinator, publish_plan, django_assert_max_num_queries
):
    from tests.factories import PlanAssignmentFactory, WorkerProfileFactory

    first = WorkerProfileFactory(territory=territory, with_membership=True)
    version = publish_plan(territory, first, [60])
    for _ in range(6):
        worker = WorkerProfileFactory(territory=territory, with_membership=True)
        assignment = PlanAssignmentFactory(version=version, worker=worker)
        respond_to_assignment(
            assignment=assignment, by=worker.user, decision="refused", reason="Non"
        )
    client.force_login(coordinator)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("reviews:inbox"))
    assert response.status_code == 200
    assert len(response.context["requests"]) == 6
