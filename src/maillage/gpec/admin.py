from django.contrib import admin

from maillage.gpec.models import GpecJob, HouseholdSituation


@admin.register(GpecJob)
class GpecJobAdmin(admin.ModelAdmin):
    list_display = ["kind", "territory", "status", "progress", "created_at"]
    list_filter = ["kind", "status"]
    readonly_fields = [f.name for f in GpecJob._meta.fields]


@admin.register(HouseholdSituation)
class HouseholdSituationAdmin(admin.ModelAdmin):
    list_display = ["worker", "kind", "consent", "consented_on"]
    readonly_fields = ["consented_on"]
