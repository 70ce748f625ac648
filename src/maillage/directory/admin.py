"""Admin of the directory."""

from django.contrib import admin

from maillage.directory.models import DiagnosisAnswer, Structure


class DiagnosisAnswerInline(admin.StackedInline):
    model = DiagnosisAnswer
    extra = 0


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "commune", "link", "territory"]
    list_filter = ["kind", "link", "territory"]
    search_fields = ["name", "siret"]
    raw_id_fields = ["commune", "organisation"]
    inlines = [DiagnosisAnswerInline]
