"""The comparison page (workers) and the contract proposals (coordinators)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from maillage.core.limits import text_max_length
from maillage.employment.models import ContractProposal
from maillage.employment.services import contract_terms, move_contract, propose_contract

pytestmark = pytest.mark.django_db


def test_the_worker_sees_two_columns_for_the_same_budget(client, worker):
    client.force_login(worker.user)
    response = client.get(
        reverse("employment:comparison"),
        {"hours_per_week": "24", "hourly_budget": "20", "activity": "bnc"},
    )
    assert response.status_code == 200
    salaried, micro = (entry["column"] for entry in response.context["columns"])
    # 24 h x 52 / 12 x 20 € = 2,080 € a month paid by the buyers, for both statuses.
    assert salaried.budget_monthly == micro.budget_monthly == Decimal("2080.00")
    assert salaried.net_income_monthly < micro.net_income_monthly
    rights = {r["code"]: r["granted"] for r in response.context["columns"][0]["rights"]}
    assert rights["unemployment_insurance"] is True
    micro_rights = {r["code"]: r["granted"] for r in response.context["columns"][1]["rights"]}
    assert micro_rights["unemployment_insurance"] is False


def test_the_comparison_starts_from_the_published_portfolio(
    client, territory, worker, charter, publish_plan
):
    publish_plan(territory, worker, [12 * 60, 12 * 60])
    client.force_login(worker.user)
    response = client.get(reverse("employment:comparison"))
    assert response.status_code == 200
    assert response.context["what_if"].hours_per_week == Decimal("24.00")
    assert response.context["planned"].weekly_minutes == 24 * 60


def test_a_wrong_what_if_is_refused(client, worker):
    client.force_login(worker.user)
    response = client.get(
        reverse("employment:comparison"), {"hours_per_week": "90", "hourly_budget": "20"}
    )
    assert response.status_code == 400
    assert response.context["result"] is None


def test_a_portfolio_of_24_hours_supports_a_contract(
    territory, worker, charter, coordinator, publish_plan
):
    publish_plan(territory, worker, [14 * 60, 10 * 60])
    terms = contract_terms(worker)
    assert terms.weekly_minutes == 24 * 60
    assert terms.portfolio.hourly_gross == Decimal("13.50")  # help desk, foundation floor
    assert terms.monthly_hours == Decimal("104.00")
    assert terms.monthly_gross == Decimal("1404.00")
    proposal = propose_contract(worker=worker, by=coordinator)
    assert (proposal.state, proposal.start_date.isoformat()) == ("proposed", "2026-11-02")
    assert proposal.figures["gross"] == "1404.00"
    proposal = move_contract(proposal=proposal, to_state="issued", by=coordinator)
    proposal = move_contract(proposal=proposal, to_state="signed", by=coordinator)
    assert [t.to_state for t in proposal.transitions.all()] == ["proposed", "issued", "signed"]


def test_under_the_threshold_no_contract_is_proposed(
    territory, worker, charter, coordinator, publish_plan
):
    publish_plan(territory, worker, [20 * 60])
    assert contract_terms(worker) is None
    with pytest.raises(ValidationError):
        propose_contract(worker=worker, by=coordinator)
    assert ContractProposal.objects.count() == 0


def test_a_contract_below_the_floor_is_refused_by_the_database(
    territory, worker, charter, coordinator, publish_plan
):
    publish_plan(territory, worker, [24 * 60])
    proposal = propose_contract(worker=worker, by=coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContractProposal.objects.filter(pk=proposal.pk).update(hourly_gross=Decimal("10"))


def test_the_coordinator_proposes_issues_and_downloads(
    client, territory, worker, charter, coordinator, publish_plan
):
    publish_plan(territory, worker, [24 * 60])
    client.force_login(coordinator)
    page = client.get(reverse("employment:contracts"))
    assert [t.worker for t in page.context["candidates"]] == [worker]
    response = client.post(reverse("employment:contract_propose", args=[worker.pk]))
    proposal = ContractProposal.objects.get()
    assert response.url == reverse("employment:contract_detail", args=[proposal.pk])
    client.post(reverse("employment:contract_move", args=[proposal.pk]), {"to_state": "issued"})
    proposal.refresh_from_db()
    assert proposal.state == "issued"
    pdf = client.get(reverse("employment:contract_pdf", args=[proposal.pk]))
    assert pdf.content.startswith(b"%PDF")


LONGEST = text_max_length()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"to_state": "issued", "reason": "late\x00"},
            "Motif : Le caractère nul n’est pas autorisé.",
        ),
        (
            {"to_state": "issued", "reason": "x" * (LONGEST + 1)},
            f"Motif : Assurez-vous que cette valeur comporte au plus {LONGEST} caractères",
        ),
        ({"to_state": "signed!"}, "Nouvel état : Sélectionnez un choix valide."),
    ],
    ids=["nul", "too-long", "unknown-state"],
)
def test_a_bad_contract_move_is_refused_with_its_field_and_changes_nothing(
    client, territory, worker, charter, coordinator, publish_plan, data, message
):
    publish_plan(territory, worker, [24 * 60])
    proposal = propose_contract(worker=worker, by=coordinator)
    client.force_login(coordinator)
    response = client.post(
        reverse("employment:contract_move", args=[proposal.pk]), data, follow=True
    )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) == 1
    assert shown[0].startswith(message)
    proposal.refresh_from_db()
    assert proposal.state == "proposed"
    assert proposal.transitions.count() == 1


def test_a_coordinator_s_reason_lands_in_the_log_as_text(
    client, territory, worker, charter, coordinator, publish_plan
):
    publish_plan(territory, worker, [24 * 60])
    proposal = propose_contract(worker=worker, by=coordinator)
    client.force_login(coordinator)
    client.post(
        reverse("employment:contract_move", args=[proposal.pk]),
        {"to_state": "withdrawn", "reason": "<b>budget</b> cut"},
    )
    page = client.get(reverse("employment:contract_detail", args=[proposal.pk]))
    history = page.content.decode().split('<ol class="history">')[1].split("</ol>")[0]
    assert "&lt;b&gt;budget&lt;/b&gt; cut" in history
    # The states by their names in the page's language, not their codes.
    assert "Retiré" in history and "withdrawn" not in history
    assert proposal.transitions.last().reason == "<b>budget</b> cut"


PAGES = ["comparison", "contracts"]
ALLOWED = {
    "worker": {"comparison"},
    "coordinator": {"contracts"},
    "buyer_member": set(),
    "other_coordinator": {"contracts"},
    "stranger": set(),
}


@pytest.mark.parametrize("role", sorted(ALLOWED))
@pytest.mark.parametrize("page", PAGES)
def test_permission_matrix(client, people, role, page):
    client.force_login(people[role])
    response = client.get(reverse(f"employment:{page}"))
    assert response.status_code == (200 if page in ALLOWED[role] else 403)


# Coordinator pages: other roles are refused (403); another territory's coordinator does not
# learn that the proposal or the worker exists (404).
PROPOSAL_REFUSED = {"worker": 403, "buyer_member": 403, "other_coordinator": 404, "stranger": 403}


@pytest.mark.parametrize("role", sorted(PROPOSAL_REFUSED))
def test_only_the_territorys_coordinator_sees_a_proposal(
    client, people, territory, worker, charter, coordinator, role, publish_plan
):
    publish_plan(territory, worker, [24 * 60])
    proposal = propose_contract(worker=worker, by=coordinator)
    client.force_login(people[role])
    refused = PROPOSAL_REFUSED[role]
    for name in ("contract_detail", "contract_pdf"):
        response = client.get(reverse(f"employment:{name}", args=[proposal.pk]))
        assert response.status_code == refused
    response = client.post(reverse("employment:contract_propose", args=[worker.pk]))
    assert response.status_code == refused
    response = client.post(
        reverse("employment:contract_move", args=[proposal.pk]), {"to_state": "withdrawn"}
    )
    assert response.status_code == refused
    proposal.refresh_from_db()
    assert proposal.state == "proposed"
