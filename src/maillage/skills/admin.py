from django.contrib import admin

from maillage.skills.models import Skill, SkillEvidence, SkillTrustPolicy, WorkerSkill


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


@admin.register(SkillTrustPolicy)
class SkillTrustPolicyAdmin(admin.ModelAdmin):
    """Per territory and skill: whether the engine trusts declared or only certified levels."""

    list_display = ("territory", "skill", "trust", "updated_at")
    list_filter = ("territory", "trust")
