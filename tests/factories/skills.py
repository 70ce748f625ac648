"""Skills of the referential (loaded by a migration), workers' skills and their evidence."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from maillage.skills.models import Skill, SkillEvidence, WorkerSkill
from tests.factories.people import WorkerProfileFactory


def skill(code: str) -> Skill:
    """A skill of the referential by its code (``workshop-children``, ``web-upkeep``...)."""
    return Skill.objects.get(code=code)


class SkillFactory(DjangoModelFactory):
    """A trade skill outside the referential (the referential's are fetched with ``skill``)."""

    class Meta:
        model = Skill
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test-skill-{n}")
    family = Skill.Family.TRADE
    name_fr = factory.Sequence(lambda n: f"Compétence d’essai {n}")
    name_en = factory.Sequence(lambda n: f"Test skill {n}")
    domain_fr = "Métier"
    domain_en = "Trade"

    class Params:
        crcn = factory.Trait(family=Skill.Family.CRCN)


class WorkerSkillFactory(DjangoModelFactory):
    """Workshop-children at level 4 (pass ``skill=skill("web-upkeep")`` for another)."""

    class Meta:
        model = WorkerSkill

    worker = factory.SubFactory(WorkerProfileFactory)
    skill = factory.LazyFunction(lambda: skill("workshop-children"))
    level = 4


class SkillEvidenceFactory(DjangoModelFactory):
    """A self-assessment at the worker skill's level; ``certificate`` for a Pix certificate."""

    class Meta:
        model = SkillEvidence

    worker_skill = factory.SubFactory(WorkerSkillFactory)
    kind = SkillEvidence.Kind.SELF_ASSESSMENT
    level = factory.SelfAttribute("worker_skill.level")
    issued_on = dt.date(2026, 9, 1)

    class Params:
        certificate = factory.Trait(kind=SkillEvidence.Kind.CERTIFICATE, detail="Pix")
