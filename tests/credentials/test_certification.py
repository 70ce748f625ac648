"""Certifying a level: who may, up to which level, and the two-certifier rule from 5."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.credentials.models import (
    Certification,
    CertificationSignature,
    CertificationState,
    IssuedCredential,
)
from maillage.credentials.services import award_level, cancel_pending
from maillage.people.models import Role
from maillage.skills.models import SkillEvidence
from tests.factories import (
    TerritoryFactory,
    WorkerProfileFactory,
    WorkerSkillFactory,
    member_with_role,
)
from tests.factories.credentials import backed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
JUSTIFICATION = "Trois évaluations de missions au niveau 4."


@pytest.fixture
def held(territory):
    worker = WorkerProfileFactory(territory=territory, with_membership=True)
    return WorkerSkillFactory(worker=worker, level=3)


@pytest.fixture
def trainer(territory):
    return member_with_role(Role.TRAINER, territory)


def nothing_written():
    return (
        Certification.objects.count(),
        CertificationSignature.objects.count(),
        IssuedCredential.objects.count(),
    ) == (0, 0, 0)


def test_a_trainer_certifies_a_level_backed_by_evidence(held, trainer):
    backed(held, 4)
    certification = award_level(worker_skill=held, level=4, justification=JUSTIFICATION, by=trainer)
    held.refresh_from_db()
    assert certification.state == CertificationState.CERTIFIED
    assert (held.level, held.certified_level, held.status) == (4, 4, "certified")
    assert list(certification.signatures.values_list("certifier", "role", "justification")) == [
        (trainer.pk, "trainer", JUSTIFICATION)
    ]
    credential = IssuedCredential.objects.get()
    assert (credential.worker, credential.skill_id, credential.level) == (
        held.worker,
        held.skill_id,
        4,
    )
    assert list(certification.transitions.values_list("from_state", "to_state")) == [
        ("pending", "certified")
    ]


def test_a_certifier_cannot_certify_their_own_skill(held, territory):
    holder = held.worker.user
    from maillage.people.models import Membership

    Membership.objects.create(user=holder, role=Role.TRAINER, territory=territory)
    backed(held, 4)
    with pytest.raises(PermissionDenied, match=r"You cannot certify your own skill\."):
        award_level(worker_skill=held, level=4, justification=JUSTIFICATION, by=holder)
    assert nothing_written()
    held.refresh_from_db()
    assert held.certified_level is None


def test_a_level_above_the_evidence_is_refused(held, trainer):
    backed(held, 3)
    with pytest.raises(ValidationError) as error:
        award_level(worker_skill=held, level=4, justification=JUSTIFICATION, by=trainer)
    assert error.value.message_dict == {"level": ["The evidence shows level 3 at most."]}
    assert nothing_written()


def test_self_assessment_alone_backs_nothing(held, trainer):
    backed(held, 6, kind=SkillEvidence.Kind.SELF_ASSESSMENT)
    with pytest.raises(ValidationError) as error:
        award_level(worker_skill=held, level=2, justification=JUSTIFICATION, by=trainer)
    assert error.value.message_dict == {
        "level": ["No evidence beyond self-assessment backs this skill yet."]
    }
    assert nothing_written()


def test_a_justification_is_required(held, trainer):
    backed(held, 3)
    with pytest.raises(ValidationError) as error:
        award_level(worker_skill=held, level=3, justification="  ", by=trainer)
    assert error.value.message_dict == {"justification": ["Write why this level is awarded."]}
    assert nothing_written()


@pytest.mark.parametrize("who", ["other_coordinator", "buyer_member", "worker", "stranger"])
def test_only_certifiers_of_the_territory_certify(held, people, who):
    backed(held, 3)
    with pytest.raises(PermissionDenied):
        award_level(worker_skill=held, level=3, justification=JUSTIFICATION, by=people[who])
    assert nothing_written()


def test_level_five_needs_two_distinct_certifiers(held, trainer, coordinator):
    backed(held, 6)
    first = award_level(worker_skill=held, level=5, justification=JUSTIFICATION, by=trainer)
    held.refresh_from_db()
    assert first.state == CertificationState.PENDING
    assert held.certified_level is None
    assert IssuedCredential.objects.count() == 0

    with pytest.raises(ValidationError) as error:
        award_level(worker_skill=held, level=5, justification=JUSTIFICATION, by=trainer)
    assert error.value.messages == ["You already awarded this level: a second certifier confirms."]
    with pytest.raises(ValidationError) as error:
        award_level(worker_skill=held, level=6, justification=JUSTIFICATION, by=coordinator)
    assert error.value.messages == [
        "Level 5 awaits a second certifier: confirm it, or ask a coordinator to cancel it."
    ]
    assert CertificationSignature.objects.count() == 1

    second = award_level(worker_skill=held, level=5, justification="Confirmé.", by=coordinator)
    held.refresh_from_db()
    assert second.pk == first.pk
    assert second.state == CertificationState.CERTIFIED
    assert (held.level, held.certified_level) == (5, 5)
    assert IssuedCredential.objects.get().level == 5


def test_a_coordinator_cancels_a_pending_level(held, trainer, coordinator):
    backed(held, 5)
    pending = award_level(worker_skill=held, level=5, justification=JUSTIFICATION, by=trainer)
    cancel_pending(certification=pending, by=coordinator, reason="Erreur de niveau")
    pending.refresh_from_db()
    assert pending.state == CertificationState.CANCELLED
    with pytest.raises(PermissionDenied):
        cancel_pending(certification=pending, by=trainer, reason="")


def test_a_new_level_supersedes_the_earlier_credential(held, trainer):
    backed(held, 4)
    award_level(worker_skill=held, level=3, justification=JUSTIFICATION, by=trainer)
    award_level(worker_skill=held, level=4, justification=JUSTIFICATION, by=trainer)
    assert list(
        IssuedCredential.objects.order_by("pk").values_list("level", "revocation_reason")
    ) == [(3, "superseded by a newer certification"), (4, None)]


def test_another_territory_s_trainer_is_refused(held):
    other = member_with_role(Role.TRAINER, TerritoryFactory())
    backed(held, 3)
    with pytest.raises(PermissionDenied):
        award_level(worker_skill=held, level=3, justification=JUSTIFICATION, by=other)
    assert nothing_written()


def test_the_worker_is_told_when_a_level_is_certified(
    held, trainer, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    from maillage.notifications.models import Notification
    from tests.factories.notifications import verified

    verified(held.worker.user)
    backed(held, 6)
    with django_capture_on_commit_callbacks(execute=True):
        award_level(worker_skill=held, level=5, justification=JUSTIFICATION, by=trainer)
    assert Notification.objects.count() == 0  # one signature of two: nothing certified yet
    with django_capture_on_commit_callbacks(execute=True):
        award_level(worker_skill=held, level=5, justification="Confirmé.", by=coordinator)
    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind, notification.url) == (
        held.worker.user,
        "skill_certified",
        "/en/credentials/mine/",
    )
    assert notification.params == {"skill": held.skill.name_fr, "level": 5}
    assert [m.to for m in mailoutbox] == [[held.worker.user.email]]
    # The email speaks the recipient's language (French unless they chose English).
    assert mailoutbox[0].subject == f"« {held.skill.name_fr} » certifiée au niveau 5"
