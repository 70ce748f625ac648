"""Admin: charters and quotes are shown read-only.

A charter version in force and an issued quote are never edited: a new charter version is
issued from the coordinator's charter page, a new quote from the need's quote page, both
through the services that check the floors. The admin can look, not change.
"""

from django.contrib import admin

from maillage.core.admin import ReadOnlyAdminMixin
from maillage.pricing.models import (
    Charter,
    CharterPreparation,
    CharterRate,
    Quote,
    QuoteTransition,
)


class CharterRateInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CharterRate
    extra = 0


class CharterPreparationInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CharterPreparation
    extra = 0


@admin.register(Charter)
class CharterAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["territory", "number", "starts_on", "legal_minimum_hourly", "superseded_at"]
    list_filter = ["territory"]
    inlines = [CharterRateInline, CharterPreparationInline]


class QuoteTransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = QuoteTransition
    extra = 0


@admin.register(Quote)
class QuoteAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["mission", "number", "state", "hourly_gross", "floor_hourly_gross", "price"]
    list_filter = ["state"]
    inlines = [QuoteTransitionInline]
