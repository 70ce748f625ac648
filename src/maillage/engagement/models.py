"""Other forms of engagement, kept apart from paid work: skills sponsorship and volunteering.

An employer lending an employee's time (mécénat de compétences) or a civic volunteer offers
hours; a placement puts them with a structure, possibly on one of its needs. They are never
paid needs: a need with an accepted quote cannot be covered by a placement (the service
refuses it and a database trigger too), and nothing here is read by coverage, pay, invoices
or the 24 h figures, which read missions, quotes, plans and timesheets only.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from maillage.missions.models import Mission
from maillage.people.models import Organisation, User
from maillage.territory.models import Territory

MAX_HOURS = Decimal("2000")


class EngagementKind(models.TextChoices):
    SPONSORSHIP = "sponsorship", _("Skills sponsorship (an employer lends an employee's time)")
    VOLUNTEERING = "volunteering", _("Civic volunteering")


class Offer(models.Model):
    """Hours offered without pay: by an employer (sponsorship) or by volunteers."""

    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EngagementKind.choices)
    provider = models.CharField(
        _("offered by"),
        max_length=200,
        help_text=_("The lending employer, or the volunteers' association or group."),
    )
    lending_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lending organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("what is offered"), max_length=2000)
    hours_offered = models.DecimalField(_("hours offered"), max_digits=7, decimal_places=2)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("unpaid engagement offer")
        verbose_name_plural = _("unpaid engagement offers")
        ordering = ["-starts_on", "provider"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["sponsorship", "volunteering"]),
                name="engagement_offer_kind_known",
                violation_error_message=_("Unknown kind of engagement."),
            ),
            models.CheckConstraint(
                condition=Q(hours_offered__gt=0, hours_offered__lte=MAX_HOURS),
                name="engagement_offer_hours_range",
                violation_error_message=_("Hours offered are more than 0 and at most 2000."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="engagement_offer_period_ordered",
                violation_error_message=_("The offer ends after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.provider}"


class Placement(models.Model):
    """Hours of an offer given to a structure, possibly on one of its needs (never paid)."""

    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="placements")
    #: A copy of the offer's kind, so that the indicator groups without a join.
    kind = models.CharField(_("kind"), max_length=12, choices=EngagementKind.choices)
    beneficiary = models.ForeignKey(
        Organisation,
        verbose_name=_("beneficiary"),
        on_delete=models.PROTECT,
        related_name="unpaid_placements",
    )
    mission = models.ForeignKey(
        Mission,
        verbose_name=_("need covered"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="unpaid_placements",
    )
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=2)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("unpaid placement")
        verbose_name_plural = _("unpaid placements")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["sponsorship", "volunteering"]),
                name="engagement_placement_kind_known",
                violation_error_message=_("Unknown kind of engagement."),
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=MAX_HOURS),
                name="engagement_placement_hours_range",
                violation_error_message=_("Hours are more than 0 and at most 2000."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="engagement_placement_period_ordered",
                violation_error_message=_("The placement ends after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.hours} h — {self.beneficiary}"
