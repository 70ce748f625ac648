"""/api/v1/plans/, /api/v1/my/...: plan versions, assignments, dated work and my week."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers  # type: ignore[import-untyped]
from rest_framework.exceptions import PermissionDenied  # type: ignore[import-untyped]
from rest_framework.response import Response  # type: ignore[import-untyped]
from rest_framework.views import APIView  # type: ignore[import-untyped]

from maillage.api.v1.common import BoundedDate, PeriodFilter, found, read_filters
from maillage.consolidation.access import own_assignments, plan_versions_visible_to
from maillage.consolidation.models import Method, PlanState
from maillage.consolidation.selectors import visible_plan_version
from maillage.execution.access import occurrences_visible_to
from maillage.execution.dates import week_monday
from maillage.execution.models import OccurrenceState
from maillage.execution.selectors import worker_days
from maillage.people.access import own_worker_profile

#: Longest period one request of dated work covers.
MAX_DAYS = 62


class PlanOut(serializers.Serializer):
    id = serializers.IntegerField()
    territory = serializers.IntegerField(source="territory_id")
    number = serializers.IntegerField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    method = serializers.ChoiceField(choices=Method.choices)
    state = serializers.ChoiceField(choices=PlanState.choices)
    solver_status = serializers.CharField()
    metrics = serializers.JSONField()
    created_at = serializers.DateTimeField()


class BlockOut(serializers.Serializer):
    weekday = serializers.IntegerField()
    start_minute = serializers.IntegerField()
    end_minute = serializers.IntegerField()


class AssignmentOut(serializers.Serializer):
    id = serializers.IntegerField()
    plan = serializers.IntegerField(source="version_id")
    need = serializers.IntegerField(source="mission_id")
    need_title = serializers.CharField(source="mission.title")
    worker = serializers.IntegerField(source="worker_id")
    worker_name = serializers.SerializerMethodField()
    weekly_minutes = serializers.IntegerField()
    blocks = serializers.JSONField()

    def get_worker_name(self, assignment) -> str:
        user = assignment.worker.user
        return f"{user.first_name} {user.last_name}".strip()


class PlanFilter(PeriodFilter):
    state = serializers.ChoiceField(choices=PlanState.choices, required=False)


@extend_schema_view(
    get=extend_schema(
        summary="Plan versions of the territories the user coordinates",
        parameters=[PlanFilter],
        tags=["plans"],
    )
)
class PlanList(generics.ListAPIView):
    serializer_class = PlanOut

    def get_queryset(self):
        filters = read_filters(PlanFilter, self.request)
        plans = plan_versions_visible_to(self.request.user)
        if "state" in filters:
            plans = plans.filter(state=filters["state"])
        if "from" in filters:
            plans = plans.filter(period_end__gte=filters["from"])
        if "to" in filters:
            plans = plans.filter(period_start__lte=filters["to"])
        return plans.order_by("-period_start", "-number", "-pk")


@extend_schema(summary="One plan version", responses=PlanOut, tags=["plans"])
class PlanDetail(APIView):
    def get(self, request, pk: int):
        return Response(PlanOut(found(visible_plan_version(request.user, pk))).data)


@extend_schema_view(get=extend_schema(summary="Assignments of a plan version", tags=["plans"]))
class PlanAssignments(generics.ListAPIView):
    serializer_class = AssignmentOut

    def get_queryset(self):
        version = found(visible_plan_version(self.request.user, self.kwargs["pk"]))
        return version.assignments.select_related("mission", "worker__user").order_by("pk")


@extend_schema_view(
    get=extend_schema(summary="My assignments in published plans", tags=["my week"])
)
class MyAssignments(generics.ListAPIView):
    serializer_class = AssignmentOut

    def get_queryset(self):
        return (
            own_assignments(self.request.user)
            .select_related("mission", "worker__user")
            .order_by("-version__period_start", "pk")
        )


class OccurrenceOut(serializers.Serializer):
    id = serializers.IntegerField()
    need = serializers.IntegerField(source="mission_id")
    need_title = serializers.CharField(source="mission.title")
    date = serializers.DateField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = serializers.CharField(source="place_label")
    state = serializers.ChoiceField(choices=OccurrenceState.choices)
    worker_first_name = serializers.CharField(source="worker.user.first_name")


class OccurrenceFilter(PeriodFilter):
    state = serializers.ChoiceField(choices=OccurrenceState.choices, required=False)
    need = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)


@extend_schema_view(
    get=extend_schema(
        summary="Dated work the user may see (own, bought, coordinated)",
        description=f"At most {MAX_DAYS} days; by default the coming four weeks.",
        parameters=[OccurrenceFilter],
        tags=["my week"],
    )
)
class OccurrenceList(generics.ListAPIView):
    serializer_class = OccurrenceOut

    def get_queryset(self):
        filters = read_filters(OccurrenceFilter, self.request)
        first = filters.get("from") or timezone.localdate()
        last = filters.get("to") or first + dt.timedelta(days=27)
        if last < first or (last - first).days >= MAX_DAYS:
            raise serializers.ValidationError(
                {"to": [_("Ask for %(days)s days at most.") % {"days": MAX_DAYS}]}
            )
        rows = occurrences_visible_to(self.request.user).filter(date__gte=first, date__lte=last)
        if "state" in filters:
            rows = rows.filter(state=filters["state"])
        if "need" in filters:
            rows = rows.filter(mission_id=filters["need"])
        return rows.select_related("mission", "worker__user").order_by("starts_at", "pk")


class WeekItemOut(serializers.Serializer):
    occurrence = serializers.IntegerField(source="occurrence.pk")
    need = serializers.IntegerField(source="occurrence.mission_id")
    need_title = serializers.CharField(source="occurrence.mission.title")
    buyer = serializers.CharField(source="occurrence.mission.buyer.name")
    starts_at = serializers.DateTimeField(source="occurrence.starts_at")
    ends_at = serializers.DateTimeField(source="occurrence.ends_at")
    place = serializers.CharField(source="occurrence.place_label")
    address = serializers.CharField(source="occurrence.address")
    state = serializers.ChoiceField(source="occurrence.state", choices=OccurrenceState.choices)
    travel_minutes = serializers.IntegerField(allow_null=True)
    travel_from_home = serializers.BooleanField()


class DayOut(serializers.Serializer):
    date = serializers.DateField()
    holiday = serializers.CharField()
    items = WeekItemOut(many=True)


class WeekOut(serializers.Serializer):
    week = serializers.DateField(help_text="its Monday")
    days = DayOut(many=True)


class WeekQuery(serializers.Serializer):
    date = BoundedDate(required=False, help_text="any day of the week (default: today)")


@extend_schema(
    summary="My dated week (a worker's own work, with travel times)",
    parameters=[WeekQuery],
    responses=WeekOut,
    tags=["my week"],
)
class MyWeek(APIView):
    def get(self, request):
        query = read_filters(WeekQuery, request)
        worker = own_worker_profile(request.user)
        if worker is None:
            raise PermissionDenied(_("Only a worker has a week of their own."))
        monday = week_monday(query.get("date") or timezone.localdate())
        days = worker_days(request.user, worker, monday, monday + dt.timedelta(days=6))
        return Response(WeekOut({"week": monday, "days": days}).data)
