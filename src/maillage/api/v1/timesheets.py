"""/api/v1/timesheets/: weekly declarations (list, read, declare, validate, dispute)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, serializers, status  # type: ignore[import-untyped]
from rest_framework.exceptions import PermissionDenied  # type: ignore[import-untyped]
from rest_framework.response import Response  # type: ignore[import-untyped]
from rest_framework.views import APIView  # type: ignore[import-untyped]

from maillage.api.v1.common import (
    MAX_ITEMS,
    TEXT_MAX,
    BoundedDate,
    PeriodFilter,
    found,
    read_filters,
)
from maillage.people.access import own_worker_profile
from maillage.timesheets import services
from maillage.timesheets.access import timesheets_visible_to
from maillage.timesheets.models import (
    Outcome,
    Timesheet,
    TimesheetLine,
    TimesheetState,
    TimesheetVersion,
)
from maillage.timesheets.selectors import visible_timesheet
from maillage.tokens.models import Scope


def _current_versions():
    return TimesheetVersion.objects.filter(superseded_at__isnull=True).prefetch_related(
        Prefetch("lines", TimesheetLine.objects.order_by("occurrence__starts_at", "pk"))
    )


class LineOut(serializers.Serializer):
    occurrence = serializers.IntegerField(source="occurrence_id")
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    actual_start = serializers.DateTimeField(allow_null=True)
    actual_end = serializers.DateTimeField(allow_null=True)
    reason = serializers.CharField()
    minutes = serializers.IntegerField()


class VersionOut(serializers.Serializer):
    number = serializers.IntegerField()
    at = serializers.DateTimeField()
    reason = serializers.CharField()
    lines = LineOut(many=True)


class TimesheetOut(serializers.Serializer):
    id = serializers.IntegerField()
    worker = serializers.IntegerField(source="worker_id")
    worker_first_name = serializers.CharField(source="worker.user.first_name")
    organisation = serializers.IntegerField(source="organisation_id")
    organisation_name = serializers.CharField(source="organisation.name")
    week = serializers.DateField(help_text="its Monday")
    state = serializers.ChoiceField(choices=TimesheetState.choices)
    current = serializers.SerializerMethodField()

    @extend_schema_field(VersionOut(allow_null=True))
    def get_current(self, timesheet) -> dict | None:
        versions = getattr(timesheet, "current_versions", None)
        if versions is None:
            versions = list(_current_versions().filter(timesheet=timesheet))
        return VersionOut(versions[0]).data if versions else None


class TimesheetFilter(PeriodFilter):
    state = serializers.ChoiceField(choices=TimesheetState.choices, required=False)


class LineIn(serializers.Serializer):
    occurrence = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    actual_start = serializers.DateTimeField(required=False, allow_null=True, default=None)
    actual_end = serializers.DateTimeField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(
        max_length=TEXT_MAX, required=False, allow_blank=True, default=""
    )


class DeclarationIn(serializers.Serializer):
    week = BoundedDate(help_text="any day of the week declared")
    lines = LineIn(many=True, max_length=MAX_ITEMS, allow_empty=False)


class AnswerIn(serializers.Serializer):
    comment = serializers.CharField(
        max_length=TEXT_MAX, required=False, allow_blank=True, default=""
    )
    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        allow_null=True,
        default=None,
        help_text="the version number read (refused if the worker corrected it since)",
    )


def _lines(data) -> list[services.LineInput]:
    return [
        services.LineInput(
            occurrence_id=line["occurrence"],
            outcome=line["outcome"],
            actual_start=line["actual_start"],
            actual_end=line["actual_end"],
            reason=line["reason"],
        )
        for line in data
    ]


def _listed(queryset):
    return (
        queryset.select_related("worker__user", "organisation")
        .prefetch_related(Prefetch("versions", _current_versions(), to_attr="current_versions"))
        .order_by("-week", "pk")
    )


@extend_schema_view(
    get=extend_schema(
        summary="Timesheets the user may see (own, bought, coordinated)",
        description="`from`/`to` select weeks by their Monday.",
        parameters=[TimesheetFilter],
        tags=["timesheets"],
    )
)
class TimesheetList(generics.ListAPIView):
    serializer_class = TimesheetOut

    def get_queryset(self):
        filters = read_filters(TimesheetFilter, self.request)
        rows = timesheets_visible_to(self.request.user)
        if "state" in filters:
            rows = rows.filter(state=filters["state"])
        if "from" in filters:
            rows = rows.filter(week__gte=filters["from"])
        if "to" in filters:
            rows = rows.filter(week__lte=filters["to"])
        return _listed(rows)


@extend_schema(summary="One timesheet", responses=TimesheetOut, tags=["timesheets"])
class TimesheetDetail(APIView):
    def get(self, request, pk: int):
        return Response(TimesheetOut(found(visible_timesheet(request.user, pk))).data)


@extend_schema(
    summary="Declare a past week (the worker)",
    description="One timesheet per organisation; each organisation's week is declared whole. "
    "Errors of a line are keyed `o<occurrence>-<field>`.",
    request=DeclarationIn,
    responses={201: TimesheetOut(many=True)},
    tags=["timesheets"],
)
class TimesheetDeclare(APIView):
    write_scope = Scope.TIMESHEETS

    def post(self, request):
        serializer = DeclarationIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        worker = own_worker_profile(request.user)
        if worker is None:
            raise PermissionDenied(_("Only a worker declares a week."))
        declared = services.declare_week(
            worker=worker,
            week=serializer.validated_data["week"],
            lines=_lines(serializer.validated_data["lines"]),
            by=request.user,
        )
        rows = _listed(Timesheet.objects.filter(pk__in=[t.pk for t in declared]))
        return Response(TimesheetOut(rows, many=True).data, status=status.HTTP_201_CREATED)


def _answered(request, pk: int, answer) -> Response:
    timesheet = found(visible_timesheet(request.user, pk))
    serializer = AnswerIn(data=request.data)
    serializer.is_valid(raise_exception=True)
    answered = answer(
        timesheet=timesheet,
        by=request.user,
        comment=serializer.validated_data["comment"],
        version_number=serializer.validated_data["version"],
    )
    return Response(TimesheetOut(answered).data)


@extend_schema(
    summary="Validate a declared timesheet (a buyer of its organisation)",
    request=AnswerIn,
    responses=TimesheetOut,
    tags=["timesheets"],
)
class TimesheetValidate(APIView):
    write_scope = Scope.TIMESHEETS

    def post(self, request, pk: int):
        return _answered(request, pk, services.validate_timesheet)


@extend_schema(
    summary="Dispute a declared timesheet (a buyer; the comment says what is wrong)",
    request=AnswerIn,
    responses=TimesheetOut,
    tags=["timesheets"],
)
class TimesheetDispute(APIView):
    write_scope = Scope.TIMESHEETS

    def post(self, request, pk: int):
        return _answered(request, pk, services.dispute_timesheet)
