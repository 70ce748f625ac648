"""GPEC: background jobs (scale diagnosis, what-if runs) and workers' declared households."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.core.jobs import BackgroundJob, JobStatus  # noqa: F401  (pages read gpec.JobStatus)
from maillage.gpec.progress import stage_label
from maillage.people.models import WorkerProfile
from maillage.territory.models import Territory


class JobKind(models.TextChoices):
    DIAGNOSIS = "diagnosis", _("Intervention-scale diagnosis")
    WHAT_IF = "what_if", _("What-if training run")
    PUBLIC_COSTS = "public_costs", _("Public costs avoided (OpenFisca)")


class GpecJob(BackgroundJob):
    """A heavy GPEC computation run in the background: its parameters, progress and result."""

    kind = models.CharField(_("kind"), max_length=12, choices=JobKind.choices)
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="gpec_jobs")
    period_start = models.DateField(_("first day"))
    period_end = models.DateField(_("last day"))
    params = models.JSONField(_("parameters"), default=dict)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("GPEC computation")
        verbose_name_plural = _("GPEC computations")
        constraints = [
            *BackgroundJob.Meta.constraints,
            models.CheckConstraint(
                condition=Q(kind__in=["diagnosis", "what_if", "public_costs"]),
                name="gpec_job_kind_known",
                violation_error_message=_("Unknown kind of computation."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.territory} ({self.pk})"

    @property
    def message_label(self) -> str:
        """The progress message in the reader's language (the computations report in English)."""
        return stage_label(self.message)


class HouseholdSituation(models.Model):
    """What a worker declares about their household, used only with their explicit consent.

    It feeds the "public costs avoided" indicator (RSA and prime d'activité before and after
    consolidated work, computed with OpenFisca-France). Without consent it is never read.
    """

    class Kind(models.TextChoices):
        SINGLE = "single", _("Living alone")
        COUPLE = "couple", _("Living as a couple")

    worker = models.OneToOneField(
        WorkerProfile, on_delete=models.CASCADE, related_name="household_situation"
    )
    kind = models.CharField(_("household"), max_length=8, choices=Kind.choices)
    children = models.PositiveSmallIntegerField(_("dependent children"), default=0)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    monthly_gross_earnings = models.DecimalField(
        _("current gross monthly earnings (€)"), max_digits=8, decimal_places=2, default=0
    )
    partner_monthly_gross_earnings = models.DecimalField(
        _("partner's gross monthly earnings (€)"), max_digits=8, decimal_places=2, default=0
    )
    consent = models.BooleanField(
        _("I agree that these figures are used, anonymously, to measure public costs avoided"),
        default=False,
    )
    consented_on = models.DateField(_("consent given on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("declared household situation")
        verbose_name_plural = _("declared household situations")
        constraints = [
            models.CheckConstraint(
                condition=Q(consent=False) | Q(consented_on__isnull=False),
                name="household_consent_has_date",
                violation_error_message=_("A consent is recorded with its date."),
            ),
            models.CheckConstraint(
                condition=Q(children__lte=12),
                name="household_children_reasonable",
                violation_error_message=_("At most 12 dependent children."),
            ),
            models.CheckConstraint(
                condition=Q(monthly_gross_earnings__gte=0, partner_monthly_gross_earnings__gte=0),
                name="household_earnings_not_negative",
                violation_error_message=_("Earnings cannot be negative."),
            ),
            # A wide, fixed range: the form asks for an age of 14 to 100 from today's year.
            models.CheckConstraint(
                condition=Q(birth_year__gte=1900, birth_year__lte=2100),
                name="household_birth_year_plausible",
                violation_error_message=_("The year of birth must lie between 1900 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(children__gte=0),
                name="household_children_not_negative",
                violation_error_message=_("The number of children cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker} — {self.get_kind_display()}"
