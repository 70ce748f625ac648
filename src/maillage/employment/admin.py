"""Admin: contract proposals are read-only (they move through the coordinator's page)."""

from django.contrib import admin

from maillage.core.admin import ReadOnlyAdminMixin
from maillage.employment.models import ContractProposal, ContractTransition


class ContractTransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ContractTransition
    extra = 0


@admin.register(ContractProposal)
class ContractProposalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["worker", "state", "weekly_minutes", "hourly_gross", "start_date"]
    list_filter = ["state"]
    inlines = [ContractTransitionInline]
