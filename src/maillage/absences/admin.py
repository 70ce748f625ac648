"""Admin: absences, their logs and the replacement proposals are read-only (services write)."""

from django.contrib import admin

from maillage.absences.models import (
    Absence,
    AbsenceTransition,
    ProposalLine,
    ReplacementProposal,
)
from maillage.core.admin import ReadOnlyAdminMixin


class AbsenceTransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = AbsenceTransition
    extra = 0


@admin.register(Absence)
class AbsenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("worker", "kind", "first_day", "last_day", "state", "created_at")
    list_filter = ("kind", "state", "worker__territory")
    list_select_related = ("worker__user",)
    inlines = [AbsenceTransitionInline]


class ProposalLineInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ProposalLine
    extra = 0


@admin.register(ReplacementProposal)
class ReplacementProposalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("absence", "territory", "status", "created_at", "finished_at")
    list_filter = ("status", "territory")
    inlines = [ProposalLineInline]
