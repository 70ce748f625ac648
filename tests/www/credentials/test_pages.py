"""The credentials pages: the public issuer, status list and verification; the worker's
skills, badge download and certificate; the buyer's evaluations; the certifier's award."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from maillage.credentials.models import Certification, IssuedCredential
from maillage.skills.models import SkillEvidence
from tests.factories import (
    MissionFactory,
    OrganisationFactory,
    WorkerProfileFactory,
    buyer_member,
)
from tests.factories.credentials import certified, worked
from tests.www.test_form_fuzz import post_as_every_role, values

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def badge(worker, people):
    certified(worker.skills.get(), 4, people["trainer"])
    return IssuedCredential.objects.get()


@pytest.fixture
def finished(school, worker):
    mission = MissionFactory(buyer=school, fixed=True, state="running")
    worked(worker, mission, timezone.localdate() - dt.timedelta(days=2))
    return mission


def test_public_pages_answer_anonymous_visitors(client, badge):
    assert client.get("/en/credentials/issuer/").status_code == 200
    profile = client.get("/en/credentials/issuer.json").json()
    assert profile["id"] == "https://maillage.example/fr/credentials/issuer.json"
    assert [k["kid"] for k in profile["jwks"]["keys"]] == [badge.key_id]
    assert profile["verificationMethod"][0]["publicKeyMultibase"].startswith("z6Mk")
    page = client.get(f"/en/credentials/c/{badge.public_id}/")
    assert page.status_code == 200
    assert 'data-status="valid"' in page.content.decode()
    assert (
        client.get(f"/en/credentials/c/{badge.public_id}/?format=json").json()["status"] == "valid"
    )
    assert (
        client.get(f"/en/credentials/c/{badge.public_id}.json").json()["id"].endswith(badge.token)
    )
    assert client.get("/en/credentials/c/not-a-uuid/").status_code == 404
    assert client.get("/en/credentials/achievements/web-upkeep/3/").json()["type"] == [
        "Achievement"
    ]
    assert client.get("/en/credentials/achievements/web-upkeep/9/").status_code == 404


def test_the_verification_page_and_endpoint(client, badge):
    assert client.get("/en/credentials/verify/").status_code == 200
    answer = client.post("/en/credentials/verify/", {"credential": badge.token})
    assert 'data-status="valid"' in answer.content.decode()
    upload = SimpleUploadedFile(
        "badge.json", json.dumps({"id": "data:application/vc+jwt," + badge.token}).encode()
    )
    answer = client.post("/en/credentials/verify/", {"file": upload})
    assert 'data-status="valid"' in answer.content.decode()
    tampered = badge.token[:-2] + ("A" if badge.token[-2] != "A" else "B") + badge.token[-1]
    verdict = client.post("/en/credentials/verify.json", tampered, content_type="text/plain").json()
    assert (verdict["status"], verdict["valid"]) == ("invalid_signature", False)
    verdict = client.post(
        "/en/credentials/verify.json", badge.token, content_type="text/plain"
    ).json()
    assert (verdict["status"], verdict["valid"]) == ("valid", True)
    garbage = client.post(
        "/en/credentials/verify.json", b"\xff\xfe", content_type="text/plain"
    ).json()
    assert garbage["status"] == "malformed"


def test_the_worker_sees_skills_and_downloads_their_badge(client, worker, badge, people):
    client.force_login(worker.user)
    page = client.get("/en/credentials/mine/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Level in use: 4 (certified)" in html
    assert "Mission evaluation" in html
    download = client.get(f"/en/credentials/mine/{badge.public_id}/download/")
    assert (
        download["Content-Disposition"] == 'attachment; filename="badge-workshop-children-4.json"'
    )
    assert json.loads(download.content)["id"] == "data:application/vc+jwt," + badge.token
    other = WorkerProfileFactory(territory=worker.territory, with_membership=True)
    client.force_login(other.user)
    assert client.get(f"/en/credentials/mine/{badge.public_id}/download/").status_code == 404


def test_a_certificate_is_uploaded_and_served_only_to_the_allowed(client, worker, people):
    client.force_login(worker.user)
    held = worker.skills.get()
    response = client.post(
        "/en/credentials/mine/certificate/",
        {
            "worker_skill": held.pk,
            "level": 3,
            "detail": "Pix",
            "document": SimpleUploadedFile("p.pdf", PDF),
        },
    )
    assert response.status_code == 302
    evidence = SkillEvidence.objects.get(kind="certificate")
    url = reverse("credentials:evidence_document", args=[evidence.pk])
    served = client.get(url)
    assert b"".join(served.streaming_content) == PDF
    assert served["Content-Type"] == "application/pdf"
    for who, status in (
        ("trainer", 200),
        ("coordinator", 200),
        ("other_coordinator", 404),
        ("buyer_member", 404),
        ("stranger", 404),
    ):
        client.force_login(people[who])
        response = client.get(url)
        # Read to the end: the test client then closes the file (a response's own close()
        # would also close the test's database connection, as a server's request end does).
        if response.streaming:
            assert b"".join(response.streaming_content) == PDF
        assert response.status_code == status, who
    client.force_login(worker.user)
    bad = client.post(
        "/en/credentials/mine/certificate/",
        {
            "worker_skill": held.pk,
            "level": 3,
            "detail": "Pix",
            "document": SimpleUploadedFile("p.pdf", b"MZ\x90\x00"),
        },
    )
    assert bad.status_code == 400
    assert "Send a PDF, PNG or JPEG file." in bad.content.decode()
    assert SkillEvidence.objects.filter(kind="certificate").count() == 1


def test_the_buyer_evaluates_a_finished_mission(
    client, buyer, worker, finished, django_assert_max_num_queries
):
    client.force_login(buyer)
    with django_assert_max_num_queries(25):
        page = client.get("/en/credentials/evaluations/")
    assert finished.title in page.content.decode()
    url = f"/en/credentials/evaluations/{finished.pk}/{worker.pk}/"
    prefix = f"m{finished.pk}w{worker.pk}-"
    response = client.post(
        url,
        {prefix + "skill": "workshop-children", prefix + "level": 3, prefix + "comment": "Bien"},
    )
    assert response.status_code == 302
    assert list(
        SkillEvidence.objects.filter(kind="mission_evaluation").values_list("level", "recorded_by")
    ) == [(3, buyer.pk)]


def test_another_buyer_cannot_evaluate(client, worker, finished, territory):
    neighbour = buyer_member(OrganisationFactory(territory=territory))
    client.force_login(neighbour)
    url = f"/en/credentials/evaluations/{finished.pk}/{worker.pk}/"
    prefix = f"m{finished.pk}w{worker.pk}-"
    assert (
        client.post(url, {prefix + "skill": "workshop-children", prefix + "level": 3}).status_code
        == 404
    )
    assert finished.title not in client.get("/en/credentials/evaluations/").content.decode()
    assert SkillEvidence.objects.filter(kind="mission_evaluation").count() == 0


def test_a_certifier_awards_a_level_and_others_are_refused(client, worker, people):
    held = worker.skills.get()
    SkillEvidence.objects.create(
        worker_skill=held, kind="mission_evaluation", level=4, issued_on=dt.date(2026, 11, 3)
    )
    url = f"/en/credentials/certify/{held.pk}/"
    for who in ("other_coordinator", "buyer_member", "worker", "stranger", "union_rep"):
        client.force_login(people[who])
        assert client.get(url).status_code in (403, 404), who
        client.post(url, {"level": 4, "justification": "x"})
    assert Certification.objects.count() == 0
    client.force_login(people["trainer"])
    assert client.get("/en/credentials/certify/").status_code == 200
    too_high = client.post(url, {"level": 5, "justification": "Très bon."})
    assert too_high.status_code == 400
    assert "The evidence shows level 4 at most." in too_high.content.decode()
    assert client.post(url, {"level": 4, "justification": "Très bon."}).status_code == 302
    held.refresh_from_db()
    assert held.certified_level == 4


def test_who_sees_a_worker_s_skills(client, worker, badge, people, finished):
    url = f"/en/credentials/workers/{worker.pk}/"
    client.force_login(people["coordinator"])
    page = client.get(url).content.decode()
    assert "Mission evaluation" in page and "Revoke" in page
    client.force_login(people["buyer_member"])
    page = client.get(url)
    assert page.status_code == 200
    assert "Mission evaluation" not in page.content.decode()
    assert "4" in page.content.decode()
    for who in ("other_buyer", "other_coordinator"):
        client.force_login(people[who])
        assert client.get(url).status_code in (403, 404), who


def test_a_coordinator_revokes_and_the_public_page_says_so(client, badge, people):
    client.force_login(people["other_coordinator"])
    assert (
        client.post(f"/en/credentials/revoke/{badge.public_id}/", {"reason": "x"}).status_code
        == 404
    )
    client.force_login(people["coordinator"])
    client.post(f"/en/credentials/revoke/{badge.public_id}/", {"reason": "Fraude"})
    badge.refresh_from_db()
    assert badge.revocation_reason == "Fraude"
    client.logout()
    page = client.get(f"/en/credentials/c/{badge.public_id}/").content.decode()
    assert 'data-status="revoked"' in page and "Fraude" in page


@pytest.mark.parametrize(
    "route",
    [
        "credentials:verify",
        "credentials:attach",
        "credentials:evaluations",
        "credentials:certify_home",
    ],
)
def test_forms_never_fail_with_a_server_error(client, people, route, worker, finished):
    from hypothesis import strategies as st

    names = [
        "credential",
        "worker_skill",
        "level",
        "detail",
        "comment",
        "justification",
        "reason",
        "skill",
    ]
    post_as_every_role(
        client,
        url=reverse(route),
        users=people,
        roles=("worker", "buyer_member", "coordinator", "trainer", "stranger"),
        strategy=st.dictionaries(st.sampled_from(names), values, max_size=5),
        examples=8,
    )


def test_a_coordinator_sets_the_trust_policy_of_a_skill(client, territory, people):
    from maillage.skills.models import SkillTrustPolicy

    url = f"/en/credentials/trust/{territory.slug}/"
    client.force_login(people["other_coordinator"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"skill": "web-upkeep", "trust": "certified"}).status_code == 404
    client.force_login(people["trainer"])
    assert client.get(url).status_code == 403
    assert SkillTrustPolicy.objects.count() == 0
    client.force_login(people["coordinator"])
    assert f'href="{url}"' in client.get("/en/credentials/certify/").content.decode()
    assert client.get(url).status_code == 200
    assert client.post(url, {"skill": "web-upkeep", "trust": "certified"}).status_code == 302
    assert list(SkillTrustPolicy.objects.values_list("skill__code", "trust")) == [
        ("web-upkeep", "certified")
    ]
    assert client.post(url, {"skill": "web-upkeep", "trust": "bogus"}).status_code == 400
    assert client.post(url, {"skill": "no-such-skill", "trust": "declared"}).status_code == 404
    assert SkillTrustPolicy.objects.get().trust == "certified"


def test_list_pages_query_counts(client, worker, badge, people, django_assert_max_num_queries):
    client.force_login(worker.user)
    with django_assert_max_num_queries(15):
        assert client.get("/en/credentials/mine/").status_code == 200
    client.force_login(people["trainer"])
    with django_assert_max_num_queries(12):
        assert client.get("/en/credentials/certify/").status_code == 200
    client.force_login(people["coordinator"])
    with django_assert_max_num_queries(15):
        assert client.get(f"/en/credentials/workers/{worker.pk}/").status_code == 200
