"""The economic model's pages: who sees them, the what-ifs, a new version, bad input."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.economics.defaults import LINE_FIELDS
from maillage.economics.models import Assumptions
from tests.factories.economics import HAND_LINES, assumptions
from tests.www.test_form_fuzz import Endpoint, data_for, post_as_every_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture(autouse=True)
def _october(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 10, 15))


@pytest.fixture
def seeded(territory, coordinator):
    return assumptions(territory, by=coordinator)


def _url(territory, **query):
    url = reverse("economics:model", args=[territory.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def valid_post(**changes):
    data = {name: str(value) for name, value in HAND_LINES.items()}
    data.update(effective_month="2026-10", funder_0="Département", grant_0="12000", note="")
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("union_rep", 200),
        ("worker", 403),
        ("buyer_member", 403),
        ("trainer", 403),
        ("other_coordinator", 404),
        ("stranger", 403),
    ],
)
def test_who_sees_the_model(client, people, seeded, role, status):
    client.force_login(people[role])
    assert client.get(_url(seeded.territory, phase="seed")).status_code == status


def test_anonymous_is_sent_to_sign_in(client, seeded):
    response = client.get(_url(seeded.territory))
    assert response.status_code == 302
    assert "/login" in response["Location"] or "login" in response["Location"]


def test_the_page_shows_the_figures_charts_and_what_if(client, coordinator, seeded):
    client.force_login(coordinator)
    response = client.get(_url(seeded.territory, phase="seed", fee_rate="0.25"))
    html = response.content.decode()
    result = response.context["model"].result
    assert response.context["what_if"].fee_per_billed_hour == D("12.67")
    assert f'<dd id="result">{result.result} €</dd>' in html
    assert html.count("<svg") == 2
    assert "New version of the assumptions" in html
    assert "Département: 12000.00 € a year" in html


def test_union_rep_cannot_issue_a_version(client, people, seeded):
    client.force_login(people["union_rep"])
    url = reverse("economics:new_version", args=[seeded.territory.slug, "seed"])
    assert client.get(url).status_code == 403
    assert client.post(url, valid_post(fee_rate="0.3")).status_code == 403
    assert Assumptions.objects.count() == 1


def test_other_coordinator_cannot_issue_a_version(client, people, seeded):
    client.force_login(people["other_coordinator"])
    url = reverse("economics:new_version", args=[seeded.territory.slug, "seed"])
    assert client.post(url, valid_post(fee_rate="0.3")).status_code == 404
    assert Assumptions.objects.count() == 1


def test_a_new_version_from_the_form_changes_the_break_even(client, coordinator, seeded):
    client.force_login(coordinator)
    url = reverse("economics:new_version", args=[seeded.territory.slug, "seed"])
    form = client.get(url)
    assert form.context["form"].initial["fee_rate"] == D("0.2000")
    data = valid_post(fee_rate="0.25", idempotency_key="a" * 32)
    response = client.post(url, data)
    assert response.status_code == 302
    client.post(url, data)  # a double click
    versions = list(Assumptions.objects.filter(territory=seeded.territory).order_by("number"))
    assert [(v.number, v.fee_rate) for v in versions] == [(1, D("0.2000")), (2, D("0.2500"))]
    page = client.get(response["Location"])
    assert page.context["model"].assumptions == versions[1]
    assert page.context["model"].result.fee_per_billed_hour == D("12.67")


def test_bad_input_is_refused_with_its_line(client, coordinator, seeded):
    client.force_login(coordinator)
    url = reverse("economics:new_version", args=[seeded.territory.slug, "seed"])
    response = client.post(
        url, valid_post(premises_monthly="-3", insurance_monthly="0", funder_0="", grant_0="")
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["premises_monthly"] == ["Ensure this value is greater than or equal to 0."]
    response = client.post(url, valid_post(insurance_monthly="0", funder_0="", grant_0=""))
    errors = response.context["form"].errors
    assert errors["insurance_monthly"] == ["This phase needs this line (more than 0)."]
    assert errors["__all__"] == ["This phase needs at least one grant line."]
    assert Assumptions.objects.count() == 1


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "2026-1", "<b>"])
def test_a_month_out_of_reach_shows_this_month(client, coordinator, seeded, month):
    """9999-12 used to reach a month after it that does not exist: a server error."""
    client.force_login(coordinator)
    response = client.get(_url(seeded.territory, phase="seed", month=month))
    assert response.status_code == 200
    assert response.context["month"] == dt.date(2026, 10, 1)


def test_a_version_from_a_month_out_of_reach_is_refused_on_its_field(client, coordinator, seeded):
    client.force_login(coordinator)
    url = reverse("economics:new_version", args=[seeded.territory.slug, "seed"])
    response = client.post(url, valid_post(effective_month="9999-12"))
    assert response.status_code == 400
    assert response.context["form"].errors["effective_month"] == [
        "Give a month between 1970 and 2199."
    ]
    assert Assumptions.objects.count() == 1


def test_the_page_reads_a_bounded_number_of_queries(
    client, coordinator, seeded, django_assert_max_num_queries
):
    client.force_login(coordinator)
    with django_assert_max_num_queries(140):
        client.get(_url(seeded.territory, phase="seed"))


def test_no_input_gets_a_server_error(client, people, seeded):
    endpoint = Endpoint(
        name="economics:new_version",
        args=(seeded.territory.slug, "seed"),
        fields=[*LINE_FIELDS, "effective_month", "note", "funder_0", "grant_0", "funder_1"],
        valid=valid_post(),
    )
    post_as_every_role(
        client,
        url=reverse(endpoint.name, args=endpoint.args),
        users=people,
        roles=("coordinator", "union_rep", "worker"),
        strategy=data_for(endpoint, [str(seeded.pk)]),
        examples=8,
    )
    post_as_every_role(
        client,
        url=_url(seeded.territory),
        users=people,
        roles=("coordinator",),
        strategy=data_for(
            Endpoint(
                name="",
                fields=["phase", "month", "fee_rate", "volume_percent", "share_at_24"],
                valid={"phase": "seed", "fee_rate": "0.1"},
            ),
            ["seed"],
        ),
        examples=8,
        method="get",
    )
