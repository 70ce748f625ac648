"""Pages of the territory's directory: the list and map, a structure, the CSV import, the
diagnosis questionnaire."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from maillage.core import idempotency
from maillage.directory import access, selectors
from maillage.directory.models import Structure, StructureKind
from maillage.directory.services import answer_diagnosis, create_structure, import_structures
from maillage.gpec.diagnosis_demand import declared_demand
from maillage.people.models import Role
from maillage.www.directory.charts import structures_map
from maillage.www.directory.forms import DiagnosisForm, ImportForm, StructureForm
from maillage.www.utils.access import allowed_or_403, found_or_404, role_required
from maillage.www.utils.requests import SignedInRequest


@role_required(*access.VIEW_ROLES)
def home(request: SignedInRequest) -> HttpResponse:
    territories = list(access.territories_visible_to(request.user))
    if len(territories) == 1:
        return redirect("directory:territory", slug=territories[0].slug)
    return render(request, "directory/home.html", {"territories": territories})


def _list_page(request, territory, structure_form=None, status=200):
    kind = request.GET.get("kind", "")
    kind = kind if kind in StructureKind.values else ""
    structures = list(selectors.structures_of(territory, kind=kind))
    points, unlocated = selectors.map_points(structures)
    groups = [
        (epci or _("Communes outside any EPCI"), list(items))
        for epci, items in groupby(structures, key=lambda s: s.commune.epci_name)
    ]
    declared = declared_demand(territory)
    return render(
        request,
        "directory/territory.html",
        {
            "territory": territory,
            "groups": groups,
            "count": len(structures),
            "kinds": StructureKind.choices,
            "kind": kind,
            "map": structures_map(
                title=_("Structures of the directory by commune"),
                desc=_("Circle areas grow with the number of structures; the list gives them."),
                points=points,
            ),
            "unlocated": unlocated,
            "declared_hours": round(declared.minutes / 60, 1),
            "declared_structures": declared.structures,
            "can_edit": access.can_edit(request.user, territory),
            "structure_form": structure_form or StructureForm(),
        },
        status=status,
    )


@role_required(*access.VIEW_ROLES)
def territory_page(request: SignedInRequest, slug: str) -> HttpResponse:
    territory = found_or_404(selectors.visible_territory(request.user, slug))
    return _list_page(request, territory)


@role_required(Role.COORDINATOR)
def structure_create(request: SignedInRequest, slug: str) -> HttpResponse:
    territory = found_or_404(selectors.visible_territory(request.user, slug))
    allowed_or_403(access.can_edit(request.user, territory))
    if request.method != "POST":
        return redirect("directory:territory", slug=slug)
    form = StructureForm(request.POST)
    if form.is_valid():
        try:
            structure, _first = idempotency.once(
                user=request.user,
                key=idempotency.token_of(request.POST),
                create=lambda: create_structure(
                    territory=territory, values=form.cleaned_data, by=request.user
                ),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The structure is added to the directory."))
            return redirect("directory:structure", slug=slug, pk=structure.pk)
    messages.error(request, _("The structure could not be added: please correct it."))
    return _list_page(request, territory, structure_form=form, status=400)


@role_required(Role.COORDINATOR)
def import_page(request: SignedInRequest, slug: str) -> HttpResponse:
    territory = found_or_404(selectors.visible_territory(request.user, slug))
    allowed_or_403(access.can_edit(request.user, territory))
    report = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        report = import_structures(
            territory=territory, content=form.cleaned_data["file"].read(), by=request.user
        )
        if report.ok:
            messages.success(
                request, _("%(count)s structures imported.") % {"count": report.created}
            )
    status = 400 if request.method == "POST" and (report is None or not report.ok) else 200
    return render(
        request,
        "directory/import.html",
        {"territory": territory, "form": form, "report": report},
        status=status,
    )


@role_required(*access.VIEW_ROLES)
def structure_detail(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    territory = found_or_404(selectors.visible_territory(request.user, slug))
    structure = (
        Structure.objects.filter(territory=territory, pk=pk).select_related("commune").first()
    )
    if structure is None:
        raise Http404
    can_edit = access.can_edit(request.user, territory)
    form = DiagnosisForm(request.POST or None)
    status = 200
    if request.method == "POST":
        allowed_or_403(can_edit)
        if form.is_valid():
            try:
                idempotency.once(
                    user=request.user,
                    key=idempotency.token_of(request.POST),
                    create=lambda: answer_diagnosis(
                        structure=structure, by=request.user, **form.cleaned_data
                    ),
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("The answers are recorded."))
                return redirect("directory:structure", slug=slug, pk=pk)
        status = 400
    return render(
        request,
        "directory/structure.html",
        {
            "territory": territory,
            "structure": structure,
            "answers": list(structure.diagnosis_answers.order_by("-answered_at", "-pk")),
            "form": form,
            "can_edit": can_edit,
        },
        status=status,
    )
