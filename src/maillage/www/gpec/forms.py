"""The worker's declaration of their household situation, with explicit consent."""

from __future__ import annotations

from django import forms

from maillage.gpec.models import HouseholdSituation


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

    def _post_clean(self):
        # The worker is set by the service; model validation happens there (full_clean).
        pass
