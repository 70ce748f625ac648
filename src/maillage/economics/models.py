"""The cooperative's economic model: versioned assumptions per territory and phase.

Each change of the coordinator is a new version (a new row, never edited: the tables are
protected by triggers), effective from a month. The figures of a past month are recomputed
from the version that was in force that month and from the invoices of that month (which
are never rewritten either), so they can always be reproduced.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.core.fields import MONEY, RATE, DecimalDigits
from maillage.people.models import User
from maillage.territory.models import Territory


class Phase(models.TextChoices):
    """The three phases of the founding note's question "which economic models?"."""

    SEED = "seed", _("Seed (prototype)")
    DEVELOPMENT = "development", _("Development")
    RUNNING = "running", _("Running")


#: Upper bounds above which a figure is absurd for one territory's cooperative.
MAX_MONTHLY_COST = Decimal("1000000")
MAX_ANNUAL_GRANT = Decimal("10000000")
MAX_FTE = Decimal("50")
MAX_WEEKLY_HOURS = Decimal("20000")
MAX_HOURLY_PRICE = Decimal("500")

HOURS: DecimalDigits = {"max_digits": 8, "decimal_places": 2}


class AssumptionsQuerySet(models.QuerySet["Assumptions"]):
    def in_force(self, territory: Territory, phase: str, month: dt.date) -> Assumptions | None:
        """The version of (territory, phase) in force in ``month``: among the versions
        effective on or before that month, the one issued last."""
        return (
            self.filter(territory=territory, phase=phase, effective_month__lte=month.replace(day=1))
            .order_by("-number")
            .first()
        )


class Assumptions(models.Model):
    """One version of a phase's assumptions on a territory; amounts in euros excl. VAT."""

    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="economic_assumptions",
    )
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    number = models.PositiveIntegerField(_("version"))
    effective_month = models.DateField(
        _("effective from (month)"), help_text=_("The first day of the month it applies from.")
    )
    fee_rate = models.DecimalField(
        _("cooperative's fee (share of the price)"),
        help_text=_("0.08 is 8 % of the price paid by the buyer."),
        **RATE,
    )
    hourly_price_before_fee = models.DecimalField(
        _("hourly price before the fee (€/h)"),
        help_text=_(
            "What a billed hour costs without the fee (pay, contributions, overhead, travel); "
            "used when no accepted quote gives it."
        ),
        **MONEY,
    )
    expected_billed_hours_per_week = models.DecimalField(
        _("expected billed hours a week"),
        help_text=_("Used for a month with neither issued invoices nor accepted quotes."),
        **HOURS,
    )
    coordination_fte = models.DecimalField(
        _("coordination staff (full-time equivalents)"), max_digits=5, decimal_places=2
    )
    coordination_gross_monthly = models.DecimalField(
        _("coordinator's gross monthly salary at full time"), **MONEY
    )
    premises_monthly = models.DecimalField(_("premises (€ a month)"), **MONEY)
    third_place_rent_monthly = models.DecimalField(_("tiers-lieux rent (€ a month)"), **MONEY)
    software_hosting_monthly = models.DecimalField(_("software and hosting (€ a month)"), **MONEY)
    insurance_monthly = models.DecimalField(_("insurance (€ a month)"), **MONEY)
    certifications_per_month = models.DecimalField(
        _("certifications a month"), max_digits=7, decimal_places=2
    )
    certification_fee = models.DecimalField(
        _("certification fee paid by the buyer (€ each)"), **MONEY
    )
    training_hours_per_month = models.DecimalField(
        _("expected funded training hours a month"),
        help_text=_("Training sessions are not recorded yet: this is an assumption."),
        **HOURS,
    )
    training_funding_per_hour = models.DecimalField(
        _("training funding per hour (OPCO and others, €/h)"), **MONEY
    )
    unbilled_hours_per_billed_hour = models.DecimalField(
        _("unbilled paid hours per billed hour"),
        help_text=_("Travel and preparation paid to workers but billed to no one."),
        **RATE,
    )
    hours_below_24_per_week = models.DecimalField(
        _("weekly hours of a worker under 24 h"),
        help_text=_("For the what-if on the share of workers at 24 h."),
        max_digits=5,
        decimal_places=2,
    )
    note = models.TextField(_("method and sources"), blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AssumptionsQuerySet.as_manager()

    class Meta:
        verbose_name = _("economic assumptions")
        verbose_name_plural = _("economic assumptions")
        ordering = ["territory", "phase", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "phase", "number"],
                name="economics_assumptions_number_unique",
                violation_error_message=_("This version number already exists."),
            ),
            models.CheckConstraint(
                condition=Q(phase__in=["seed", "development", "running"]),
                name="economics_assumptions_phase_known",
                violation_error_message=_("Unknown phase."),
            ),
            models.CheckConstraint(
                condition=Q(fee_rate__gte=0, fee_rate__lt=Decimal("0.5")),
                name="economics_fee_rate_range",
                violation_error_message=_("The cooperative's fee is between 0 and 50 %."),
            ),
            models.CheckConstraint(
                condition=Q(coordination_fte__gte=0, coordination_fte__lte=MAX_FTE),
                name="economics_fte_range",
                violation_error_message=_("Coordination staff is between 0 and 50 FTE."),
            ),
            models.CheckConstraint(
                condition=Q(
                    premises_monthly__gte=0,
                    third_place_rent_monthly__gte=0,
                    software_hosting_monthly__gte=0,
                    insurance_monthly__gte=0,
                    coordination_gross_monthly__gte=0,
                    certification_fee__gte=0,
                    training_funding_per_hour__gte=0,
                    hourly_price_before_fee__gte=0,
                ),
                name="economics_amounts_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(
                    expected_billed_hours_per_week__gte=0,
                    certifications_per_month__gte=0,
                    training_hours_per_month__gte=0,
                    unbilled_hours_per_billed_hour__gte=0,
                    unbilled_hours_per_billed_hour__lte=2,
                    hours_below_24_per_week__gte=0,
                    hours_below_24_per_week__lt=24,
                ),
                name="economics_volumes_in_range",
                violation_error_message=_("A volume is negative or out of range."),
            ),
            models.CheckConstraint(
                condition=Q(effective_month__day=1),
                name="economics_effective_first_of_month",
                violation_error_message=_("Assumptions take effect on the first of a month."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.territory} — {self.get_phase_display()} v{self.number}"


class Grant(models.Model):
    """A grant line of one assumptions version: a funder and what it gives a year."""

    assumptions = models.ForeignKey(Assumptions, on_delete=models.PROTECT, related_name="grants")
    funder = models.CharField(_("funder"), max_length=200)
    annual_amount = models.DecimalField(_("amount a year"), **MONEY)

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["funder"]
        constraints = [
            models.UniqueConstraint(
                fields=["assumptions", "funder"],
                name="economics_grant_funder_once",
                violation_error_message=_("This funder is already listed."),
            ),
            models.CheckConstraint(
                condition=Q(annual_amount__gt=0, annual_amount__lte=MAX_ANNUAL_GRANT),
                name="economics_grant_amount_range",
                violation_error_message=_("A grant is more than 0 and at most 10 million a year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.funder}: {self.annual_amount}"
