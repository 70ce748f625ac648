"""The worker's declaration of their household situation, with explicit consent."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.limits import limit
from maillage.gpec.models import HouseholdSituation

YOUNGEST_AGE, OLDEST_AGE = 14, 100  # a worker's age as declared: anything else is a typo


def _bound(field: forms.Field, low, high, message) -> None:
    """Refuse a value outside [low, high] at the field, with ``message``; say it to the
    browser too (min/max attributes)."""
    field.validators += [
        MinValueValidator(low, message=message),
        MaxValueValidator(high, message=message),
    ]
    field.widget.attrs.update({"min": str(low), "max": str(high)})


class HouseholdForm(forms.ModelForm):
    class Meta:
        model = HouseholdSituation
        fields = [
            "kind",
            "children",
            "birth_year",
            "monthly_gross_earnings",
            "partner_monthly_gross_earnings",
            "consent",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.consented_on = None  # set by the service, never by the form
        most_children = limit("household_max_children")
        _bound(
            self.fields["children"],
            0,
            most_children,
            _("Give a number of children from 0 to %(most)s.") % {"most": most_children},
        )
        year = timezone.localdate().year
        first, last = max(limit("household_min_birth_year"), year - OLDEST_AGE), year - YOUNGEST_AGE
        _bound(
            self.fields["birth_year"],
            first,
            last,
            _("Give a year of birth between %(first)s and %(last)s.")
            % {"first": first, "last": last},
        )
        most_earnings = Decimal(limit("household_max_monthly_earnings"))
        for name in ("monthly_gross_earnings", "partner_monthly_gross_earnings"):
            _bound(
                self.fields[name],
                Decimal(0),
                most_earnings,
                _("Give monthly earnings from 0 to %(most)s €.") % {"most": most_earnings},
            )

    def _post_clean(self):
        # The worker is set by the service; model validation happens there (full_clean).
        pass
