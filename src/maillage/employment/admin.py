"""Admin: contract proposals are read-only (they move through the coordinator's page)."""

from django.contrib import admin

from maillage.employment.models import ContractProposal, ContractTransition


class ContractTransitionInline(admin.TabularInline):
    model = ContractTransition
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ContractProposal)
class ContractProposalAdmin(admin.ModelAdmin):
    list_display = ["worker", "state", "weekly_minutes", "hourly_gross", "start_date"]
    list_filter = ["state"]
    inlines = [ContractTransitionInline]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
