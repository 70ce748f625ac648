"""Admin: training sessions and their log, read-only (services write them)."""

from django.contrib import admin

from maillage.core.admin import ReadOnlyAdminMixin
from maillage.training.models import Participant, SessionTransition, TrainingSession


class ParticipantInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Participant
    extra = 0


class TransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = SessionTransition
    extra = 0


@admin.register(TrainingSession)
class TrainingSessionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("title", "territory", "starts_on", "ends_on", "state", "funding")
    list_filter = ("state", "funding", "territory")
    inlines = [ParticipantInline, TransitionInline]
