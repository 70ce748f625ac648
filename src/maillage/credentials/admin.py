"""Admin: certifications, signatures and credentials are read-only (services write them)."""

from django.contrib import admin

from maillage.core.admin import ReadOnlyAdminMixin
from maillage.credentials.models import (
    Certification,
    CertificationSignature,
    CertificationTransition,
    IssuedCredential,
)


class SignatureInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CertificationSignature
    extra = 0


class TransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CertificationTransition
    extra = 0


@admin.register(Certification)
class CertificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("worker_skill", "level", "state", "created_at")
    list_filter = ("state",)
    inlines = [SignatureInline, TransitionInline]


@admin.register(IssuedCredential)
class IssuedCredentialAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("public_id", "worker", "skill", "level", "issued_at", "revoked_at")
    list_filter = ("revoked_at", "skill")
    list_select_related = ("worker__user", "skill")
