from django.contrib import admin

from maillage.missions.models import (
    ExcludedPeriod,
    FixedSlot,
    FlexibleWindow,
    Mission,
    MissionSkill,
    MissionTransition,
)


class MissionSkillInline(admin.TabularInline):
    model = MissionSkill
    extra = 0


class FixedSlotInline(admin.TabularInline):
    model = FixedSlot
    extra = 0


class FlexibleWindowInline(admin.TabularInline):
    model = FlexibleWindow
    extra = 0


class ExcludedPeriodInline(admin.TabularInline):
    model = ExcludedPeriod
    extra = 0


class TransitionInline(admin.TabularInline):
    model = MissionTransition
    extra = 0
    can_delete = False
    readonly_fields = ["from_state", "to_state", "by", "at", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Mission)
class MissionAdmin(admin.ModelAdmin):
    list_display = ["title", "buyer", "kind", "schedule_kind", "state", "period_start"]
    list_filter = ["state", "kind", "schedule_kind", "territory"]
    search_fields = ["title", "buyer__name"]
    list_select_related = ["buyer"]
    autocomplete_fields = ["commune", "buyer"]
    # The lifecycle moves only through its state machine (logged), never by editing the field.
    readonly_fields = ["state"]
    inlines = [
        MissionSkillInline,
        FixedSlotInline,
        FlexibleWindowInline,
        ExcludedPeriodInline,
        TransitionInline,
    ]
