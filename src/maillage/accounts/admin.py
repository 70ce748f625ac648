"""Admin: invitations, role changes, profile reviews and erasures are read-only (services
write them; an erasure is asked from the person's own data page)."""

from django.contrib import admin

from maillage.accounts.models import (
    ErasureRequest,
    Invitation,
    ProfileReview,
    ProfileReviewTransition,
    RoleChange,
)
from maillage.core.admin import ReadOnlyAdminMixin


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("email", "role", "organisation", "territory", "created_at", "expires_at")
    list_filter = ("role",)
    search_fields = ("email",)
    exclude = ("token_hash",)


@admin.register(RoleChange)
class RoleChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "user", "action", "role", "organisation", "territory", "by")
    list_filter = ("action", "role")


class ProfileReviewTransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ProfileReviewTransition
    extra = 0


@admin.register(ProfileReview)
class ProfileReviewAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("profile", "state", "updated_at")
    list_filter = ("state",)
    inlines = [ProfileReviewTransitionInline]


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("user", "requested_at", "done_at")
