"""The audit log's page and its CSV export (coordinators: their territories; admins: all)."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from maillage.audit.access import log_territories
from maillage.audit.selectors import EventFilter, filtered_events
from maillage.core.documents.tabular import csv_bytes
from maillage.people.models import Role
from maillage.www.audit.forms import EventFilterForm
from maillage.www.utils.access import role_required
from maillage.www.utils.pagination import page_of
from maillage.www.utils.requests import SignedInRequest

#: The export's longest file (a narrower filter gives the rest).
EXPORT_MAX_ROWS = 20_000


def _form(request: SignedInRequest) -> EventFilterForm:
    return EventFilterForm(
        request.GET or None, territories=log_territories(request.user).order_by("name")
    )


@role_required(Role.COORDINATOR)
def log(request: SignedInRequest) -> HttpResponse:
    form = _form(request)
    events = filtered_events(request.user, form.chosen() if form.is_bound else EventFilter())
    page = page_of(request, events, per_page=50)
    return render(
        request,
        "audit/log.html",
        {"form": form, "page": page, "query": request.GET.urlencode()},
    )


@role_required(Role.COORDINATOR)
def export(request: SignedInRequest) -> HttpResponse:
    form = _form(request)
    events = filtered_events(request.user, form.chosen() if form.is_bound else EventFilter())
    header = [
        _("When"),
        _("Who"),
        _("Action"),
        _("Target type"),
        _("Target id"),
        _("Target"),
        _("Territory"),
        _("IP address"),
        _("User agent"),
        _("Detail"),
    ]
    rows = [header] + [
        [
            timezone.localtime(e.at).isoformat(timespec="seconds"),
            e.actor_label,
            e.action,
            e.target_type,
            e.target_id,
            e.target_label,
            e.territory.name if e.territory else "",
            e.ip_address or "",
            e.user_agent,
            _detail(e.detail),
        ]
        for e in events[:EXPORT_MAX_ROWS]
    ]
    response = HttpResponse(
        csv_bytes(rows=rows, language=get_language() or "fr"),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="maillage-audit-log.csv"'
    return response


def _detail(detail) -> str:
    return json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else ""
