"""/api/v1/needs/: a buyer's needs (create, read, change while draft, ask a quote, cancel)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, status  # type: ignore[import-untyped]
from rest_framework.exceptions import PermissionDenied  # type: ignore[import-untyped]
from rest_framework.response import Response  # type: ignore[import-untyped]
from rest_framework.views import APIView  # type: ignore[import-untyped]

from maillage.absences.services import CANCELLABLE_NEED_STATES, cancel_need
from maillage.api.v1.common import (
    IDEMPOTENCY_HEADER,
    MAX_ITEMS,
    TEXT_MAX,
    BoundedDate,
    PeriodFilter,
    created_once,
    found,
    read_filters,
)
from maillage.missions.access import missions_visible_to
from maillage.missions.lifecycle import (
    duplicate_need,
    request_quote,
    update_need,
    withdraw_need,
)
from maillage.missions.models import (
    ExcludedPeriod,
    FixedSlot,
    FlexibleWindow,
    Mission,
    MissionKind,
    MissionSkill,
    MissionState,
    PlaceKind,
    ScheduleKind,
)
from maillage.missions.selectors import visible_mission
from maillage.missions.services import (
    DateSpan,
    NeedDescription,
    SkillRequirement,
    WeeklySpan,
    create_need,
)
from maillage.people.access import organisations_buying_for
from maillage.skills.models import Skill
from maillage.territory.models import Commune, ThirdPlace
from maillage.tokens.models import Scope

DAY_MINUTES = 24 * 60


# Output ----------------------------------------------------------------------------------------


class SkillOut(serializers.Serializer):
    skill = serializers.CharField(source="skill.code")
    min_level = serializers.IntegerField()


class SpanOut(serializers.Serializer):
    weekday = serializers.IntegerField(help_text="0 = Monday")
    start_minute = serializers.IntegerField()
    end_minute = serializers.IntegerField()


class ExcludedOut(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    label = serializers.CharField()


class NeedOut(serializers.Serializer):
    id = serializers.IntegerField()
    buyer = serializers.IntegerField(source="buyer_id")
    buyer_name = serializers.CharField(source="buyer.name")
    territory = serializers.IntegerField(source="territory_id")
    title = serializers.CharField()
    description = serializers.CharField()
    kind = serializers.ChoiceField(choices=MissionKind.choices)
    place_kind = serializers.ChoiceField(choices=PlaceKind.choices)
    address = serializers.CharField()
    commune = serializers.CharField(source="commune.insee_code", allow_null=True, default=None)
    third_place = serializers.IntegerField(source="third_place_id", allow_null=True)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    schedule_kind = serializers.ChoiceField(choices=ScheduleKind.choices)
    flexible_weekly_minutes = serializers.IntegerField(allow_null=True)
    flexible_min_block_minutes = serializers.IntegerField(allow_null=True)
    state = serializers.ChoiceField(choices=MissionState.choices)
    replaces = serializers.IntegerField(
        source="replaces_id",
        allow_null=True,
        help_text="the need this one takes over from: last term's, which it renews (a copy "
        "for a later period), or a cancelled one",
    )
    quote_requested_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    skills = SkillOut(many=True)
    slots = SpanOut(many=True)
    windows = SpanOut(many=True)
    excluded = ExcludedOut(many=True, source="excluded_periods")


def _listed(queryset):
    return (
        queryset.select_related("buyer", "commune")
        .prefetch_related(
            Prefetch("skills", queryset=MissionSkill.objects.select_related("skill")),
            Prefetch("slots", queryset=FixedSlot.objects.order_by("weekday", "start_minute")),
            Prefetch(
                "windows", queryset=FlexibleWindow.objects.order_by("weekday", "start_minute")
            ),
            Prefetch("excluded_periods", queryset=ExcludedPeriod.objects.order_by("start")),
        )
        .order_by("-period_start", "-pk")
    )


# Input -----------------------------------------------------------------------------------------


class SkillIn(serializers.Serializer):
    skill = serializers.SlugField(max_length=40, help_text="a skill code of the referential")
    min_level = serializers.IntegerField(min_value=1, max_value=8)

    def validate_skill(self, value: str) -> Skill:
        skill = Skill.objects.filter(code=value).first()
        if skill is None:
            raise serializers.ValidationError(_("Unknown skill."))
        return skill


class SpanIn(serializers.Serializer):
    weekday = serializers.IntegerField(min_value=0, max_value=6, help_text="0 = Monday")
    start_minute = serializers.IntegerField(min_value=0, max_value=DAY_MINUTES)
    end_minute = serializers.IntegerField(min_value=0, max_value=DAY_MINUTES)


class ExcludedIn(serializers.Serializer):
    start = BoundedDate()
    end = BoundedDate()
    label = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class NeedIn(serializers.Serializer):
    """A whole need's description (PUT replaces it whole, as the page's form does)."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(
        max_length=TEXT_MAX, required=False, allow_blank=True, default=""
    )
    kind = serializers.ChoiceField(choices=MissionKind.choices)
    place_kind = serializers.ChoiceField(choices=PlaceKind.choices)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    commune = serializers.RegexField(
        r"^[0-9][0-9AB][0-9]{3}$",
        required=False,
        allow_null=True,
        default=None,
        help_text="INSEE code of the address's commune",
    )
    third_place = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, required=False, allow_null=True, default=None
    )
    period_start = BoundedDate()
    period_end = BoundedDate()
    schedule_kind = serializers.ChoiceField(choices=ScheduleKind.choices)
    flexible_weekly_minutes = serializers.IntegerField(
        min_value=1, max_value=7 * DAY_MINUTES, required=False, allow_null=True, default=None
    )
    flexible_min_block_minutes = serializers.IntegerField(
        min_value=1, max_value=DAY_MINUTES, required=False, allow_null=True, default=None
    )
    skills = SkillIn(many=True, max_length=MAX_ITEMS)
    slots = SpanIn(many=True, required=False, default=list, max_length=MAX_ITEMS)
    windows = SpanIn(many=True, required=False, default=list, max_length=MAX_ITEMS)
    excluded = ExcludedIn(many=True, required=False, default=list, max_length=MAX_ITEMS)

    def validate_commune(self, value: str | None) -> Commune | None:
        if value is None:
            return None
        commune = Commune.objects.filter(insee_code=value).first()
        if commune is None:
            raise serializers.ValidationError(_("Unknown commune."))
        return commune

    def validate_third_place(self, value: int | None) -> ThirdPlace | None:
        if value is None:
            return None
        place = ThirdPlace.objects.filter(pk=value).first()
        if place is None:
            raise serializers.ValidationError(_("Unknown tiers-lieu."))
        return place

    def need_description(self) -> NeedDescription:
        data = self.validated_data
        return NeedDescription(
            title=data["title"],
            description=data["description"],
            kind=data["kind"],
            place_kind=data["place_kind"],
            address=data["address"],
            commune=data["commune"],
            third_place=data["third_place"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            schedule_kind=data["schedule_kind"],
            flexible_weekly_minutes=data["flexible_weekly_minutes"],
            flexible_min_block_minutes=data["flexible_min_block_minutes"],
            skills=[SkillRequirement(s["skill"], s["min_level"]) for s in data["skills"]],
            slots=[WeeklySpan(**s) for s in data["slots"]],
            windows=[WeeklySpan(**s) for s in data["windows"]],
            excluded=[DateSpan(e["start"], e["end"], e["label"]) for e in data["excluded"]],
        )


class NewNeedIn(NeedIn):
    buyer = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        help_text="the organisation the need is for (default: the first the user buys for)",
    )


class NeedFilter(PeriodFilter):
    state = serializers.ChoiceField(choices=MissionState.choices, required=False)
    buyer = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)


class ReasonIn(serializers.Serializer):
    reason = serializers.CharField(max_length=TEXT_MAX)


# Views -----------------------------------------------------------------------------------------


def _need(request, pk: int) -> Mission:
    return found(visible_mission(request.user, pk))


def _out(mission: Mission) -> dict:
    return NeedOut(_listed(Mission.objects.filter(pk=mission.pk)).get()).data


@extend_schema_view(
    get=extend_schema(
        summary="Needs the user may see",
        description="A buyer's organisations' needs, a coordinator's territories' needs. "
        "`from`/`to` keep the needs whose period meets those days.",
        parameters=[NeedFilter],
        tags=["needs"],
    ),
    post=extend_schema(
        summary="Describe a new need (a draft)",
        request=NewNeedIn,
        responses={201: NeedOut},
        parameters=[IDEMPOTENCY_HEADER],
        tags=["needs"],
    ),
)
class NeedList(generics.ListAPIView):
    serializer_class = NeedOut
    scopes = {"GET": Scope.READ, "POST": Scope.NEEDS}

    def get_queryset(self):
        filters = read_filters(NeedFilter, self.request)
        needs = missions_visible_to(self.request.user)
        if "state" in filters:
            needs = needs.filter(state=filters["state"])
        if "buyer" in filters:
            needs = needs.filter(buyer_id=filters["buyer"])
        if "from" in filters:
            needs = needs.filter(period_end__gte=filters["from"])
        if "to" in filters:
            needs = needs.filter(period_start__lte=filters["to"])
        return _listed(needs)

    def post(self, request):
        serializer = NewNeedIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisations = list(organisations_buying_for(request.user))
        wanted = serializer.validated_data.get("buyer")
        named = [o for o in organisations if wanted is None or o.pk == wanted]
        if not named:
            raise PermissionDenied(_("The user does not buy for this organisation."))
        need = serializer.need_description()
        mission, _first = created_once(
            request,
            lambda: create_need(
                buyer=named[0], created_by=request.user, need=need, today=timezone.localdate()
            ),
        )
        return Response(_out(mission), status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(summary="One need", responses=NeedOut, tags=["needs"]),
    put=extend_schema(
        summary="Change a draft need (its whole description)",
        request=NeedIn,
        responses=NeedOut,
        tags=["needs"],
    ),
)
class NeedDetail(APIView):
    scopes = {"GET": Scope.READ, "PUT": Scope.NEEDS}

    def get(self, request, pk: int):
        return Response(_out(_need(request, pk)))

    def put(self, request, pk: int):
        mission = _need(request, pk)
        serializer = NeedIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        need = serializer.need_description()
        update_need(mission=mission, by=request.user, need=need, today=timezone.localdate())
        return Response(_out(mission))


@extend_schema(
    summary="Copy a need as a new draft, or renew it for a later period",
    description="The body is the copy's whole description, dates included (the need page's "
    "copy form offers the next term's). A copy whose period starts after the need's end "
    "renews it (`replaces`): planning that period offers it first to the worker who holds "
    "the need in the last published plan.",
    request=NeedIn,
    responses={201: NeedOut},
    parameters=[IDEMPOTENCY_HEADER],
    tags=["needs"],
)
class NeedCopy(APIView):
    write_scope = Scope.NEEDS

    def post(self, request, pk: int):
        mission = _need(request, pk)
        serializer = NeedIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        need = serializer.need_description()
        copy, _first = created_once(
            request,
            lambda: duplicate_need(
                mission=mission, by=request.user, need=need, today=timezone.localdate()
            ),
        )
        return Response(_out(copy), status=status.HTTP_201_CREATED)


@extend_schema(
    summary="Ask the coordinators for a quote on a draft need",
    request=None,
    responses=NeedOut,
    tags=["needs"],
)
class NeedRequestQuote(APIView):
    write_scope = Scope.NEEDS

    def post(self, request, pk: int):
        mission = request_quote(mission=_need(request, pk), by=request.user)
        return Response(_out(mission))


@extend_schema(
    summary="Cancel a need",
    description="A draft is withdrawn; an accepted, planned or running need is cancelled with "
    "its dated work still to come (within the charter's notice, it stays billable).",
    request=ReasonIn,
    responses=NeedOut,
    tags=["needs"],
)
class NeedCancel(APIView):
    write_scope = Scope.NEEDS

    def post(self, request, pk: int):
        mission = _need(request, pk)
        serializer = ReasonIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        reason = serializer.validated_data["reason"]
        if mission.state in CANCELLABLE_NEED_STATES:
            cancel_need(mission=mission, by=request.user, reason=reason)
        else:
            withdraw_need(mission=mission, by=request.user, reason=reason)
        return Response(_out(mission))
