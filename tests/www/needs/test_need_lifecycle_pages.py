"""The buyer changes a draft, copies a need for the next term and asks for a quote."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from maillage.missions.lifecycle import next_term
from maillage.missions.models import Mission
from tests.factories import MissionFactory
from tests.www.needs.test_need_form import form_data

pytestmark = pytest.mark.django_db


def en(url: str) -> str:
    return "/en" + url[3:]


def test_the_edit_form_is_pre_filled_with_the_need(client, need, buyer):
    client.force_login(buyer)
    response = client.get(reverse("needs:edit", args=[need.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert (form["title"].value(), form["period_start"].value()) == (need.title, need.period_start)
    slots = response.context["slots_formset"]
    assert slots.forms[0]["start"].value().strftime("%H:%M") == "15:00"


def test_the_buyer_changes_a_draft_through_the_form(client, need, buyer):
    client.force_login(buyer)
    response = client.post(reverse("needs:edit", args=[need.pk]), form_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("needs:detail", args=[need.pk])
    need.refresh_from_db()
    assert (need.title, Mission.objects.count()) == ("Atelier numérique du mardi", 1)


def test_a_wrong_change_shows_errors_and_changes_nothing(client, need, buyer):
    client.force_login(buyer)
    response = client.post(
        en(reverse("needs:edit", args=[need.pk])), form_data(**{"need-title": ""})
    )
    assert response.status_code == 400
    assert response.context["form"].errors["title"] == ["This field is required."]
    need.refresh_from_db()
    assert need.title.startswith("Atelier numérique périscolaire")


def test_a_priced_need_is_refused_with_a_clear_message(client, school, buyer):
    priced = MissionFactory(buyer=school, fixed=True, state="priced")
    client.force_login(buyer)
    for response in (
        client.get(en(reverse("needs:edit", args=[priced.pk])), follow=True),
        client.post(en(reverse("needs:edit", args=[priced.pk])), form_data(), follow=True),
    ):
        assert response.redirect_chain == [(en(reverse("needs:detail", args=[priced.pk])), 302)]
        assert [str(m) for m in response.context["messages"]] == [
            "This need is priced: it can no longer be changed. Refuse the quote to change the "
            "need, or describe a new need."
        ]
    priced.refresh_from_db()
    assert priced.title != "Atelier numérique du mardi"


def test_the_copy_form_offers_the_next_term_and_a_double_click_makes_one_copy(client, need, buyer):
    client.force_login(buyer)
    url = reverse("needs:duplicate", args=[need.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    assert (form["period_start"].value(), form["period_end"].value()) == next_term(need)
    data = form_data(idempotency_key="c" * 32)
    first = client.post(url, data)
    second = client.post(url, data)
    copy = Mission.objects.exclude(pk=need.pk).get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("needs:detail", args=[copy.pk])
    # The log says which need it copies (in the language of the page: French here).
    reason = copy.transitions.get().reason
    assert reason.startswith("Copié du besoin") and f"{need.pk}" in reason
    assert copy.replaces is None  # the posted dates are the need's own term


def test_the_copy_form_at_the_offered_dates_renews_the_need(client, need, buyer):
    client.force_login(buyer)
    url = reverse("needs:duplicate", args=[need.pk])
    page = client.get(url)
    assert "la copie le renouvelle" in page.content.decode()
    start, end = next_term(need)
    data = form_data(**{"need-period_start": start.isoformat(), "need-period_end": end.isoformat()})
    data |= {"excluded-TOTAL_FORMS": "0"}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    renewed = Mission.objects.exclude(pk=need.pk).get()
    assert (renewed.replaces, renewed.period_start) == (need, start)
    reason = renewed.transitions.get().reason
    assert (
        reason == f"Renouvelle le besoin « {need.title} » (n° {need.pk}) pour une période suivante."
    )


def test_the_buyer_asks_for_a_quote_and_the_need_shows_it(client, need, buyer, coordinator):
    client.force_login(buyer)
    detail = en(reverse("needs:detail", args=[need.pk]))
    assert "Ask for a quote" in client.get(detail).content.decode()
    response = client.post(en(reverse("needs:request_quote", args=[need.pk])))
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.quote_requested
    page = client.get(detail).content.decode()
    assert "Quote requested on" in page
    assert "Ask for a quote" not in page
    listing = client.get(en(reverse("needs:list"))).content.decode()
    assert "quote requested" in listing
    client.force_login(coordinator)
    page = client.get(detail).content.decode()
    assert "Quote requested on" in page
    assert "Issue a quote" in page


def test_asking_a_quote_is_a_post(client, need, buyer):
    client.force_login(buyer)
    assert client.get(reverse("needs:request_quote", args=[need.pk])).status_code == 405


def test_a_priced_need_cannot_be_submitted_again(client, school, buyer):
    priced = MissionFactory(buyer=school, fixed=True, state="priced")
    client.force_login(buyer)
    response = client.post(en(reverse("needs:request_quote", args=[priced.pk])))
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "A quote is asked for a draft need only; this one is “Priced (quote issued)”."
    ]
    priced.refresh_from_db()
    assert priced.quote_requested_at is None


EXPECTED = {
    "buyer_member": 200,
    "coordinator": 403,
    "union_rep": 403,
    "trainer": 403,
    "worker": 403,
    "other_buyer": 404,
    "other_coordinator": 403,
    "stranger": 403,
}


@pytest.mark.parametrize("page", ["needs:edit", "needs:duplicate"])
@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_who_may_open_the_edit_and_copy_forms(client, people, need, role, page):
    client.force_login(people[role])
    assert client.get(reverse(page, args=[need.pk])).status_code == EXPECTED[role]


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_who_may_ask_for_a_quote(client, people, need, role):
    client.force_login(people[role])
    response = client.post(reverse("needs:request_quote", args=[need.pk]))
    assert response.status_code == (302 if role == "buyer_member" else EXPECTED[role])
    need.refresh_from_db()
    assert (need.quote_requested_at is not None) == (role == "buyer_member")


def test_the_buyers_list_stays_within_a_query_budget(
    client, school, buyer, django_assert_max_num_queries
):
    for _ in range(8):
        MissionFactory(buyer=school, fixed=True, quote_requested_at="2026-10-01T10:00:00Z")
    client.force_login(buyer)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("needs:list")).status_code == 200


@pytest.mark.parametrize(
    ("state", "offered"),
    [("draft", False), ("accepted", True), ("planned", True), ("running", True), ("done", False)],
)
def test_the_need_page_offers_its_buyer_to_cancel_a_need_under_way(
    client, school, buyer, coordinator, state, offered
):
    mission = MissionFactory(buyer=school, fixed=True, state=state)
    link = reverse("absences:cancel_need", args=[mission.pk])
    client.force_login(buyer)
    assert (
        link in client.get(reverse("needs:detail", args=[mission.pk])).content.decode()
    ) is offered
    client.force_login(coordinator)  # sees the need, cancels nothing: the buyer decides
    assert link not in client.get(reverse("needs:detail", args=[mission.pk])).content.decode()
