"""Invoicing pages: the coordinator builds, reviews and issues a month's invoices, records
payments and credits; the buyer reads their invoices and spending, and downloads them."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from maillage.core import idempotency
from maillage.core.models import IdempotencyKey
from maillage.execution.dates import shift_month
from maillage.invoicing.access import (
    buyer_invoices,
    can_invoice,
    can_record_references,
    can_set_group_invoicing,
    drafts_visible_to,
    invoices_visible_to,
)
from maillage.invoicing.billable import hours_of
from maillage.invoicing.exports import write_chorus_folder
from maillage.invoicing.facturx import facturx_pdf, file_name
from maillage.invoicing.models import (
    DraftLine,
    GroupInvoicing,
    Invoice,
    InvoiceDraft,
    PublicReference,
)
from maillage.invoicing.services import (
    build_drafts,
    credit_invoice,
    issue_draft,
    issue_month,
    outstanding,
    overdue_invoices,
    parse_month,
    record_payment,
    set_group_invoicing,
    set_public_reference,
    spending_by_month,
)
from maillage.missions.models import Mission
from maillage.people.access import organisations_buying_for, territories_coordinated_by
from maillage.people.models import BuyerGroup, Role
from maillage.www.invoicing.forms import (
    CreditForm,
    GroupInvoicingForm,
    PaymentForm,
    PublicReferenceForm,
)
from maillage.www.utils.access import allowed_or_403, allowed_or_404, found_or_404, role_required
from maillage.www.utils.forms import add_errors
from maillage.www.utils.pagination import page_of
from maillage.www.utils.requests import SignedInRequest

BUYER_ROLES = (Role.BUYER_MEMBER, Role.GROUP_MANAGER)


def _errors_on(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        add_errors(form, error)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _month_of(request: SignedInRequest, value: str | None) -> dt.date:
    if not value:
        return shift_month(timezone.localdate().replace(day=1), -1)
    try:
        return parse_month(value)
    except ValidationError as error:
        raise Http404 from error


@role_required(Role.COORDINATOR, *BUYER_ROLES)
def index(request: SignedInRequest) -> HttpResponse:
    """Coordinators land on the month's invoicing, buyers on their invoices."""
    if territories_coordinated_by(request.user).exists():
        return redirect("invoicing:month")
    return redirect("invoicing:mine")


@role_required(Role.COORDINATOR)
def month(request: SignedInRequest) -> HttpResponse:
    """The month's drafts to review and issue, the invoices issued, the unpriced work."""
    territories = list(territories_coordinated_by(request.user).order_by("name"))
    territory = territories[0] if territories else None
    wanted = request.GET.get("territory", "")
    if wanted.isdigit():
        territory = found_or_404(next((t for t in territories if t.pk == int(wanted)), None))
    if territory is None:
        raise Http404
    first = _month_of(request, request.GET.get("month"))
    drafts = (
        InvoiceDraft.objects.filter(territory=territory, month=first)
        .select_related("buyer", "buyer_group", "corrects")
        .annotate(total=Sum("lines__amount"))
        .order_by("kind", "buyer__name", "pk")
    )
    invoices = (
        Invoice.objects.filter(territory=territory, month=first)
        .select_related("buyer", "corrects")
        .order_by("sequence_year", "sequence_number")
    )
    return render(
        request,
        "invoicing/month.html",
        {
            "territory": territory,
            "territories": territories,
            "month": first,
            "month_value": f"{first:%Y-%m}",
            "previous_month": f"{shift_month(first, -1):%Y-%m}",
            "next_month": f"{shift_month(first, 1):%Y-%m}",
            "drafts": drafts,
            "pending": sum(draft.pending_timesheets for draft in drafts),
            "invoices": invoices,
        },
    )


def _month_redirect(territory_id: int, first: dt.date) -> HttpResponse:
    return redirect(f"{reverse('invoicing:month')}?territory={territory_id}&month={first:%Y-%m}")


def _territory_posted(request: SignedInRequest):
    wanted = request.POST.get("territory", "")
    if not wanted.isdigit():
        raise Http404
    territory = found_or_404(
        territories_coordinated_by(request.user).filter(pk=int(wanted)).first()
    )
    return territory, _month_of(request, request.POST.get("month") or "x")


@role_required(Role.COORDINATOR)
@require_POST
def build(request: SignedInRequest) -> HttpResponse:
    territory, first = _territory_posted(request)
    report = build_drafts(territory=territory, month=first)
    messages.success(
        request,
        ngettext(
            "%(count)s draft built from the validated timesheets.",
            "%(count)s drafts built from the validated timesheets.",
            len(report.drafts),
        )
        % {"count": len(report.drafts)},
    )
    if report.pending_timesheets:
        messages.warning(
            request,
            ngettext(
                "%(count)s timesheet of the month is not validated yet: only the validated "
                "work is billed; the rest will be on a supplementary invoice.",
                "%(count)s timesheets of the month are not validated yet: only the validated "
                "work is billed; the rest will be on a supplementary invoice.",
                report.pending_timesheets,
            )
            % {"count": report.pending_timesheets},
        )
    for mission in report.unpriced:
        messages.warning(
            request, _("“%(need)s” has no accepted quote: it is not billed.") % {"need": mission}
        )
    if report.via_group_statements_minutes:
        messages.info(
            request,
            _(
                "%(hours)s h worked by employer groups' employees for their members are billed "
                "by the groups' monthly statements, not invoiced."
            )
            % {"hours": formats.localize(hours_of(report.via_group_statements_minutes))},
        )
    return _month_redirect(territory.pk, first)


@role_required(Role.COORDINATOR)
@require_POST
def issue_all(request: SignedInRequest) -> HttpResponse:
    territory, first = _territory_posted(request)
    try:
        issued = issue_month(territory=territory, month=first, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext("%(count)s invoice issued.", "%(count)s invoices issued.", len(issued))
            % {"count": len(issued)},
        )
    return _month_redirect(territory.pk, first)


@role_required(Role.COORDINATOR)
def draft(request: SignedInRequest, pk: int) -> HttpResponse:
    """A draft as the invoice would read, to review before issue."""
    found = found_or_404(
        drafts_visible_to(request.user)
        .select_related("buyer", "buyer_group", "corrects", "territory")
        .prefetch_related(
            Prefetch(
                "lines", queryset=DraftLine.objects.select_related("member").order_by("position")
            )
        )
        .filter(pk=pk)
        .first()
    )
    total = sum((line.amount for line in found.lines.all()), start=0)
    return render(request, "invoicing/draft.html", {"draft": found, "total": total})


@role_required(Role.COORDINATOR)
@require_POST
def issue(request: SignedInRequest, pk: int) -> HttpResponse:
    found = drafts_visible_to(request.user).filter(pk=pk).first()
    if found is None:
        # Issued by the first click of a double click, or rebuilt meanwhile.
        messages.info(request, _("This draft is no longer there: it was issued or rebuilt."))
        return redirect("invoicing:month")
    try:
        invoice = issue_draft(draft=found, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("invoicing:draft", pk=pk)
    messages.success(request, _("Invoice %(number)s issued.") % {"number": invoice.number})
    return redirect("invoicing:invoice", pk=invoice.pk)


def _visible_invoice(request: SignedInRequest, pk: int) -> Invoice:
    return found_or_404(
        invoices_visible_to(request.user)
        .select_related("buyer", "corrects", "territory", "buyer_group")
        .filter(pk=pk)
        .first()
    )


@role_required(Role.COORDINATOR, *BUYER_ROLES)
def invoice(request: SignedInRequest, pk: int) -> HttpResponse:
    found = _visible_invoice(request, pk)
    manages = can_invoice(request.user, found.territory_id)
    return render(
        request,
        "invoicing/invoice.html",
        {
            "invoice": found,
            "lines": found.lines.select_related("member").order_by("position", "pk"),
            "payments": found.payments.order_by("received_on", "pk"),
            "corrections": found.corrections.order_by("issued_at", "pk"),
            "outstanding": outstanding(found),
            "manages": manages,
            "payment_form": PaymentForm(initial={"received_on": timezone.localdate()})
            if manages and not found.is_credit_note
            else None,
            "credit_form": CreditForm() if manages and not found.is_credit_note else None,
        },
    )


@role_required(Role.COORDINATOR, *BUYER_ROLES)
def pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    """The Factur-X PDF, regenerated from the database."""
    found = _visible_invoice(request, pk)
    response = HttpResponse(facturx_pdf(found), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_name(found)}"'
    return response


def _create_on_invoice(request: SignedInRequest, pk: int, form_class, create) -> HttpResponse:
    found = _visible_invoice(request, pk)
    allowed_or_403(can_invoice(request.user, found.territory_id))
    token = idempotency.token_of(request.POST)
    if token and IdempotencyKey.objects.filter(user=request.user, key=token).exists():
        return redirect("invoicing:invoice", pk=pk)  # the same click again
    form = form_class(request.POST)
    if form.is_valid():
        try:
            idempotency.once(user=request.user, key=token, create=lambda: create(found, form))
        except ValidationError as error:
            _errors_on(form, error)
        else:
            messages.success(request, _("Recorded."))
            return redirect("invoicing:invoice", pk=pk)
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for message in errors:
            messages.error(request, f"{label}: {message}" if label else message)
    return redirect("invoicing:invoice", pk=pk)


@role_required(Role.COORDINATOR)
@require_POST
def add_payment(request: SignedInRequest, pk: int) -> HttpResponse:
    return _create_on_invoice(
        request,
        pk,
        PaymentForm,
        lambda invoice, form: record_payment(
            invoice=invoice,
            amount=form.cleaned_data["amount"],
            received_on=form.cleaned_data["received_on"],
            reference=form.cleaned_data["reference"],
            by=request.user,
        ),
    )


@role_required(Role.COORDINATOR)
@require_POST
def credit(request: SignedInRequest, pk: int) -> HttpResponse:
    return _create_on_invoice(
        request,
        pk,
        CreditForm,
        lambda invoice, form: credit_invoice(
            invoice=invoice, by=request.user, reason=form.cleaned_data["reason"]
        ),
    )


@role_required(Role.COORDINATOR)
def chorus(request: SignedInRequest) -> HttpResponse:
    """The month's Chorus Pro folder as a ZIP: the public buyers' Factur-X PDFs and index."""
    wanted = request.GET.get("territory", "")
    if not wanted.isdigit():
        raise Http404
    territory = found_or_404(
        territories_coordinated_by(request.user).filter(pk=int(wanted)).first()
    )
    first = _month_of(request, request.GET.get("month") or "x")
    invoices = (
        Invoice.objects.filter(territory=territory, month=first, buyer_is_public=True)
        .select_related("corrects")
        .order_by("sequence_year", "sequence_number")
    )
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_chorus_folder(invoices, root)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(root).as_posix())
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="chorus-pro-{first:%Y-%m}.zip"'
    return response


@role_required(Role.COORDINATOR)
def overdue(request: SignedInRequest) -> HttpResponse:
    rows = overdue_invoices(
        territory_ids=territories_coordinated_by(request.user).values_list("pk", flat=True)
    )
    return render(request, "invoicing/overdue.html", {"page": page_of(request, rows)})


@role_required(*BUYER_ROLES)
def mine(request: SignedInRequest) -> HttpResponse:
    """The buyer's invoices, and what they spent per month."""
    rows = buyer_invoices(request.user).select_related("buyer").order_by("-issued_at", "-pk")
    spending = spending_by_month(
        buyer_invoices(request.user).only("month", "kind", "total_incl_tax")
    )
    # What a public buyer gives for Chorus Pro, need by need; how a managed group is billed.
    public_needs = (
        Mission.objects.filter(
            buyer__in=organisations_buying_for(request.user).filter(is_public_buyer=True),
            quotes__state="accepted",
        )
        .select_related("public_reference")
        .order_by("-period_start", "title")
        .distinct()[:50]
    )
    groups = BuyerGroup.objects.filter(
        kind=BuyerGroup.Kind.PURCHASING,
        memberships__user=request.user,
        memberships__role=Role.GROUP_MANAGER,
    ).order_by("name")
    return render(
        request,
        "invoicing/mine.html",
        {
            "page": page_of(request, rows),
            "spending": spending,
            "public_needs": public_needs,
            "groups": groups,
        },
    )


@role_required(Role.COORDINATOR, *BUYER_ROLES)
def references(request: SignedInRequest, pk: int) -> HttpResponse:
    """A public buyer gives the service code and legal commitment number for a need."""
    mission = found_or_404(Mission.objects.select_related("buyer").filter(pk=pk).first())
    allowed_or_404(can_record_references(request.user, mission))
    current = PublicReference.objects.filter(mission=mission).first()
    initial = (
        {"service_code": current.service_code, "commitment_number": current.commitment_number}
        if current
        else {}
    )
    form = PublicReferenceForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                set_public_reference(mission=mission, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                _errors_on(form, error)
            else:
                messages.success(request, _("The references are saved for the next invoices."))
                return redirect("invoicing:references", pk=mission.pk)
        status = 400
    return render(
        request, "invoicing/references.html", {"mission": mission, "form": form}, status=status
    )


@role_required(Role.COORDINATOR, Role.GROUP_MANAGER)
def group_settings(request: SignedInRequest, pk: int) -> HttpResponse:
    """How a purchasing group is invoiced."""
    group = found_or_404(BuyerGroup.objects.filter(pk=pk, kind=BuyerGroup.Kind.PURCHASING).first())
    allowed_or_404(can_set_group_invoicing(request.user, group))
    current = GroupInvoicing.objects.filter(group=group).first()
    initial = {"mode": current.mode, "payer": current.payer_id} if current else {}
    form = GroupInvoicingForm(
        request.POST if request.method == "POST" else None, initial=initial, group=group
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                set_group_invoicing(group=group, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                _errors_on(form, error)
            else:
                messages.success(request, _("The group's invoicing is saved."))
                return redirect("invoicing:group", pk=group.pk)
        status = 400
    return render(request, "invoicing/group.html", {"group": group, "form": form}, status=status)
