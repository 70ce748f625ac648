"""Admin: occurrences are read-only (services write them); feeds can be looked at and revoked."""

from django.contrib import admin

from maillage.core.admin import ReadOnlyAdminMixin
from maillage.execution.models import FeedToken, Occurrence, OccurrenceTransition


class OccurrenceTransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = OccurrenceTransition
    extra = 0


@admin.register(Occurrence)
class OccurrenceAdmin(admin.ModelAdmin):
    list_display = ("date", "starts_at", "ends_at", "mission", "worker", "state", "sequence")
    list_filter = ("state", "version__territory")
    search_fields = ("mission__title", "worker__user__last_name", "uid")
    date_hierarchy = "date"
    list_select_related = ("mission", "worker__user")
    inlines = [OccurrenceTransitionInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "organisation", "created_at", "revoked_at")
    list_filter = ("kind",)
    readonly_fields = ("user", "kind", "organisation", "token", "created_at")
    list_select_related = ("user", "organisation")

    def has_add_permission(self, request) -> bool:
        return False
