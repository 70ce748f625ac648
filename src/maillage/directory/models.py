"""The territory's directory: the structures that matter for digital work, and their answers
to a short diagnosis questionnaire (activities, needs, wishes, hours to buy or to offer)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from maillage.missions.models import MissionKind
from maillage.people.models import Organisation, User
from maillage.people.siret import validate_siret
from maillage.territory.models import Commune, Territory


class StructureKind(models.TextChoices):
    CAE = "cae", _("Business and employment cooperative (CAE)")
    EMPLOYER_GROUP = "employer_group", _("Employer group")
    GEIQ = "geiq", _("GEIQ (employer group for integration and qualification)")
    THIRD_PLACE = "third_place", _("Tiers-lieu")
    EPN = "epn", _("Public digital space (EPN)")
    FRANCE_SERVICES = "france_services", _("France services")
    TZCLD = "tzcld", _("Local employment company (TZCLD / EBE)")
    SIAE = "siae", _("Integration through economic activity (SIAE)")
    TRAINING_BODY = "training_body", _("Training body")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")


class CooperativeLink(models.TextChoices):
    NONE = "none", _("No link yet")
    PROSPECT = "prospect", _("Met, to follow up")
    PARTNER = "partner", _("Partner")
    BUYER = "buyer", _("Buys from the cooperative")
    MEMBER = "member", _("Member of the cooperative")


class Structure(models.Model):
    """A structure of the territory: what it is, where, whom to contact, what it does."""

    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=StructureKind.choices)
    name = models.CharField(_("name"), max_length=200)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        blank=True,
        validators=[validate_siret],
        help_text=_("Optional; 14 digits, checked."),
    )
    contact_name = models.CharField(_("contact"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    activities = models.TextField(_("what it does"), max_length=2000, blank=True)
    link = models.CharField(
        _("link with the cooperative"),
        max_length=10,
        choices=CooperativeLink.choices,
        default=CooperativeLink.NONE,
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation on the platform"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "commune",
                "territory",
                name="directory_structure_once_per_commune",
                violation_error_message=_("This structure is already in the directory."),
            ),
            models.UniqueConstraint(
                fields=["territory", "siret"],
                condition=~Q(siret=""),
                name="directory_structure_siret_once",
                violation_error_message=_("A structure with this SIRET is already listed."),
            ),
            models.CheckConstraint(
                condition=Q(siret="") | Q(siret__regex=r"^[0-9]{14}$"),
                name="directory_structure_siret_14_digits",
                violation_error_message=_("A SIRET has exactly 14 digits."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=StructureKind.values),
                name="directory_structure_kind_known",
                violation_error_message=_("Unknown kind of structure."),
            ),
            models.CheckConstraint(
                condition=Q(link__in=CooperativeLink.values),
                name="directory_structure_link_known",
                violation_error_message=_("Unknown link with the cooperative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.commune.name})"


class DiagnosisAnswer(models.Model):
    """A structure's answers to the diagnosis questionnaire; the latest one counts."""

    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, related_name="diagnosis_answers"
    )
    activities = models.TextField(_("activities"), max_length=2000, blank=True)
    needs = models.TextField(_("digital needs"), max_length=2000, blank=True)
    wishes = models.TextField(_("wishes"), max_length=2000, blank=True)
    kinds_wanted = models.JSONField(
        _("kinds of missions wanted"),
        default=list,
        blank=True,
        help_text=_("Codes of mission kinds (workshops, help desk...)."),
    )
    hours_to_buy_per_week = models.DecimalField(
        _("hours a week it could buy"), max_digits=6, decimal_places=2, default=0
    )
    hours_to_offer_per_week = models.DecimalField(
        _("hours a week it could offer (premises, sponsorship, volunteering)"),
        max_digits=6,
        decimal_places=2,
        default=0,
    )
    answered_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("diagnosis answer")
        verbose_name_plural = _("diagnosis answers")
        ordering = ["-answered_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    hours_to_buy_per_week__gte=0,
                    hours_to_buy_per_week__lte=200,
                    hours_to_offer_per_week__gte=0,
                    hours_to_offer_per_week__lte=200,
                ),
                name="directory_diagnosis_hours_range",
                violation_error_message=_("Hours a week are between 0 and 200."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.structure.name}: {self.hours_to_buy_per_week} h"

    def kind_labels(self) -> list[str]:
        labels = dict(MissionKind.choices)
        return [str(labels.get(code, code)) for code in self.kinds_wanted]
