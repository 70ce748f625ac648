"""Evidence from real work: the buyer's evaluation, a peer's validation, a certificate."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from maillage.credentials.evidence import (
    attach_certificate,
    evaluate_mission_work,
    private_dir,
    validate_peer,
)
from maillage.execution.dates import PARIS
from maillage.skills.models import SkillEvidence
from tests.factories import (
    MissionFactory,
    OrganisationFactory,
    WorkerProfileFactory,
    buyer_member,
    member_with_role,
    skill,
)
from tests.factories.credentials import DAY, certified, worked

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
AFTER = dt.datetime(2026, 11, 30, 18, tzinfo=PARIS)
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.fixture
def team(territory, school, buyer):
    mission = MissionFactory(buyer=school, fixed=True, state="running")
    alice = WorkerProfileFactory(territory=territory, with_membership=True, with_skill=True)
    bruno = WorkerProfileFactory(territory=territory, with_membership=True, with_skill=True)
    worked(alice, mission)
    worked(bruno, mission)
    return mission, alice, bruno


def evaluations():
    return list(
        SkillEvidence.objects.filter(kind="mission_evaluation").values_list("level", "source")
    )


def test_the_buyer_evaluates_each_required_skill_once_a_month(team, buyer):
    mission, alice, _bruno = team
    evidence = evaluate_mission_work(
        mission=mission,
        worker=alice,
        skill=skill("workshop-children"),
        level=4,
        comment="Très bien préparé.",
        by=buyer,
        now=AFTER,
    )
    assert (evidence.kind, evidence.level, evidence.recorded_by, evidence.issued_on) == (
        "mission_evaluation",
        4,
        buyer,
        dt.date(2026, 11, 30),
    )
    assert evidence.comment == "Très bien préparé."
    assert evidence.source == f"mission:{mission.pk}:w{alice.pk}:2026-11:workshop-children"
    with pytest.raises(ValidationError) as error:
        evaluate_mission_work(
            mission=mission,
            worker=alice,
            skill=skill("workshop-children"),
            level=5,
            comment="",
            by=buyer,
            now=AFTER,
        )
    assert error.value.messages == [
        "You already evaluated this skill this month: the next evaluation is next month."
    ]
    evaluate_mission_work(
        mission=mission,
        worker=alice,
        skill=skill("workshop-children"),
        level=5,
        comment="",
        by=buyer,
        now=AFTER + dt.timedelta(days=1),
    )
    assert len(evaluations()) == 2


@pytest.mark.parametrize("who", ["other_buyer", "coordinator", "worker", "stranger", "trainer"])
def test_only_the_mission_s_buyer_evaluates(team, people, who):
    mission, alice, _bruno = team
    with pytest.raises(PermissionDenied):
        evaluate_mission_work(
            mission=mission,
            worker=alice,
            skill=skill("workshop-children"),
            level=4,
            comment="",
            by=people[who],
            now=AFTER,
        )
    assert evaluations() == []


def test_a_buyer_of_another_organisation_of_the_territory_is_refused(team, territory):
    mission, alice, _bruno = team
    neighbour = buyer_member(OrganisationFactory(territory=territory))
    with pytest.raises(PermissionDenied, match="Only the mission's buyer"):
        evaluate_mission_work(
            mission=mission,
            worker=alice,
            skill=skill("workshop-children"),
            level=4,
            comment="",
            by=neighbour,
            now=AFTER,
        )
    assert evaluations() == []


def test_a_skill_the_mission_did_not_require_or_work_not_done_is_refused(team, buyer, territory):
    mission, alice, _bruno = team
    with pytest.raises(ValidationError) as error:
        evaluate_mission_work(
            mission=mission,
            worker=alice,
            skill=skill("video"),
            level=4,
            comment="",
            by=buyer,
            now=AFTER,
        )
    assert error.value.message_dict == {"skill": ["The mission did not require this skill."]}
    stranger = WorkerProfileFactory(territory=territory, with_skill=True)
    with pytest.raises(ValidationError) as error:
        evaluate_mission_work(
            mission=mission,
            worker=stranger,
            skill=skill("workshop-children"),
            level=4,
            comment="",
            by=buyer,
            now=AFTER,
        )
    assert error.value.messages == ["This worker has not worked on this mission yet."]
    with pytest.raises(ValidationError):  # before the occurrence ended
        evaluate_mission_work(
            mission=mission,
            worker=alice,
            skill=skill("workshop-children"),
            level=4,
            comment="",
            by=buyer,
            now=dt.datetime(2026, 11, 3, 16, tzinfo=PARIS),
        )
    assert evaluations() == []


def test_a_certified_colleague_who_worked_beside_validates(team, territory):
    _mission, alice, bruno = team
    trainer = member_with_role("trainer", territory)
    alice_skill = alice.skills.get()
    bruno_skill = bruno.skills.get()
    certified(alice_skill, 4, trainer)
    evidence = validate_peer(
        worker_skill=bruno_skill,
        level=4,
        comment="Atelier mené ensemble.",
        by=alice.user,
        now=AFTER,
    )
    assert (evidence.kind, evidence.level, evidence.source, evidence.recorded_by) == (
        "peer_validation",
        4,
        f"peer:w{alice.pk}",
        alice.user,
    )
    with pytest.raises(ValidationError):
        validate_peer(worker_skill=bruno_skill, level=3, comment="", by=alice.user, now=AFTER)
    assert SkillEvidence.objects.filter(kind="peer_validation").count() == 1


def test_a_peer_above_their_certified_level_or_not_beside_is_refused(team, territory, school):
    mission, alice, bruno = team
    trainer = member_with_role("trainer", territory)
    certified(alice.skills.get(), 3, trainer)
    with pytest.raises(PermissionDenied, match="certified at this level or above"):
        validate_peer(
            worker_skill=bruno.skills.get(), level=4, comment="", by=alice.user, now=AFTER
        )
    # Chloé is certified but never worked on the same day as Bruno.
    chloe = WorkerProfileFactory(territory=territory, with_membership=True, with_skill=True)
    other = MissionFactory(buyer=school, fixed=True, state="running")
    worked(chloe, other)
    worked(chloe, mission, DAY + dt.timedelta(days=7))
    certified(chloe.skills.get(), 4, trainer)
    with pytest.raises(PermissionDenied, match="worked beside"):
        validate_peer(
            worker_skill=bruno.skills.get(), level=3, comment="", by=chloe.user, now=AFTER
        )
    with pytest.raises(PermissionDenied):  # nobody validates their own skill
        validate_peer(
            worker_skill=alice.skills.get(), level=3, comment="", by=alice.user, now=AFTER
        )
    assert SkillEvidence.objects.filter(kind="peer_validation").count() == 0


def test_a_worker_attaches_a_pdf_certificate_stored_privately(worker, settings):
    held = worker.skills.get()
    upload = SimpleUploadedFile("pix.pdf", PDF, content_type="application/pdf")
    evidence = attach_certificate(
        worker_skill=held,
        upload=upload,
        level=3,
        detail="Pix 380",
        by=worker.user,
        on=dt.date(2026, 10, 1),
    )
    assert (evidence.kind, evidence.level, evidence.detail, evidence.document_type) == (
        "certificate",
        3,
        "Pix 380",
        "application/pdf",
    )
    stored = private_dir() / evidence.document
    assert stored.read_bytes() == PDF
    assert str(settings.MAILLAGE_PRIVATE_FILES_DIR) in str(stored)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.pdf", b"<html>not a pdf</html>", "Send a PDF, PNG or JPEG file."),
        ("photo.png", b"GIF89a" + b"\0" * 20, "Send a PDF, PNG or JPEG file."),
        ("big.png", PNG + b"\0" * 2048, "The file is over 0.0 MB."),
    ],
)
def test_a_bad_or_large_file_is_refused_and_nothing_stored(
    worker, settings, name, content, message
):
    settings.MAILLAGE_CERTIFICATE_MAX_BYTES = 1024
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as error:
        attach_certificate(
            worker_skill=worker.skills.get(), upload=upload, level=3, detail="Pix", by=worker.user
        )
    assert error.value.message_dict == {"document": [message]}
    assert SkillEvidence.objects.count() == 0
    assert not (private_dir() / "certificates").exists() or not any(
        (private_dir() / "certificates").iterdir()
    )


def test_only_the_worker_attaches_to_their_skill(worker, people):
    upload = SimpleUploadedFile("pix.pdf", PDF)
    for who in ("coordinator", "trainer", "stranger"):
        with pytest.raises(PermissionDenied):
            attach_certificate(
                worker_skill=worker.skills.get(),
                upload=upload,
                level=3,
                detail="Pix",
                by=people[who],
            )
    assert SkillEvidence.objects.count() == 0
