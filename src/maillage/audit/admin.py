"""The audit log in the admin: read-only (the database refuses any change anyway)."""

from django.contrib import admin

from maillage.audit.models import AuditEvent
from maillage.core.admin import ReadOnlyAdminMixin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "target_label", "territory", "ip_address"]
    list_filter = ["territory"]
    search_fields = ["actor_label", "action", "target_label"]
