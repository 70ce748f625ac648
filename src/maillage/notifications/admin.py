"""Admin: notifications and their email deliveries, read-only (they move through services)."""

from django.contrib import admin

from maillage.core.admin import ReadOnlyAdminMixin
from maillage.notifications.models import EmailDelivery, EmailPreference, Notification


class EmailDeliveryInline(ReadOnlyAdminMixin, admin.StackedInline):
    model = EmailDelivery
    extra = 0


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__email"]
    inlines = [EmailDeliveryInline]


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "notification", "state", "reason", "attempts", "sent_at"]
    list_filter = ["state", "reason"]
    list_select_related = ["notification__recipient"]


@admin.register(EmailPreference)
class EmailPreferenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["user", "kind", "email"]
    list_filter = ["kind", "email"]
    list_select_related = ["user"]
