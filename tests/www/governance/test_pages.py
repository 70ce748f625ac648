"""The steering's pages: who sees what, who acts, and what a refusal leaves unchanged."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from maillage.governance.models import (
    Ballot,
    Participation,
    Proposal,
    ProposalState,
    UnionOpinion,
)
from tests.factories import governance as gov

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

ROLES = ["coordinator", "union_rep", "member", "other_coordinator", "other_member", "stranger"]
READERS = {"coordinator", "union_rep", "member"}


def en(url: str) -> str:
    return "/en" + url[3:]


@pytest.mark.parametrize("role", ROLES)
def test_a_proposal_is_read_by_its_territory_only(client, steering, role):
    proposal = gov.proposal(steering.territory, by=steering.users["coordinator"])
    client.force_login(steering.users[role])
    response = client.get(reverse("governance:proposal_detail", args=[proposal.pk]))
    assert response.status_code == (200 if role in READERS else 404)
    index = client.get(reverse("governance:index")).content.decode()
    assert (proposal.title in index) is (role in READERS)


@pytest.mark.parametrize("role", ROLES)
def test_who_puts_a_proposal_on_the_agenda(client, steering, role):
    client.force_login(steering.users[role])
    url = reverse("governance:proposal_new", args=[steering.territory.pk])
    response = client.post(url, {"kind": "text", "title": "A motion", "text": "Its text."})
    allowed = role in {"coordinator", "union_rep"}
    expected = 302 if allowed else (403 if role == "member" else 404)
    assert response.status_code == expected
    assert Proposal.objects.count() == (1 if allowed else 0)


def propose_fee(client, url: str, starts_on: str):
    """The union delegate proposes a 7 % fee from ``starts_on`` on the page at ``url``."""
    return client.post(
        url,
        {
            "kind": "fee",
            "title": "Lower the fee",
            "text": "The cooperative can live on 7 %.",
            "starts_on": starts_on,
            "fee_percent": "7",
        },
    )


def test_a_fee_proposal_from_the_page(client, steering):
    client.force_login(steering.users["union_rep"])
    url = reverse("governance:proposal_new", args=[steering.territory.pk])
    response = propose_fee(client, url, "2027-01-01")
    proposal = Proposal.objects.get()
    assert response.url == reverse("governance:proposal_detail", args=[proposal.pk])
    assert proposal.change == {"starts_on": "2027-01-01", "cooperative_fee_rate": "0.0700"}


@pytest.mark.parametrize("starts_on", ["0001-01-01", "2020-01-01"])
def test_a_fee_proposal_starting_in_the_past_is_refused_on_its_field(client, steering, starts_on):
    # Year 1 once reached OpenFisca, which knows no SMIC then: a server error.
    client.force_login(steering.users["union_rep"])
    url = en(reverse("governance:proposal_new", args=[steering.territory.pk]))
    response = propose_fee(client, url, starts_on)
    assert response.status_code == 400
    assert response.context["form"].errors["starts_on"] == [
        "A new charter version cannot start before today."
    ]
    assert Proposal.objects.count() == 0


def test_weights_breaking_the_statutes_are_refused_on_the_page(client, steering):
    client.force_login(steering.users["coordinator"])
    url = en(reverse("governance:proposal_new", args=[steering.territory.pk]))
    response = client.post(
        url,
        {
            "kind": "weights",
            "title": "Workers first",
            "text": "More weight to the workers.",
            "weight_workers": "60",
            "weight_buyers": "20",
            "weight_unions": "20",
        },
    )
    assert response.status_code == 400
    assert "Each college weighs between 10 % and 50 % of the votes" in response.content.decode()
    assert Proposal.objects.count() == 0


def test_the_lifecycle_on_the_pages(client, steering):
    users = steering.users
    proposal = gov.proposal(steering.territory, by=users["union_rep"])
    detail = reverse("governance:proposal_detail", args=[proposal.pk])
    # A member cannot run the proposal.
    client.force_login(users["member"])
    assert (
        client.post(reverse("governance:proposal_discuss", args=[proposal.pk])).status_code == 403
    )
    client.force_login(users["coordinator"])
    client.post(reverse("governance:proposal_discuss", args=[proposal.pk]))
    closes = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("governance:proposal_open_vote", args=[proposal.pk]), {"closes_at": closes}
    )
    assert response.url == detail
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.VOTING
    client.force_login(users["member"])
    assert "Your vote, in the college" in client.get(en(detail)).content.decode()
    client.post(reverse("governance:proposal_vote", args=[proposal.pk]), {"choice": "for"})
    page = client.get(en(detail)).content.decode()
    assert "You have voted. Your vote is secret." in page
    # A second vote is refused and changes nothing.
    client.post(reverse("governance:proposal_vote", args=[proposal.pk]), {"choice": "against"})
    assert list(Ballot.objects.values_list("choice", flat=True)) == ["for"]
    # Someone of another territory does not even see the proposal.
    client.force_login(users["other_member"])
    response = client.post(
        reverse("governance:proposal_vote", args=[proposal.pk]), {"choice": "for"}
    )
    assert response.status_code == 404
    assert Participation.objects.count() == 1


def test_a_reason_too_long_to_keep_does_not_withdraw_the_proposal(client, steering):
    proposal = gov.proposal(steering.territory, by=steering.users["coordinator"])
    client.force_login(steering.users["coordinator"])
    url = reverse("governance:proposal_withdraw", args=[proposal.pk])

    response = client.post(url, {"reason": "x" * 2001}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Why: Ensure this value has at most 2000 characters (it has 2001)."
    ]
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DRAFT
    client.post(url, {"reason": "Superseded by the spring proposal."})
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN


def test_only_a_union_rep_records_the_opinion(client, steering):
    proposal = gov.proposal(steering.territory, by=steering.users["coordinator"])
    url = reverse("governance:proposal_opinion", args=[proposal.pk])
    data = {"position": "favourable", "text": "We agree."}
    for role in ("coordinator", "member"):
        client.force_login(steering.users[role])
        assert client.post(url, data).status_code == 403
    assert not UnionOpinion.objects.exists()
    client.force_login(steering.users["union_rep"])
    assert client.post(url, data).status_code == 302
    assert UnionOpinion.objects.get().text == "We agree."


@pytest.mark.parametrize("role", ROLES)
def test_who_seats_members_and_reads_pay_indicators(client, steering, role):
    client.force_login(steering.users[role])
    members = client.get(reverse("governance:members", args=[steering.territory.pk]))
    pay = client.get(reverse("governance:pay", args=[steering.territory.pk]))
    readers = 404 if role not in READERS else 403
    assert members.status_code == (200 if role == "coordinator" else readers)
    assert pay.status_code == (200 if role in {"coordinator", "union_rep"} else readers)


def test_a_coordinator_seats_a_member_once(client, steering):
    client.force_login(steering.users["coordinator"])
    url = en(reverse("governance:members", args=[steering.territory.pk]))
    stranger = steering.users["stranger"]
    assert client.post(url, {"email": stranger.email, "college": "buyers"}).status_code == 302
    response = client.post(url, {"email": stranger.email, "college": "unions"})
    assert response.status_code == 400
    assert "already in a college of the territory" in response.content.decode()
    assert list(stranger.college_seats.values_list("college__kind", flat=True)) == ["buyers"]


def test_the_index_costs_the_same_queries_whatever_the_number_of_proposals(
    client, steering, django_assert_max_num_queries
):
    client.force_login(steering.users["coordinator"])
    for n in range(3):
        gov.proposal(steering.territory, by=steering.users["coordinator"], title=f"Motion {n}")
    with django_assert_max_num_queries(25) as few:
        client.get(reverse("governance:index"))
    for n in range(10):
        gov.proposal(steering.territory, by=steering.users["coordinator"], title=f"More {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("governance:index"))


def test_the_statutes_quorum_and_majority_read_as_percentages(client, steering):
    client.force_login(steering.users["coordinator"])
    with translation.override("en"):
        page = client.get(reverse("governance:index")).content.decode()
    assert "Quorum: 30\u00a0% of the weighted members" in page
    assert "more than 50\u00a0% of the weighted votes expressed" in page
