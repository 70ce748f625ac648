"""A create form posted twice with its token (a double click) creates one object: the second
post is sent to what the first created. One test per create form of the platform."""

import re

import pytest
from django.urls import reverse

from maillage.consolidation.models import ConsolidationRun
from maillage.core.idempotency import FIELD_NAME
from maillage.core.models import IdempotencyKey
from maillage.employment.models import ContractProposal
from maillage.gpec.models import GpecJob
from maillage.missions.models import Mission
from maillage.people.models import AvailabilityWindow
from maillage.pricing.models import Charter, Quote
from maillage.skills.models import Skill, SkillEvidence
from tests.www.needs.test_need_form import form_data as need_form_data

pytestmark = pytest.mark.django_db

TOKEN = "0123456789abcdef0123456789abcdef"


def token_in(page) -> str:
    """The token the page rendered in its create form."""
    found = re.search(rf'name="{FIELD_NAME}" value="([0-9a-f]{{32}})"', page.content.decode())
    assert found is not None
    return found.group(1)


def post_twice(client, url, data) -> tuple:
    first = client.post(url, {**data, FIELD_NAME: TOKEN})
    second = client.post(url, {**data, FIELD_NAME: TOKEN})
    return first, second


def test_a_need_posted_twice_is_created_once(client, school, buyer):
    client.force_login(buyer)
    token = token_in(client.get(reverse("needs:create")))
    url = reverse("needs:create")
    first = client.post(url, {**need_form_data(), FIELD_NAME: token})
    second = client.post(url, {**need_form_data(), FIELD_NAME: token})
    mission = Mission.objects.get()
    assert (first.status_code, first["Location"]) == (
        302,
        reverse("needs:detail", args=[mission.pk]),
    )
    assert (second.status_code, second["Location"]) == (302, first["Location"])
    assert IdempotencyKey.objects.get().object_id == mission.pk


def test_a_new_token_creates_a_new_need(client, school, buyer):
    client.force_login(buyer)
    url = reverse("needs:create")
    client.post(url, {**need_form_data(), FIELD_NAME: TOKEN})
    client.post(url, {**need_form_data(), FIELD_NAME: "f" * 32})
    assert Mission.objects.count() == 2


def test_a_refused_need_leaves_its_token_free_for_the_corrected_form(client, school, buyer):
    client.force_login(buyer)
    url = reverse("needs:create")
    refused = client.post(url, {**need_form_data(**{"slots-0-weekday": "6"}), FIELD_NAME: TOKEN})
    assert refused.status_code == 400
    assert token_in(refused) == TOKEN  # shown again with the same token
    assert IdempotencyKey.objects.count() == 0
    client.post(url, {**need_form_data(), FIELD_NAME: TOKEN})
    assert Mission.objects.count() == 1


def test_a_quote_issued_twice_is_issued_once(client, coordinator, charter, need):
    client.force_login(coordinator)
    url = reverse("pricing:quote_new", args=[need.pk])
    assert token_in(client.get(url))
    first, second = post_twice(client, url, {"hourly_gross": ""})
    quote = Quote.objects.get()
    assert (
        first["Location"] == second["Location"] == reverse("pricing:quote_detail", args=[quote.pk])
    )
    assert quote.state == "issued"


def test_a_charter_issued_twice_is_issued_once(client, territory, coordinator):
    client.force_login(coordinator)
    url = reverse("pricing:charter_new", args=[territory.pk])
    page = client.get(url)
    assert token_in(page)
    form = page.context["form"]
    data = {
        name: ("" if form[name].value() is None else form[name].value()) for name in form.fields
    }
    first, second = post_twice(client, url, data)
    charter = Charter.objects.get()
    assert (
        first["Location"]
        == second["Location"]
        == reverse("pricing:charter_version", args=[charter.pk])
    )


def test_a_contract_proposed_twice_is_proposed_once(
    client, territory, worker, charter, coordinator, publish_plan
):
    publish_plan(territory, worker, [24 * 60])
    client.force_login(coordinator)
    assert token_in(client.get(reverse("employment:contracts")))
    url = reverse("employment:contract_propose", args=[worker.pk])
    first, second = post_twice(client, url, {})
    proposal = ContractProposal.objects.get()
    assert (
        first["Location"]
        == second["Location"]
        == reverse("employment:contract_detail", args=[proposal.pk])
    )


def test_a_run_started_twice_is_started_once(client, territory, coordinator):
    client.force_login(coordinator)
    assert token_in(client.get(reverse("plans:list")))
    prefix = f"t{territory.pk}"
    data = {
        f"{prefix}-period_start": "2026-11-02",
        f"{prefix}-period_end": "2026-12-18",
        f"{prefix}-method": "engine",
        f"{prefix}-time_limit_seconds": "5",
    }
    first, second = post_twice(client, reverse("plans:run", args=[territory.pk]), data)
    run = ConsolidationRun.objects.get()
    assert first["Location"] == second["Location"] == reverse("plans:run_detail", args=[run.pk])


def test_a_gpec_job_started_twice_is_started_once(
    client, territory, worker, coordinator, publish_plan
):
    publish_plan(territory, worker, [6 * 60])
    client.force_login(coordinator)
    url = reverse("gpec:start_job", args=[territory.slug, "diagnosis"])
    first, second = post_twice(client, url, {})
    job = GpecJob.objects.get()
    assert first["Location"] == second["Location"] == reverse("gpec:job", args=[job.pk])


def test_an_availability_added_twice_is_added_once(client, worker):
    client.force_login(worker.user)
    assert token_in(client.get(reverse("workers:home")))
    data = {"weekday": "2", "start": "09:00", "end": "12:00"}
    first, second = post_twice(client, reverse("workers:add_availability"), data)
    assert first["Location"] == second["Location"] == reverse("workers:home")
    assert list(
        AvailabilityWindow.objects.filter(worker=worker).values_list(
            "weekday", "start_minute", "end_minute"
        )
    ) == [(2, 540, 720)]
    # Both posts are answered "added" (not "overlaps"): the second found the first's window.
    assert [str(m) for m in second.wsgi_request._messages] == ["Disponibilité ajoutée."] * 2


def test_a_skill_claimed_twice_is_claimed_once(client, worker):
    client.force_login(worker.user)
    skill = Skill.objects.get(code="web-upkeep")
    data = {"skill": str(skill.pk), "level": "3"}
    post_twice(client, reverse("workers:claim_skill"), data)
    claimed = worker.skills.get(skill=skill)
    assert SkillEvidence.objects.filter(worker_skill=claimed).count() == 1
