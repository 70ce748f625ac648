from django.contrib import admin

from maillage.consolidation.models import (
    AssignmentResponse,
    ConsolidationRun,
    PairRule,
    PlanAssignment,
    PlanTransition,
    PlanUnassigned,
    PlanVersion,
    ReviewAnswer,
)
from maillage.core.admin import ReadOnlyAdminMixin


@admin.register(ConsolidationRun)
class ConsolidationRunAdmin(admin.ModelAdmin):
    list_display = ["territory", "method", "status", "progress", "attempts", "created_at"]
    list_filter = ["status", "method"]
    # Written only by the job mechanism (maillage.core.jobs): never edited by hand.
    readonly_fields = [f.name for f in ConsolidationRun._meta.fields]

    def has_add_permission(self, request):
        return False


class PlanTransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = PlanTransition
    extra = 0


class PlanUnassignedInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = PlanUnassigned
    extra = 0


@admin.register(PlanVersion)
class PlanVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["territory", "period_start", "number", "method", "state", "solver_status"]
    list_filter = ["state", "method"]
    # Versions are written by runs and move only through publication: never edited here.
    inlines = [PlanTransitionInline, PlanUnassignedInline]


@admin.register(PlanAssignment)
class PlanAssignmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["version", "mission", "worker", "weekly_minutes"]
    list_select_related = ["version__territory", "mission", "worker__user"]


@admin.register(PairRule)
class PairRuleAdmin(admin.ModelAdmin):
    list_display = ["mission", "worker", "kind", "created_at", "revoked_at"]
    list_filter = ["kind"]
    list_select_related = ["mission", "worker__user"]
    raw_id_fields = ["mission", "worker"]


@admin.register(AssignmentResponse)
class AssignmentResponseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """A worker's answer is theirs: kept as given (a review is resolved by the coordinator's
    page, not here)."""

    list_display = ["assignment", "decision", "by", "at"]
    list_filter = ["decision"]


@admin.register(ReviewAnswer)
class ReviewAnswerAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """A person's answer to a review request: kept as written (EU Platform Work Directive)."""

    list_display = ["response", "outcome", "by", "at"]
    list_filter = ["outcome"]
    list_select_related = ["response__assignment__mission", "by"]
