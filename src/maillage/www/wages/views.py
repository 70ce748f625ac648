"""Wages pages: the payroll exports (run, read, download), the employer groups' statements,
and the coordinators' money dashboard.

Access rules come from the domain (``wages.access``): a coordinator of the territory runs and
reads exports line by line; a union representative reads their totals with small groups
hidden; a member of an employer group reads its own statements only.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core import idempotency
from maillage.gpec.money import money_dashboard
from maillage.people.access import workers_coordinated_by
from maillage.people.models import Role
from maillage.wages import selectors
from maillage.wages.access import (
    COORDINATOR,
    audience,
    employer_groups_for,
    export_territories,
    summary_territories,
)
from maillage.wages.documents import (
    COLUMNS,
    export_csv,
    export_xlsx,
    file_name,
    statement_csv,
    statement_file_name,
)
from maillage.wages.services import employ_for_group, end_group_employment, run_payroll_export
from maillage.wages.summary import export_summary
from maillage.www.utils.access import found_or_404, role_required
from maillage.www.utils.forms import add_errors
from maillage.www.utils.pagination import page_of
from maillage.www.utils.requests import SignedInRequest
from maillage.www.wages.forms import (
    DashboardForm,
    EmployForm,
    EndEmploymentForm,
    RunExportForm,
)

#: A payroll page shows this many employees (the file has them all).
LINES_PER_PAGE = 100
WAGES_ROLES = (Role.COORDINATOR, Role.UNION_REP, Role.BUYER_MEMBER, Role.GROUP_MANAGER)


def _employ_form(request: SignedInRequest, data=None) -> EmployForm:
    return EmployForm(
        data,
        groups=employer_groups_for(request.user),
        workers=workers_coordinated_by(request.user),
    )


def _home_context(
    request: SignedInRequest,
    form: RunExportForm | None = None,
    employ_form: EmployForm | None = None,
) -> dict:
    coordinated = export_territories(request.user).exists()
    if form is None and coordinated:
        form = RunExportForm(territories=export_territories(request.user))
    if employ_form is None and coordinated:
        employ_form = _employ_form(request)
    return {
        "form": form,
        "employ_form": employ_form,
        "employments": page_of(
            request, selectors.employment_list(request.user), param="employments"
        ),
        "exports": page_of(request, selectors.export_list(request.user), param="exports"),
        "statements": page_of(request, selectors.statement_list(request.user), param="statements"),
    }


@role_required(*WAGES_ROLES)
def home(request: SignedInRequest) -> HttpResponse:
    """Exports (run one, read them) and statements, as far as the user may see them."""
    return render(request, "wages/home.html", _home_context(request))


@require_POST
@role_required(Role.COORDINATOR)
def run_export(request: SignedInRequest) -> HttpResponse:
    """Compute and record a new version of a territory's payroll for a month."""
    form = RunExportForm(request.POST, territories=export_territories(request.user))
    if form.is_valid():
        before = selectors.latest_version_number(
            territory=form.cleaned_data["territory"], month=form.cleaned_data["month"]
        )
        try:
            export, _first = idempotency.once(
                user=request.user,
                key=idempotency.token_of(request.POST),
                create=lambda: run_payroll_export(
                    territory=form.cleaned_data["territory"],
                    month=form.cleaned_data["month"],
                    by=request.user,
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if export.number == before:
                messages.info(
                    request,
                    _("Nothing changed since version %(number)s: it is kept.")
                    % {"number": export.number},
                )
            else:
                messages.success(request, _("The payroll export is recorded."))
            return redirect("wages:export_detail", pk=export.pk)
    return render(request, "wages/home.html", _home_context(request, form=form), status=400)


@require_POST
@role_required(Role.COORDINATOR)
def employ(request: SignedInRequest) -> HttpResponse:
    """Record that an employer group employs a worker from a month on."""
    form = _employ_form(request, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            idempotency.once(
                user=request.user,
                key=idempotency.token_of(request.POST),
                create=lambda: employ_for_group(
                    group=data["group"],
                    worker=data["worker"],
                    first_month=data["first_month"],
                    fee_rate=data["fee_percent"] / 100,
                    by=request.user,
                ),
            )
        except ValidationError as error:
            add_errors(form, error, renamed={"fee_rate": "fee_percent"})
        else:
            messages.success(request, _("The group employment is recorded."))
            return redirect("wages:home")
    return render(request, "wages/home.html", _home_context(request, employ_form=form), status=400)


@require_POST
@role_required(Role.COORDINATOR)
def end_employment(request: SignedInRequest, pk: int) -> HttpResponse:
    """Set the last month a group employs the worker (once)."""
    employment = found_or_404(selectors.visible_employment(request.user, pk))
    form = EndEmploymentForm(request.POST)
    if form.is_valid():
        try:
            end_group_employment(
                employment=employment, last_month=form.cleaned_data["last_month"], by=request.user
            )
        except ValidationError as error:
            for refusal in error.messages:
                messages.error(request, refusal)
        else:
            messages.success(request, _("The group employment's last month is recorded."))
    else:
        for errors in form.errors.values():
            for problem in errors:
                messages.error(request, str(problem))
    return redirect("wages:home")


@role_required(Role.COORDINATOR, Role.UNION_REP)
def export_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    """The export's totals; its lines and files for the territory's coordinators."""
    export = found_or_404(selectors.visible_summary(request.user, pk))
    shown_to = audience(request.user, export.territory)
    if shown_to is None:  # pragma: no cover (visible_summary already says so)
        raise PermissionDenied
    lines = (
        page_of(request, selectors.export_lines(export), param="lines", per_page=LINES_PER_PAGE)
        if shown_to == COORDINATOR
        else None
    )
    return render(
        request,
        "wages/export_detail.html",
        {
            "export": export,
            "summary": export_summary(export, shown_to),
            "lines": lines,
            "is_coordinator": shown_to == COORDINATOR,
            "columns": COLUMNS,
        },
    )


@role_required(Role.COORDINATOR)
def export_download(request: SignedInRequest, pk: int, fmt: str) -> HttpResponse:
    """The export as a file for the payroll software: CSV (French spreadsheets) or XLSX."""
    export = found_or_404(selectors.visible_export(request.user, pk))
    if fmt == "csv":
        response = HttpResponse(
            export_csv([export], language=get_language() or "fr"),
            content_type="text/csv; charset=utf-8",
        )
    else:
        response = HttpResponse(
            export_xlsx([export]),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{file_name(export, fmt)}"'
    return response


@role_required(Role.COORDINATOR, Role.BUYER_MEMBER, Role.GROUP_MANAGER)
def statement_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    """One member's statement: each worker's hours there and the shares owed."""
    statement = found_or_404(selectors.visible_statement(request.user, pk))
    return render(request, "wages/statement_detail.html", {"statement": statement})


@role_required(Role.COORDINATOR, Role.BUYER_MEMBER, Role.GROUP_MANAGER)
def statement_download(request: SignedInRequest, pk: int) -> HttpResponse:
    """The statement as CSV for the member's accounting (French spreadsheets)."""
    statement = found_or_404(selectors.visible_statement(request.user, pk))
    response = HttpResponse(
        statement_csv(statement, language=get_language() or "fr"),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{statement_file_name(statement)}"'
    return response


@role_required(Role.COORDINATOR, Role.UNION_REP)
def dashboard(request: SignedInRequest) -> HttpResponse:
    """Invoiced, paid, overdue, fee revenue, and the share that reached workers, by month."""
    territories = summary_territories(request.user)
    first = territories.order_by("name").first()
    if first is None:
        raise PermissionDenied
    today = timezone.localdate()
    initial = {"territory": first.slug, "month": f"{today:%Y-%m}"}
    form = DashboardForm(request.GET or initial, territories=territories)
    board = None
    if form.is_valid():
        territory = form.cleaned_data["territory"]
        shown_to = audience(request.user, territory)
        if shown_to is None:  # pragma: no cover (the form offers only the user's territories)
            raise PermissionDenied
        board = money_dashboard(
            territory=territory,
            month=form.cleaned_data["month"],
            audience=shown_to,
            today=today,
        )
    return render(
        request,
        "wages/dashboard.html",
        {"form": form, "board": board},
        status=200 if form.is_valid() else 400,
    )
