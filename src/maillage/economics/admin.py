"""Admin: assumption versions are shown read-only (a new version comes from the page)."""

from django.contrib import admin

from maillage.core.admin import ReadOnlyAdminMixin
from maillage.economics.models import Assumptions, Grant


class GrantInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Grant
    extra = 0


@admin.register(Assumptions)
class AssumptionsAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["territory", "phase", "number", "effective_month", "fee_rate", "created_at"]
    list_filter = ["phase", "territory"]
    inlines = [GrantInline]
