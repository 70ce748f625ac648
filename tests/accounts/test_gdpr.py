"""Export and erasure: every field of the register exported; after erasure, no text or JSON
column of the database names the person outside the records kept by law."""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.db import models

from maillage.accounts import gdpr
from maillage.accounts.models import ErasureRequest
from maillage.accounts.register import REGISTER
from maillage.consolidation.models import PlanAssignment
from maillage.core.immutability import rewrites_allowed
from maillage.missions.models import MissionTransition
from maillage.people.models import AvailabilityWindow, Membership, User, WorkerProfile
from maillage.skills.models import WorkerSkill
from tests import scenarios
from tests.factories import NotificationFactory, UserFactory, WorkerProfileFactory
from tests.factories.skills import SkillEvidenceFactory

pytestmark = [pytest.mark.django_db]

NAME = ("Hélène", "Zwyrtkowska")
EMAIL = "helene.zwyrtkowska@example.org"


def _name(profile: WorkerProfile) -> User:
    User.objects.filter(pk=profile.user_id).update(
        first_name=NAME[0], last_name=NAME[1], email=EMAIL, phone="0611223344"
    )
    return User.objects.get(pk=profile.user_id)


def _kept_fields() -> set[tuple[str, str]]:
    return {(label, f) for label, entry in REGISTER.items() for f in entry.kept}


def _mentions(needles: list[str]) -> list[tuple[str, str, int]]:
    """Every (model, field, pk) whose text or JSON holds one of the needles."""
    found = []
    lowered = [n.lower() for n in needles]
    kept = _kept_fields()
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        for f in fields:
            if (model._meta.label, f.name) in kept:
                continue
            for pk, value in model._default_manager.values_list("pk", f.attname):
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                if any(n in (text or "").lower() for n in lowered):
                    found.append((model._meta.label, f.name, pk))
    return found


def test_the_export_holds_every_registered_record_of_the_person(territory):
    profile = WorkerProfileFactory(territory=territory, qualified=True, bio="Ancienne libraire")
    user = _name(profile)
    SkillEvidenceFactory(worker_skill=profile.skills.get(), comment="Atelier à la médiathèque")
    data = json.loads(gdpr.export_json(user))
    records = data["records"]
    assert records["people.User"][0]["email"] == EMAIL
    assert "password" not in records["people.User"][0]
    assert records["people.WorkerProfile"][0]["bio"] == "Ancienne libraire"
    assert len(records["people.AvailabilityWindow"]) == 2
    assert records["skills.SkillEvidence"][0]["comment"] == "Atelier à la médiathèque"
    assert [m["role"] for m in records["people.Membership"]] == ["worker"]


def test_erasure_leaves_no_trace_of_the_person_outside_the_kept_records(
    world, django_capture_on_commit_callbacks
):
    profile = world.workers.order_by("pk").first()
    user = _name(profile)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    version = scenarios.plan(world, django_capture_on_commit_callbacks)
    # The person named in free text and JSON across the platform.
    NotificationFactory(params={"worker": "Hélène Zwyrtkowska", "contact": EMAIL})
    NotificationFactory(recipient=user)
    SkillEvidenceFactory(
        worker_skill=WorkerSkill.objects.filter(worker=profile).first()
        or SkillEvidenceFactory().worker_skill,
        comment="Vu par Zwyrtkowska Hélène",
    )
    assignment = PlanAssignment.objects.filter(version=version).first()
    with rewrites_allowed():
        PlanAssignment.objects.filter(pk=assignment.pk).update(
            explanation={**assignment.explanation, "note": f"{NAME[0]} {NAME[1]} habite près"}
        )
        MissionTransition.objects.create(
            mission=assignment.mission,
            from_state="planned",
            to_state="planned",
            reason=f"Appel de {EMAIL}",
        )
    needles = [EMAIL, f"{NAME[0]} {NAME[1]}", NAME[1], "0611223344"]
    assert _mentions(needles)  # the search finds them before

    request = gdpr.erase_person(user=user)

    assert _mentions(needles) == []
    user.refresh_from_db()
    assert (user.email, user.first_name, user.is_active, user.has_usable_password()) == (
        f"erased-{user.pk}@erased.invalid",
        "",
        False,
        False,
    )
    assert not Membership.objects.filter(user=user).exists()
    assert not AvailabilityWindow.objects.filter(worker=profile).exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert WorkerProfile.objects.get(pk=profile.pk).bio == ""
    assert PlanAssignment.objects.filter(worker=profile).exists()  # the plan keeps its shape
    assert request.done_at is not None
    assert request.report["pseudonymised"]["people.User"] == 1
    assert request.report["deleted"]["people.Membership"] == 1


def test_erasing_twice_changes_nothing_more(territory):
    user = _name(WorkerProfileFactory(territory=territory, qualified=True))
    first = gdpr.erase_person(user=user)
    second = gdpr.erase_person(user=user)
    assert second.pk == first.pk
    assert ErasureRequest.objects.filter(user=user).count() == 1


def test_an_erasure_that_fails_half_way_leaves_the_person_whole(territory, monkeypatch):
    user = _name(WorkerProfileFactory(territory=territory, qualified=True))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(gdpr, "erased_email", broken)
    with pytest.raises(RuntimeError):
        gdpr.erase_person(user=user)
    user.refresh_from_db()
    assert (user.email, user.last_name) == (EMAIL, NAME[1])
    assert Membership.objects.filter(user=user).exists()
    assert AvailabilityWindow.objects.filter(worker__user=user).count() == 2
    assert not ErasureRequest.objects.exists()


def test_another_person_is_untouched(territory):
    other = UserFactory(first_name="Paul", last_name="Durand")
    user = _name(WorkerProfileFactory(territory=territory, qualified=True))
    gdpr.erase_person(user=user)
    other.refresh_from_db()
    assert (other.first_name, other.last_name, other.is_active) == ("Paul", "Durand", True)
