"""Skills, a worker's claimed skills with their level, and the evidence behind a level."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from maillage.people.models import User, WorkerProfile

MIN_LEVEL, MAX_LEVEL = 1, 8

LEVEL_BANDS = {
    1: _("foundation"),
    2: _("foundation"),
    3: _("intermediate"),
    4: _("intermediate"),
    5: _("advanced"),
    6: _("advanced"),
    7: _("highly specialised"),
    8: _("highly specialised"),
}


def level_band(level: int) -> str:
    """The CRCN/DigComp band of a level (1-2 foundation ... 7-8 highly specialised)."""
    return str(LEVEL_BANDS[level])


class Skill(models.Model):
    """A competence of the referential: a CRCN competence or a trade skill of the field."""

    class Family(models.TextChoices):
        CRCN = "crcn", _("CRCN digital competence")
        TRADE = "trade", _("Trade skill")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    family = models.CharField(_("family"), max_length=8, choices=Family.choices)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    domain_fr = models.CharField(_("domain (French)"), max_length=200)
    domain_en = models.CharField(_("domain (English)"), max_length=200)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    digcomp = models.CharField(_("DigComp 2.2"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["-family", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "fr").startswith("en") else self.name_fr

    @property
    def domain(self) -> str:
        return self.domain_en if (get_language() or "fr").startswith("en") else self.domain_fr


def level_constraint(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": MIN_LEVEL, f"{field}__lte": MAX_LEVEL}),
        name=name,
        violation_error_message=_("A level goes from 1 to 8."),
    )


class WorkerSkill(models.Model):
    """A skill a worker claims, at a level, backed by evidence.

    ``level`` is the level everything else uses (the engine, pins, GPEC). Until certification
    exists, a level declared above settings.MAILLAGE_LIMITS["self_declared_max_level"] waits
    for a coordinator: ``declared_level`` keeps it, ``level`` holds the cap meanwhile.
    """

    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"))
    declared_level = models.PositiveSmallIntegerField(
        _("declared level, pending confirmation"), null=True, blank=True
    )
    confirmed_by = models.ForeignKey(
        User,
        verbose_name=_("level confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("level confirmed at"), null=True, blank=True)
    # Set by a certification (maillage.credentials): the level certifiers vouched for.
    certified_level = models.PositiveSmallIntegerField(_("certified level"), null=True, blank=True)
    certified_at = models.DateTimeField(_("certified at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("worker skill")
        verbose_name_plural = _("worker skills")
        ordering = ["skill__code"]
        constraints = [
            level_constraint("level", "worker_skill_level_1_to_8"),
            models.CheckConstraint(
                condition=Q(declared_level__isnull=True)
                | Q(declared_level__gt=F("level"), declared_level__lte=MAX_LEVEL),
                name="worker_skill_pending_level_above_level",
                violation_error_message=_(
                    "A level pending confirmation is above the level in use, and at most 8."
                ),
            ),
            models.CheckConstraint(
                condition=Q(certified_level__isnull=True)
                | Q(certified_level__gte=MIN_LEVEL, certified_level__lte=MAX_LEVEL),
                name="worker_skill_certified_level_1_to_8",
                violation_error_message=_("A level goes from 1 to 8."),
            ),
            models.UniqueConstraint(
                fields=["worker", "skill"],
                name="worker_skill_once",
                violation_error_message=_("This skill is already on the profile."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.level})"

    @property
    def band(self) -> str:
        return level_band(self.level)

    @property
    def is_pending_confirmation(self) -> bool:
        return self.declared_level is not None

    @property
    def is_certified(self) -> bool:
        return self.certified_level is not None

    @property
    def status(self) -> str:
        """ "certified" once a certification vouched for a level, "declared" until then."""
        return "certified" if self.certified_level is not None else "declared"

    def get_status_display(self) -> str:
        return str(_("certified") if self.is_certified else _("declared"))


class SkillEvidence(models.Model):
    """Why a level is believed: self-assessment, a certificate, an evaluation, a peer."""

    class Kind(models.TextChoices):
        SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
        CERTIFICATE = "certificate", _("Certificate (e.g. Pix)")
        MISSION_EVALUATION = "mission_evaluation", _("Mission evaluation")
        PEER_VALIDATION = "peer_validation", _("Peer validation")
        TRAINER_ASSESSMENT = "trainer_assessment", _("Trainer assessment")

    worker_skill = models.ForeignKey(WorkerSkill, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(_("level shown"))
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    issued_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Where the evidence comes from, as "<kind>:<id>" ("mission:12", "training:3"): the
    # apps above skills (missions, training) are named without a foreign key to them.
    source = models.CharField(_("source"), max_length=60, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    # A certificate's file, relative to the private files directory (never under static).
    document = models.CharField(_("document"), max_length=200, blank=True)
    document_type = models.CharField(_("document type"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("skill evidence")
        verbose_name_plural = _("skill evidence")
        ordering = ["-issued_on", "pk"]
        constraints = [level_constraint("level", "skill_evidence_level_1_to_8")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.level}"


class SkillTrustPolicy(models.Model):
    """Which levels the engine trusts for a skill on a territory: declared ones, or only
    certified ones (absent: declared, as before certification existed)."""

    class Trust(models.TextChoices):
        DECLARED = "declared", _("Declared or certified levels")
        CERTIFIED = "certified", _("Certified levels only")

    territory = models.ForeignKey(
        "territory.Territory", on_delete=models.CASCADE, related_name="skill_trust_policies"
    )
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    trust = models.CharField(_("levels trusted"), max_length=12, choices=Trust.choices)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("skill trust policy")
        verbose_name_plural = _("skill trust policies")
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "skill"],
                name="skill_trust_policy_once",
                violation_error_message=_("This skill already has a policy on this territory."),
            ),
            models.CheckConstraint(
                condition=Q(trust__in=["declared", "certified"]),
                name="skill_trust_policy_known",
                violation_error_message=_("Unknown trust policy."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} — {self.get_trust_display()}"


def certified_only_skills(territory_id: int) -> set[int]:
    """The skills whose certified level alone counts on the territory."""
    return set(
        SkillTrustPolicy.objects.filter(
            territory_id=territory_id, trust=SkillTrustPolicy.Trust.CERTIFIED
        ).values_list("skill_id", flat=True)
    )
