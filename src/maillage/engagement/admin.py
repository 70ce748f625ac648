"""Admin: placements go through the same rule as the page (``rules.check_placement``)."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from maillage.engagement.models import Offer, Placement
from maillage.engagement.rules import check_placement


class PlacementAdminForm(forms.ModelForm):
    class Meta:
        model = Placement
        fields = ["offer", "beneficiary", "mission", "hours", "starts_on", "ends_on"]

    def clean(self):
        data = super().clean() or {}
        if self.errors:
            return data
        check_placement(
            offer=data["offer"],
            beneficiary=data["beneficiary"],
            mission=data.get("mission"),
            hours=data["hours"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            exclude_pk=self.instance.pk,
        )
        return data

    def save(self, commit=True):
        self.instance.kind = self.cleaned_data["offer"].kind
        return super().save(commit=commit)


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["provider", "kind", "territory", "hours_offered", "starts_on", "ends_on"]
    list_filter = ["kind", "territory"]


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    form = PlacementAdminForm
    list_display = ["offer", "kind", "beneficiary", "mission", "hours", "starts_on"]
    list_filter = ["kind"]
    raw_id_fields = ["mission", "beneficiary", "offer"]
