"""The steering's records in the admin: read-only (they are written by the services)."""

from django.contrib import admin

from maillage.core.admin import ReadOnlyAdminMixin
from maillage.governance.models import College, Decision, Proposal, Statutes


@admin.register(College)
class CollegeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["territory", "kind"]
    list_filter = ["territory"]


@admin.register(Statutes)
class StatutesAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["territory", "number", "starts_on", "quorum_bp", "majority_bp"]


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "territory", "kind", "state", "voting_closes_at"]
    list_filter = ["state", "kind", "territory"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["proposal", "territory", "adopted", "quorum_reached", "decided_at"]
