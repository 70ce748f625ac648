"""Read-only admin: group employments, payroll exports and statements are never edited."""

from django.contrib import admin

from maillage.core.admin import ReadOnlyAdminMixin
from maillage.wages.models import (
    GroupEmployment,
    GroupStatement,
    GroupStatementLine,
    PayrollExport,
    PayrollLine,
)


@admin.register(GroupEmployment)
class GroupEmploymentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("worker", "group", "first_month", "last_month", "fee_rate")
    list_filter = ("group",)


class PayrollLineInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = PayrollLine
    extra = 0
    fields = ("last_name", "first_name", "gross", "net_pay", "employer_cost")


@admin.register(PayrollExport)
class PayrollExportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("territory", "month", "number", "employees", "gross", "employer_cost")
    list_filter = ("territory",)
    inlines = [PayrollLineInline]


class GroupStatementLineInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = GroupStatementLine
    extra = 0
    exclude = ("payroll_line",)


@admin.register(GroupStatement)
class GroupStatementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("member", "group", "export", "cost_share", "fee_share", "total")
    inlines = [GroupStatementLineInline]
