"""The worker's contract page: the proposal, accept, decline; who may act."""

import pytest
from django.urls import reverse

from maillage.employment.services import move_contract, propose_contract

pytestmark = pytest.mark.django_db


def en(url: str) -> str:
    return "/en" + url[3:]


@pytest.fixture
def issued(territory, charter, coordinator, worker, publish_plan):
    publish_plan(territory, worker, [24 * 60])
    proposal = propose_contract(worker=worker, by=coordinator)
    return move_contract(proposal=proposal, to_state="issued", by=coordinator)


def test_the_worker_sees_the_proposal_and_what_changes(client, worker, issued):
    client.force_login(worker.user)
    response = client.get(en(reverse("employment:my_contract")))
    assert response.status_code == 200
    assert response.context["proposals"] == [issued]
    page = response.content.decode()
    assert "What changes for you" in page
    assert "I accept this contract" in page


def test_a_proposal_not_issued_is_not_shown(
    client, territory, charter, coordinator, worker, publish_plan
):
    publish_plan(territory, worker, [24 * 60])
    propose_contract(worker=worker, by=coordinator)
    client.force_login(worker.user)
    response = client.get(reverse("employment:my_contract"))
    assert response.context["proposals"] == []


def test_the_worker_accepts_through_the_page(client, worker, issued):
    client.force_login(worker.user)
    response = client.post(
        en(reverse("employment:my_contract_accept", args=[issued.pk])), follow=True
    )
    assert response.redirect_chain == [(en(reverse("employment:my_contract")), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "You accepted the contract. You are an employee of the cooperative from Nov. 2, 2026."
    ]
    issued.refresh_from_db()
    worker.refresh_from_db()
    assert (issued.state, worker.status) == ("signed", "cooperative_employee")
    again = client.post(en(reverse("employment:my_contract_accept", args=[issued.pk])), follow=True)
    assert [str(m) for m in again.context["messages"]] == ["You already accepted this contract."]


def test_the_worker_declines_with_a_reason(client, worker, issued):
    client.force_login(worker.user)
    url = en(reverse("employment:my_contract_decline", args=[issued.pk]))
    empty = client.post(url, {"reason": ""}, follow=True)
    assert [str(m) for m in empty.context["messages"]] == ["This field is required."]
    issued.refresh_from_db()
    assert issued.state == "issued"
    assert client.post(url, {"reason": "Je reste indépendante"}).status_code == 302
    issued.refresh_from_db()
    assert issued.state == "declined"


def test_a_withdrawn_proposal_cannot_be_accepted_on_the_page(client, worker, issued, coordinator):
    move_contract(proposal=issued, to_state="withdrawn", by=coordinator)
    client.force_login(worker.user)
    response = client.post(
        en(reverse("employment:my_contract_accept", args=[issued.pk])), follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "This proposal was withdrawn by the cooperative."
    ]
    worker.refresh_from_db()
    assert worker.status == "job_seeker"


@pytest.mark.parametrize(
    ("role", "page_status", "answer_status"),
    [
        ("worker", 200, 302),
        ("coordinator", 403, 403),
        ("other_coordinator", 403, 403),
        ("buyer_member", 403, 403),
        ("union_rep", 403, 403),
        ("stranger", 403, 403),
    ],
)
def test_who_may_see_and_answer(client, people, issued, role, page_status, answer_status):
    client.force_login(people[role])
    assert client.get(reverse("employment:my_contract")).status_code == page_status
    response = client.post(reverse("employment:my_contract_accept", args=[issued.pk]))
    assert response.status_code == answer_status
    issued.refresh_from_db()
    assert issued.state == ("signed" if role == "worker" else "issued")


def test_another_workers_proposal_is_not_found(client, territory, issued):
    from tests.factories import WorkerProfileFactory

    other = WorkerProfileFactory(territory=territory, with_membership=True)
    client.force_login(other.user)
    for name in ("employment:my_contract_accept", "employment:my_contract_decline"):
        response = client.post(reverse(name, args=[issued.pk]), {"reason": "Non"})
        assert response.status_code == 404
    issued.refresh_from_db()
    assert issued.state == "issued"
