from django.contrib import admin

from maillage.gpec.models import GpecJob, HouseholdSituation


@admin.register(GpecJob)
class GpecJobAdmin(admin.ModelAdmin):
    list_display = ["kind", "territory", "status", "progress", "attempts", "created_at"]
    list_filter = ["kind", "status"]
    # Written only by the job mechanism (maillage.core.jobs): never edited by hand.
    readonly_fields = [f.name for f in GpecJob._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(HouseholdSituation)
class HouseholdSituationAdmin(admin.ModelAdmin):
    list_display = ["worker", "kind", "consent", "consented_on"]
    readonly_fields = ["consented_on"]
