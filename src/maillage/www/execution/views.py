"""Dated work pages: a worker's week and month, a buyer's week, the territory's calendar,
calendar-feed links and the feeds themselves."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from maillage.execution.access import can_have_feed, feed_still_allowed
from maillage.execution.calendar import build_feed
from maillage.execution.dates import (
    iso_week_label,
    month_last_day,
    parse_day,
    parse_iso_week,
    parse_month,
    shift_month,
)
from maillage.execution.models import FeedKind
from maillage.execution.selectors import (
    active_feed,
    buyer_days,
    feed_occurrences,
    feed_tokens,
    territory_days,
    worker_days,
)
from maillage.execution.services import create_feed_token, revoke_feed_token
from maillage.missions.models import MissionKind
from maillage.people.access import (
    is_worker,
    organisations_buying_for,
    own_worker_profile,
    territories_coordinated_by,
)
from maillage.people.models import Organisation, Role, WorkerProfile
from maillage.www.utils.access import found_or_403, found_or_404, role_required
from maillage.www.utils.requests import HtmxRequest, SignedInRequest

BUYER_ROLES = (Role.BUYER_MEMBER, Role.GROUP_MANAGER)
# secrets.token_urlsafe(32): 43 characters of the URL-safe base64 alphabet. Anything else is
# refused before the database is asked.
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def _week(request: SignedInRequest) -> tuple[dt.date, dict[str, Any]]:
    monday = parse_iso_week(request.GET.get("week"), default=timezone.localdate())
    sunday = monday + dt.timedelta(days=6)
    return monday, {
        "monday": monday,
        "sunday": sunday,
        "week": iso_week_label(monday),
        "previous_week": iso_week_label(monday - dt.timedelta(days=7)),
        "next_week": iso_week_label(monday + dt.timedelta(days=7)),
    }


def _int_param(request: SignedInRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return int(value)


@role_required(Role.WORKER)
def worker_week(request: SignedInRequest) -> HttpResponse:
    worker = found_or_403(own_worker_profile(request.user))
    monday, context = _week(request)
    days = worker_days(request.user, worker, monday, context["sunday"])
    return render(
        request,
        "execution/worker_week.html",
        {
            **context,
            "worker": worker,
            "days": days,
            "month": f"{monday:%Y-%m}",
            "total_minutes": _planned_minutes(days),
        },
    )


@role_required(Role.WORKER)
def worker_month(request: SignedInRequest) -> HttpResponse:
    worker = found_or_403(own_worker_profile(request.user))
    first = parse_month(request.GET.get("month"), default=timezone.localdate())
    last = month_last_day(first)
    days = worker_days(request.user, worker, first, last, keep_empty=False)
    return render(
        request,
        "execution/worker_month.html",
        {
            "worker": worker,
            "first": first,
            "days": days,
            "previous_month": f"{shift_month(first, -1):%Y-%m}",
            "next_month": f"{shift_month(first, 1):%Y-%m}",
            "week": iso_week_label(first),
            "total_minutes": _planned_minutes(days),
        },
    )


def _planned_minutes(days) -> int:
    return sum(
        item.occurrence.minutes
        for day in days
        for item in day.items
        if item.occurrence.state not in ("cancelled", "replaced")
    )


@role_required(*BUYER_ROLES)
def buyer_week(request: SignedInRequest) -> HttpResponse:
    organisations = list(organisations_buying_for(request.user))
    organisation_id = _int_param(request, "organisation")
    if organisation_id is not None and organisation_id not in {o.pk for o in organisations}:
        raise Http404
    monday, context = _week(request)
    days = buyer_days(request.user, monday, context["sunday"], organisation_id=organisation_id)
    return render(
        request,
        "execution/buyer_week.html",
        {
            **context,
            "days": days,
            "organisations": organisations,
            "organisation_id": organisation_id,
            "now": timezone.now(),
        },
    )


@role_required(Role.COORDINATOR)
def territory_calendar(request: SignedInRequest) -> HttpResponse:
    territories = list(territories_coordinated_by(request.user))
    if not territories:
        raise Http404
    territory_id = _int_param(request, "territory") or territories[0].pk
    territory = found_or_404(next((t for t in territories if t.pk == territory_id), None))
    workers = list(
        WorkerProfile.objects.filter(territory=territory)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    buyers = list(
        Organisation.objects.filter(missions__territory=territory).distinct().order_by("name")
    )
    worker_id = _int_param(request, "worker")
    buyer_id = _int_param(request, "buyer")
    kind = request.GET.get("kind", "")
    if worker_id is not None and worker_id not in {w.pk for w in workers}:
        raise Http404
    if buyer_id is not None and buyer_id not in {b.pk for b in buyers}:
        raise Http404
    if kind and kind not in MissionKind.values:
        raise Http404
    by_day = request.GET.get("view") == "day"
    if by_day:
        first = parse_day(request.GET.get("day"), default=timezone.localdate())
        last = first
        context: dict[str, Any] = {
            "day": first,
            "previous_day": first - dt.timedelta(days=1),
            "next_day": first + dt.timedelta(days=1),
            "week": iso_week_label(first - dt.timedelta(days=first.weekday())),
        }
    else:
        first, context = _week(request)
        last = context["sunday"]
    days = territory_days(
        request.user,
        first,
        last,
        territory_id=territory.pk,
        worker_id=worker_id,
        buyer_id=buyer_id,
        kind=kind,
    )
    return render(
        request,
        "execution/calendar.html",
        {
            **context,
            "by_day": by_day,
            "days": days,
            "territories": territories,
            "territory": territory,
            "workers": workers,
            "buyers": buyers,
            "kinds": MissionKind.choices,
            "worker_id": worker_id,
            "buyer_id": buyer_id,
            "kind": kind,
        },
    )


@role_required(Role.WORKER, *BUYER_ROLES)
def feeds(request: SignedInRequest) -> HttpResponse:
    """The user's calendar links: create one (POST), see and revoke them."""
    organisations = list(organisations_buying_for(request.user))
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        organisation = None
        if kind == FeedKind.BUYER:
            organisation_id = request.POST.get("organisation", "")
            organisation = found_or_404(
                next((o for o in organisations if str(o.pk) == organisation_id), None)
            )
        if not can_have_feed(request.user, kind=kind, organisation=organisation):
            raise Http404
        create_feed_token(user=request.user, kind=kind, organisation=organisation)
        messages.success(request, _("Your calendar link is ready: copy it into your calendar."))
        return redirect("execution:feeds")
    return render(
        request,
        "execution/feeds.html",
        {
            "feeds": feed_tokens(request.user),
            "may_have_worker_feed": is_worker(request.user),
            "organisations": organisations,
        },
    )


@require_POST
@role_required(Role.WORKER, *BUYER_ROLES)
def feed_revoke(request: SignedInRequest, pk: int) -> HttpResponse:
    feed = found_or_404(feed_tokens(request.user).filter(pk=pk).first())
    try:
        revoke_feed_token(feed=feed, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("This calendar link no longer works."))
    return redirect("execution:feeds")


@require_GET
@login_not_required
def feed(request: HtmxRequest, token: str) -> HttpResponse:
    """A calendar feed, public to whoever holds its secret URL; 404 once revoked."""
    if not _TOKEN.match(token):
        raise Http404
    found = active_feed(token)
    if found is None or not feed_still_allowed(found):
        raise Http404
    now = timezone.now()
    if found.kind == FeedKind.WORKER:
        name = _("Maillage — my work")
    else:
        name = _("Maillage — %(organisation)s") % {"organisation": found.organisation}
    body = build_feed(
        found, feed_occurrences(found, today=timezone.localdate()), now=now, name=name
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="maillage.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
