from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from maillage.people.models import (
    AvailabilityWindow,
    BuyerGroup,
    Membership,
    Organisation,
    User,
    WorkerProfile,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organisation", "territory", "buyer_group", "third_place"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Identity", {"fields": ("first_name", "last_name", "phone")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "siret", "commune", "territory"]
    list_filter = ["kind", "territory"]
    search_fields = ["name", "siret"]
    autocomplete_fields = ["commune"]


@admin.register(BuyerGroup)
class BuyerGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "territory"]
    search_fields = ["name"]
    filter_horizontal = ["members"]


class AvailabilityInline(admin.TabularInline):
    model = AvailabilityWindow
    extra = 0


@admin.register(WorkerProfile)
class WorkerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "home_commune", "travel_mode", "wished_weekly_minutes", "status"]
    list_filter = ["territory", "status", "travel_mode"]
    search_fields = ["user__email", "user__last_name"]
    autocomplete_fields = ["home_commune", "user"]
    list_select_related = ["user", "home_commune"]
    inlines = [AvailabilityInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organisation", "territory", "buyer_group", "third_place"]
    list_filter = ["role"]
    search_fields = ["user__email"]
    list_select_related = ["user", "organisation", "territory", "buyer_group", "third_place"]
    autocomplete_fields = ["user", "organisation", "territory", "buyer_group", "third_place"]
