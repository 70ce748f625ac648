from django.contrib import admin

from maillage.skills.models import Skill, SkillEvidence, WorkerSkill


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "family", "digcomp"]
    list_filter = ["family"]
    search_fields = ["code", "name_fr", "name_en"]


class EvidenceInline(admin.TabularInline):
    model = SkillEvidence
    extra = 0


@admin.register(WorkerSkill)
class WorkerSkillAdmin(admin.ModelAdmin):
    list_display = ["worker", "skill", "level"]
    list_filter = ["skill"]
    list_select_related = ["worker__user", "skill"]
    inlines = [EvidenceInline]
