"""Admin: timesheets, their versions, lines and log are read-only (services write them)."""

from django.contrib import admin

from maillage.core.admin import ReadOnlyAdminMixin
from maillage.timesheets.models import Timesheet, TimesheetTransition, TimesheetVersion


class TimesheetTransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = TimesheetTransition
    extra = 0


class TimesheetVersionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = TimesheetVersion
    extra = 0


@admin.register(Timesheet)
class TimesheetAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("week", "worker", "organisation", "state")
    list_filter = ("state", "organisation__territory")
    search_fields = ("worker__user__last_name", "organisation__name")
    date_hierarchy = "week"
    list_select_related = ("worker__user", "organisation")
    inlines = [TimesheetVersionInline, TimesheetTransitionInline]
