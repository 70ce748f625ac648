"""The charter form: a floor below the SMIC is refused on the page; the founding charter is
issued by the coordinator; any later version becomes a proposal to the colleges' vote
(governance), never a charter in force at once."""

from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.governance.models import Proposal, ProposalState
from maillage.people.models import Role
from maillage.pricing.models import Charter
from tests.factories import member_with_role

pytestmark = pytest.mark.django_db


def test_the_form_refuses_a_floor_below_the_smic_and_writes_nothing(client, territory, coordinator):
    client.force_login(coordinator)
    url = reverse("pricing:charter_new", args=[territory.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    # starts_on stays as the form offers it: today (a new version cannot be back-dated)
    data["travel_time_paid"] = "on"
    data["floor_training_intermediate"] = "9.00"
    response = client.post(url, {k: ("" if v is None else v) for k, v in data.items()})
    assert response.status_code == 400
    assert "SMIC" in response.content.decode()
    assert Charter.objects.count() == 0
    assert Proposal.objects.count() == 0


def test_the_founding_charter_is_issued_by_the_coordinator(client, territory, coordinator):
    client.force_login(coordinator)
    url = reverse("pricing:charter_new", args=[territory.pk])
    page = client.get(url)
    assert page.context["founding"] is True
    data = {name: page.context["form"][name].value() for name in page.context["form"].fields}

    response = client.post(url, {k: ("" if v is None else v) for k, v in data.items()})

    charter = Charter.objects.get()
    assert response.url == reverse("pricing:charter_version", args=[charter.pk])
    assert (charter.number, charter.cooperative_fee_rate) == (1, Decimal("0.0800"))
    assert Proposal.objects.count() == 0


def test_a_union_representative_cannot_issue_the_founding_charter(client, territory):
    client.force_login(member_with_role(Role.UNION_REP, territory))
    response = client.get(reverse("pricing:charter_new", args=[territory.pk]))
    assert response.status_code == 404


def test_the_form_proposes_a_version_to_the_vote(client, territory, charter, coordinator):
    client.force_login(coordinator)
    url = reverse("pricing:charter_new", args=[territory.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["floor_training_intermediate"] = "19.75"
    # starts_on stays as the form offers it: today (a new version cannot be back-dated)
    response = client.post(url, {k: ("" if v is None else v) for k, v in data.items()})
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("governance:proposal_detail", args=[proposal.pk])
    assert (proposal.kind, proposal.state, proposal.created_by) == (
        "charter",
        ProposalState.DRAFT,
        coordinator,
    )
    assert proposal.changes_pay_floors is True
    assert proposal.change["floors"] == {"training:intermediate": "19.75"}
    assert Charter.objects.count() == 1  # nothing new in force before the vote


def test_a_union_representative_proposes_a_change_too(client, territory, charter):
    union_rep = member_with_role(Role.UNION_REP, territory)
    client.force_login(union_rep)
    assert client.get(reverse("pricing:charter_overview")).status_code == 200
    assert client.get(reverse("pricing:charter_version", args=[charter.pk])).status_code == 200
    url = reverse("pricing:charter_new", args=[territory.pk])
    data = _posted(client.get(url).context["form"])
    data["floor_training_intermediate"] = "18.50"
    response = client.post(url, data)
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert proposal.created_by == union_rep
    assert proposal.changes_pay_floors is True
    assert proposal.change["floors"] == {"training:intermediate": "18.50"}
    assert Charter.objects.count() == 1


def test_the_form_refuses_a_back_dated_version_and_writes_nothing(client, territory, coordinator):
    client.force_login(coordinator)
    url = reverse("pricing:charter_new", args=[territory.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["starts_on"] = "2016-01-01"
    response = client.post("/en" + url[3:], {k: ("" if v is None else v) for k, v in data.items()})
    assert response.status_code == 400
    assert response.context["form"].errors["starts_on"] == [
        "A new charter version cannot start before today."
    ]
    assert Charter.objects.count() == 0


def _posted(form) -> dict:
    values = {name: form[name].value() for name in form.fields}
    return {k: ("" if v is None else v) for k, v in values.items()}


def test_the_form_proposes_the_timesheet_and_cancellation_terms(
    client, territory, charter, coordinator
):
    client.force_login(coordinator)
    url = reverse("pricing:charter_new", args=[territory.pk])
    data = _posted(client.get(url).context["form"])
    assert (
        data["timesheet_validation_days"],
        data["late_cancellation_hours"],
        data["need_cancellation_notice_days"],
    ) == (7, 48, 14)
    data.update(
        timesheet_validation_days="10",
        late_cancellation_hours="24",
        need_cancellation_notice_days="30",
    )
    response = client.post(url, data)
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    # Only what differs from the version in force, and the start date.
    assert proposal.change == {
        "starts_on": data["starts_on"].isoformat(),
        "timesheet_validation_days": 10,
        "late_cancellation_hours": 24,
        "need_cancellation_notice_days": 30,
    }
    assert proposal.changes_pay_floors is False
    page = client.get("/en" + reverse("governance:proposal_detail", args=[proposal.pk])[3:])
    assert page.status_code == 200
    assert "&quot;need_cancellation_notice_days&quot;: 30" in page.content.decode()


def test_a_proposal_changes_nothing_in_force_before_its_vote(
    client, territory, charter, coordinator
):
    client.force_login(coordinator)
    url = reverse("pricing:charter_new", args=[territory.pk])
    data = _posted(client.get(url).context["form"])
    data.update(timesheet_validation_days="12", late_cancellation_hours="0")
    assert client.post(url, data).status_code == 302
    form = client.get(url).context["form"]
    assert (form["timesheet_validation_days"].value(), form["late_cancellation_hours"].value()) == (
        7,
        48,
    )
    assert Charter.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("timesheet_validation_days", "0", "Ensure this value is greater than or equal to 1."),
        ("timesheet_validation_days", "61", "Ensure this value is less than or equal to 60."),
        ("late_cancellation_hours", "337", "Ensure this value is less than or equal to 336."),
        ("late_cancellation_hours", "-1", "Ensure this value is greater than or equal to 0."),
        ("need_cancellation_notice_days", "91", "Ensure this value is less than or equal to 90."),
        ("need_cancellation_notice_days", "", "This field is required."),
        ("need_cancellation_notice_days", "two", "Enter a whole number."),
    ],
)
def test_the_form_refuses_terms_out_of_bounds_and_writes_nothing(
    client, territory, coordinator, field, value, message
):
    client.force_login(coordinator)
    url = "/en" + reverse("pricing:charter_new", args=[territory.pk])[3:]
    data = _posted(client.get(url).context["form"])
    data[field] = value
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert Charter.objects.count() == 0
    assert Proposal.objects.count() == 0
