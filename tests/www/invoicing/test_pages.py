"""Invoicing pages: who sees what, the month's build and issue, the draft review, payments,
credits, downloads, the buyer's invoices and spending, references and group settings."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from maillage.core.idempotency import new_token
from maillage.invoicing.models import Invoice, InvoiceDraft, Payment, PublicReference
from maillage.invoicing.services import build_drafts, issue_month
from maillage.people.models import BuyerGroup, Membership, Role
from tests.factories import UserFactory
from tests.factories.invoicing import ISSUE_DAY, NOVEMBER, november

MONTH = "2026-11"


@pytest.fixture
def world(territory, charter, coordinator, people):
    world = november(territory)
    world.coordinator = coordinator
    world.people = {**people, "buyer_member": world.school_buyer}
    return world


@pytest.fixture
def issued(world):
    build_drafts(territory=world.territory, month=NOVEMBER)
    invoices = issue_month(
        territory=world.territory, month=NOVEMBER, by=world.coordinator, today=ISSUE_DAY
    )
    world.invoice = next(i for i in invoices if i.buyer == world.school)
    world.town_hall_invoice = next(i for i in invoices if i.buyer == world.town_hall)
    return world


def month_url(world) -> str:
    return f"{reverse('invoicing:month')}?territory={world.territory.pk}&month={MONTH}"


def test_the_coordinator_builds_reviews_and_issues_the_month(client, world):
    client.force_login(world.coordinator)
    data = {"territory": world.territory.pk, "month": MONTH}

    response = client.post(reverse("invoicing:build"), data)
    assert response.status_code == 302
    assert InvoiceDraft.objects.count() == 2
    page = client.get(month_url(world))
    assert page.status_code == 200
    assert "École Jules Ferry" in page.content.decode()
    draft = InvoiceDraft.objects.get(buyer=world.school)
    review = client.get(reverse("invoicing:draft", args=[draft.pk]))
    assert review.status_code == 200
    assert "Atelier numérique" in review.content.decode()

    response = client.post(reverse("invoicing:issue", args=[draft.pk]))
    invoice = Invoice.objects.get(buyer=world.school)
    assert response.status_code == 302
    assert response["Location"] == reverse("invoicing:invoice", args=[invoice.pk])
    # A second click finds the draft gone and issues nothing more.
    assert client.post(reverse("invoicing:issue", args=[draft.pk])).status_code == 302
    response = client.post(reverse("invoicing:issue_all"), data)
    assert response.status_code == 302
    assert sorted(Invoice.objects.values_list("number", flat=True)) == [
        "F2026-00001",
        "F2026-00002",
    ]


def test_the_month_page_says_what_awaits_validation(client, territory, charter, coordinator):
    november(territory, validate=False)
    client.force_login(coordinator)
    client.post(reverse("invoicing:build"), {"territory": territory.pk, "month": MONTH})
    page = client.get(f"{reverse('invoicing:month')}?territory={territory.pk}&month={MONTH}")
    assert page.status_code == 200
    messages = [str(m) for m in page.context["messages"]]
    assert any("8" in m for m in messages), messages


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("buyer_member", 403),
        ("worker", 403),
        ("other_coordinator", 404),
        ("stranger", 403),
    ],
)
def test_who_may_open_the_month(client, world, role, status):
    client.force_login(world.people[role] if role != "coordinator" else world.coordinator)
    assert client.get(month_url(world)).status_code == status


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "1969-12"])
def test_a_month_out_of_reach_is_not_found(client, world, month):
    """0001-01 and 9999-12 used to link to a month before or after them that does not exist."""
    client.force_login(world.coordinator)
    url = f"{reverse('invoicing:month')}?territory={world.territory.pk}&month={month}"
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("buyer_member", 200),
        ("other_buyer", 404),
        ("other_coordinator", 404),
        ("stranger", 403),
        ("worker", 403),
    ],
)
def test_who_may_read_and_download_an_invoice(client, issued, role, status):
    user = issued.coordinator if role == "coordinator" else issued.people[role]
    client.force_login(user)
    assert client.get(reverse("invoicing:invoice", args=[issued.invoice.pk])).status_code == status
    response = client.get(reverse("invoicing:pdf", args=[issued.invoice.pk]))
    assert response.status_code == status
    if status == 200:
        reader = PdfReader(io.BytesIO(response.content))
        assert list(reader.attachments) == ["factur-x.xml"]
        assert response["Content-Disposition"] == 'attachment; filename="F2026-00002.pdf"' or (
            response["Content-Disposition"] == 'attachment; filename="F2026-00001.pdf"'
        )


def test_a_buyer_sees_their_invoices_and_spending_only(
    client, issued, django_assert_max_num_queries
):
    client.force_login(issued.school_buyer)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("invoicing:mine"))
    assert page.status_code == 200
    body = page.content.decode()
    assert issued.invoice.number in body
    assert issued.town_hall_invoice.number not in body
    assert page.context["spending"] == [(NOVEMBER, issued.invoice.total_incl_tax)]
    # The town hall's invoice is not theirs: not found.
    response = client.get(reverse("invoicing:invoice", args=[issued.town_hall_invoice.pk]))
    assert response.status_code == 404


def test_payment_and_credit_pages(client, issued):
    client.force_login(issued.coordinator)
    url = reverse("invoicing:payment", args=[issued.invoice.pk])
    token = new_token()
    data = {
        "amount": "10.00",
        "received_on": "2026-12-10",
        "reference": "VIR",
        "idempotency_key": token,
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # the same click again
    assert list(Payment.objects.values_list("amount", flat=True)) == [Decimal("10.00")]
    too_much = {**data, "amount": "99999.00", "idempotency_key": new_token()}
    assert client.post(url, too_much).status_code == 302
    assert Payment.objects.count() == 1

    response = client.post(
        reverse("invoicing:credit", args=[issued.invoice.pk]),
        {"reason": "Erreur de prix", "idempotency_key": new_token()},
    )
    assert response.status_code == 302
    credit = Invoice.objects.get(kind="credit_note")
    assert credit.corrects == issued.invoice
    page = client.get(reverse("invoicing:invoice", args=[issued.invoice.pk]))
    assert credit.number in page.content.decode()


@pytest.mark.parametrize("role", ["buyer_member", "other_coordinator", "stranger"])
def test_only_the_coordinator_records_payments_and_credits(client, issued, role):
    client.force_login(issued.people[role])
    data = {"amount": "10.00", "received_on": "2026-12-10"}
    response = client.post(reverse("invoicing:payment", args=[issued.invoice.pk]), data)
    assert response.status_code in {403, 404} and response.status_code == (
        403 if role != "other_coordinator" else 404
    )
    client.post(reverse("invoicing:credit", args=[issued.invoice.pk]), {"reason": "x"})
    assert not Payment.objects.exists()
    assert not Invoice.objects.filter(kind="credit_note").exists()


def test_overdue_page(client, issued, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a: ISSUE_DAY + dt.timedelta(days=40)
    )
    client.force_login(issued.coordinator)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("invoicing:overdue"))
    assert page.status_code == 200
    assert issued.invoice.number in page.content.decode()


def test_the_public_buyer_gives_its_references(client, world):
    client.force_login(world.town_hall_buyer)
    url = reverse("invoicing:references", args=[world.help_desk.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"service_code": "DSI", "commitment_number": "EJ-9"})
    assert response.status_code == 302
    reference = PublicReference.objects.get(mission=world.help_desk)
    assert (reference.service_code, reference.commitment_number) == ("DSI", "EJ-9")
    assert client.post(url, {"service_code": "x" * 101}).status_code == 400
    client.force_login(world.school_buyer)
    assert client.get(url).status_code == 404


def test_group_settings_page(client, world):
    group = BuyerGroup.objects.create(
        name="Groupement", kind=BuyerGroup.Kind.PURCHASING, territory=world.territory
    )
    group.members.add(world.school)
    manager = UserFactory()
    Membership.objects.create(user=manager, role=Role.GROUP_MANAGER, buyer_group=group)
    client.force_login(manager)
    url = reverse("invoicing:group", args=[group.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"mode": "single"}).status_code == 400
    assert client.post(url, {"mode": "single", "payer": world.school.pk}).status_code == 302
    assert group.invoicing.payer == world.school
    client.force_login(world.school_buyer)
    assert client.get(url).status_code == 403


def test_index_sends_each_role_to_its_page(client, world):
    client.force_login(world.coordinator)
    assert client.get(reverse("invoicing:index"))["Location"] == reverse("invoicing:month")
    client.force_login(world.school_buyer)
    assert client.get(reverse("invoicing:index"))["Location"] == reverse("invoicing:mine")


FIELD_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=90, max_size=3000),
    st.integers().map(str),
    st.dates().map(str),
    st.just("\x00"),
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "amount",
                "received_on",
                "reference",
                "reason",
                "service_code",
                "commitment_number",
                "mode",
                "payer",
                "territory",
                "month",
                "idempotency_key",
            ]
        ),
        FIELD_TEXT,
    )
)
def test_no_input_makes_a_server_error(client, issued, data):
    client.force_login(issued.coordinator)
    for url in (
        reverse("invoicing:payment", args=[issued.invoice.pk]),
        reverse("invoicing:credit", args=[issued.invoice.pk]),
        reverse("invoicing:references", args=[issued.help_desk.pk]),
        reverse("invoicing:build"),
        reverse("invoicing:issue_all"),
    ):
        response = client.post(url, data)
        assert response.status_code < 500
    response = client.get(
        reverse("invoicing:month"),
        {"month": data.get("month", ""), "territory": data.get("territory", "")},
    )
    assert response.status_code < 500


def test_a_public_buyer_finds_where_to_give_its_references(client, issued):
    client.force_login(issued.town_hall_buyer)
    page = client.get(reverse("invoicing:mine"))
    assert page.status_code == 200
    assert list(page.context["public_needs"]) == [issued.help_desk]
    assert reverse("invoicing:references", args=[issued.help_desk.pk]) in page.content.decode()
    client.force_login(issued.school_buyer)
    assert list(client.get(reverse("invoicing:mine")).context["public_needs"]) == []


def test_the_month_page_queries_stay_few(client, issued, django_assert_max_num_queries):
    build_drafts(territory=issued.territory, month=NOVEMBER)
    client.force_login(issued.coordinator)
    with django_assert_max_num_queries(14):
        page = client.get(month_url(issued))
    assert page.status_code == 200
    assert len(page.context["invoices"]) == 2


def test_the_chorus_pro_folder_downloads_as_a_zip(client, issued, people):
    import zipfile

    client.force_login(issued.coordinator)
    url = f"{reverse('invoicing:chorus')}?territory={issued.territory.pk}&month={MONTH}"
    response = client.get(url)
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert sorted(names) == sorted(
        ["index.csv", f"{issued.town_hall.siret}/{issued.town_hall_invoice.number}.pdf"]
    )
    client.force_login(people["other_coordinator"])
    assert client.get(url).status_code == 404
    client.force_login(issued.school_buyer)
    assert client.get(url).status_code == 403


def test_the_chorus_pro_index_keeps_a_buyers_reference_as_text(client, world):
    import csv
    import zipfile

    from maillage.invoicing.models import PublicReference

    PublicReference.objects.update(
        service_code='=HYPERLINK("http://evil.example")', commitment_number="EJ-2026-17"
    )
    build_drafts(territory=world.territory, month=NOVEMBER)
    issue_month(territory=world.territory, month=NOVEMBER, by=world.coordinator, today=ISSUE_DAY)
    client.force_login(world.coordinator)
    url = f"{reverse('invoicing:chorus')}?territory={world.territory.pk}&month={MONTH}"

    index = zipfile.ZipFile(io.BytesIO(client.get(url).content)).read("index.csv").decode()

    header, row = csv.reader(io.StringIO(index), delimiter=";")
    assert header[5:7] == ["service_code", "commitment_number"]
    assert row[5:7] == ['\'=HYPERLINK("http://evil.example")', "EJ-2026-17"]


def test_a_credit_reason_with_control_characters_is_data(client, issued):
    client.force_login(issued.coordinator)
    response = client.post(
        reverse("invoicing:credit", args=[issued.invoice.pk]),
        {"reason": "Erreur\x05 de\x1f prix", "idempotency_key": new_token()},
    )
    assert response.status_code == 302
    credit = Invoice.objects.get(kind="credit_note")
    assert client.get(reverse("invoicing:pdf", args=[credit.pk])).status_code == 200
