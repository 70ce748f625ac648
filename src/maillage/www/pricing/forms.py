"""Forms of the pricing pages: a new charter version, a quote's hourly pay."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.limits import text_max_length
from maillage.missions.models import MissionKind
from maillage.pricing.models import Charter, LevelBand
from maillage.pricing.services import CharterTerms


def floor_field_name(kind: str, band: str) -> str:
    return f"floor_{kind}_{band}"


def preparation_field_name(kind: str) -> str:
    return f"preparation_{kind}"


class CharterForm(forms.Form):
    """A new charter version: the grid of floors, preparation time and the other terms."""

    starts_on = forms.DateField(
        label=_("In force from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    travel_time_paid = forms.BooleanField(label=_("Travel time is paid"), required=False)
    mileage_rate = forms.DecimalField(
        label=_("Mileage allowance (€/km)"), max_digits=6, decimal_places=4
    )
    cooperative_fee_percent = forms.DecimalField(
        label=_("Cooperative's fee (% of the price)"), max_digits=5, decimal_places=2
    )
    overhead_coefficient = forms.DecimalField(
        label=_("Employer structure's overhead coefficient"), max_digits=6, decimal_places=4
    )
    employer_headcount = forms.IntegerField(
        label=_("Employer headcount"), min_value=0, max_value=1_000_000
    )
    coverage_points_per_job = forms.DecimalField(
        label=_("Coverage the plan may give up for one more person at 24 h (points)"),
        min_value=0,
        max_value=10,
        max_digits=4,
        decimal_places=2,
        help_text=_(
            "When the engine finds a plan with more people at the contract threshold, it is "
            "recommended if it covers at most this many points less of the demand for each "
            "more person (0: coverage always comes first)."
        ),
    )
    unpaid_engagement_percent = forms.DecimalField(
        label=_("Warning threshold of unpaid engagement (% of a buyer's hours)"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        help_text=_(
            "Above this share of a buyer's hours given as skills sponsorship or volunteering, "
            "the paid versus unpaid indicator warns."
        ),
    )
    # The same bounds as the charter's database constraints, said at the field.
    timesheet_validation_days = forms.IntegerField(
        label=_("Days for the buyer to validate a timesheet"),
        min_value=1,
        max_value=60,
        help_text=_("Without an answer after this many days, the timesheet is validated."),
    )
    late_cancellation_hours = forms.IntegerField(
        label=_("Late cancellation notice (hours)"),
        min_value=0,
        max_value=336,
        help_text=_(
            "A session the buyer cancels less than this many hours before it starts is billed."
        ),
    )
    need_cancellation_notice_days = forms.IntegerField(
        label=_("Notice to cancel a need (days)"),
        min_value=0,
        max_value=90,
        help_text=_(
            "When a buyer cancels a running or planned need, the sessions within this notice "
            "are still billed."
        ),
    )
    note = forms.CharField(
        label=_("Why this version"),
        required=False,
        max_length=text_max_length(),
        widget=forms.Textarea,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, kind_label in MissionKind.choices:
            for band, band_label in LevelBand.choices:
                self.fields[floor_field_name(kind, band)] = forms.DecimalField(
                    label=_("Floor, %(kind)s, %(band)s (gross €/h)")
                    % {"kind": kind_label, "band": band_label},
                    max_digits=10,
                    decimal_places=2,
                )
            self.fields[preparation_field_name(kind)] = forms.DecimalField(
                label=_("Preparation, %(kind)s (hours per hour delivered)") % {"kind": kind_label},
                max_digits=4,
                decimal_places=2,
            )
        self._fit_initial_to_fields()

    def clean_starts_on(self) -> dt.date:
        """A new version starts today or later: back-dated, it would rewrite the terms under
        which quotes were already issued (and its floors be checked against an old SMIC)."""
        starts_on = self.cleaned_data["starts_on"]
        if starts_on < timezone.localdate():
            raise forms.ValidationError(_("A new charter version cannot start before today."))
        return starts_on

    def _fit_initial_to_fields(self) -> None:
        """Show each pre-filled amount with its field's precision, so it validates as shown.

        A saved rate has four decimals (0.0800): as a percentage it reads 8.0000, which a
        two-decimal field would refuse when posted back unchanged.
        """
        for name, field in self.fields.items():
            value = self.initial.get(name)
            places = field.decimal_places if isinstance(field, forms.DecimalField) else None
            if places is not None and isinstance(value, Decimal):
                self.initial[name] = value.quantize(Decimal(1).scaleb(-places))

    def grid(self):
        """Rows of the floor grid for the template: (kind label, [bound fields], preparation)."""
        return [
            (
                kind_label,
                [self[floor_field_name(kind, band)] for band in LevelBand.values],
                self[preparation_field_name(kind)],
            )
            for kind, kind_label in MissionKind.choices
        ]

    @classmethod
    def initial_from(cls, terms: CharterTerms) -> dict:
        initial = {
            "starts_on": terms.starts_on,
            "travel_time_paid": terms.travel_time_paid,
            "mileage_rate": terms.mileage_rate,
            "cooperative_fee_percent": terms.cooperative_fee_rate * 100,
            "overhead_coefficient": terms.overhead_coefficient,
            "employer_headcount": terms.employer_headcount,
            "timesheet_validation_days": terms.timesheet_validation_days,
            "late_cancellation_hours": terms.late_cancellation_hours,
            "need_cancellation_notice_days": terms.need_cancellation_notice_days,
            "unpaid_engagement_percent": terms.unpaid_engagement_threshold * 100,
            "coverage_points_per_job": terms.coverage_points_per_job,
            "note": "",
        }
        for (kind, band), floor in terms.floors.items():
            initial[floor_field_name(kind, band)] = floor
        for kind, hours in terms.preparation.items():
            initial[preparation_field_name(kind)] = hours
        return initial

    @staticmethod
    def after_planning_initial(charter: Charter) -> dict[str, int]:
        """The timesheet and cancellation terms of a saved version, to start the next from."""
        return {
            name: getattr(charter, name)
            for name in (
                "timesheet_validation_days",
                "late_cancellation_hours",
                "need_cancellation_notice_days",
            )
        }

    def terms(self) -> CharterTerms:
        data = self.cleaned_data
        return CharterTerms(
            starts_on=data["starts_on"],
            floors={
                (kind, band): data[floor_field_name(kind, band)]
                for kind in MissionKind.values
                for band in LevelBand.values
            },
            preparation={kind: data[preparation_field_name(kind)] for kind in MissionKind.values},
            mileage_rate=data["mileage_rate"],
            cooperative_fee_rate=(data["cooperative_fee_percent"] / 100).quantize(
                Decimal("0.0001")
            ),
            overhead_coefficient=data["overhead_coefficient"],
            travel_time_paid=data["travel_time_paid"],
            employer_headcount=data["employer_headcount"],
            timesheet_validation_days=data["timesheet_validation_days"],
            late_cancellation_hours=data["late_cancellation_hours"],
            need_cancellation_notice_days=data["need_cancellation_notice_days"],
            unpaid_engagement_threshold=(data["unpaid_engagement_percent"] / 100).quantize(
                Decimal("0.0001")
            ),
            coverage_points_per_job=data["coverage_points_per_job"],
            note=data["note"],
        )


class QuoteForm(forms.Form):
    """The hourly pay of a quote: the charter's floor unless the coordinator pays more."""

    hourly_gross = forms.DecimalField(
        label=_("Hourly pay (gross €/h)"),
        required=False,
        max_digits=10,
        decimal_places=2,
        min_value=0,
        max_value=1000,
        help_text=_("Leave empty to pay the floor of the charter. It can never be lower."),
    )


class RefusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you refuse this quote? (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
