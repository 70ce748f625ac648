from django.contrib import admin

from maillage.core.admin import ReadOnlyAdminMixin
from maillage.missions.models import (
    ExcludedPeriod,
    FixedSlot,
    FlexibleWindow,
    Mission,
    MissionSkill,
    MissionState,
    MissionTransition,
)

# Once the buyer has accepted a quote, the need is what was priced and planned: its skills,
# slots, windows and dates are kept as they are (a change is a new need that replaces it).
ADMIN_EDITABLE_STATES = frozenset({MissionState.DRAFT, MissionState.PRICED})


def editable(mission: Mission | None) -> bool:
    return mission is None or mission.state in ADMIN_EDITABLE_STATES


class LockedOnceAcceptedInline(admin.TabularInline):
    """A part of the need, read-only once the need is past draft/priced (``obj`` is the need)."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return editable(obj) and super().has_delete_permission(request, obj)


class MissionSkillInline(LockedOnceAcceptedInline):
    model = MissionSkill


class FixedSlotInline(LockedOnceAcceptedInline):
    model = FixedSlot


class FlexibleWindowInline(LockedOnceAcceptedInline):
    model = FlexibleWindow


class ExcludedPeriodInline(LockedOnceAcceptedInline):
    model = ExcludedPeriod


class TransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = MissionTransition
    extra = 0


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

    def has_change_permission(self, request, obj=None):
        return editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # A need with a history (a quote, a plan, a transition) is kept: PROTECT says so too.
        return editable(obj) and super().has_delete_permission(request, obj)
