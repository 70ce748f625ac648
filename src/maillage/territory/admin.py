from django.contrib import admin

from maillage.territory.models import Commune, OpeningHours, Territory, ThirdPlace


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["name", "insee_code", "departement_code", "epci_name", "population"]
    list_filter = ["departement_code"]
    search_fields = ["name", "insee_code", "postal_codes"]
    show_full_result_count = False


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["communes"]


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 1


@admin.register(ThirdPlace)
class ThirdPlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "commune", "capacity", "territory"]
    search_fields = ["name"]
    list_filter = ["territory"]
    autocomplete_fields = ["commune"]
    inlines = [OpeningHoursInline]
