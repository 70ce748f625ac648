"""API tokens in the admin: to look, and never to see a secret (only its hash is stored)."""

from django.contrib import admin

from maillage.core.admin import ReadOnlyAdminMixin
from maillage.tokens.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("prefix", "name", "user", "scopes", "expires_at", "last_used_at", "revoked_at")
    search_fields = ("prefix", "name", "user__email")
    exclude = ("secret_hash",)
