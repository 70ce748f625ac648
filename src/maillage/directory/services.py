"""Adding structures (one by one, or a whole CSV at once) and recording diagnosis answers."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.directory.models import CooperativeLink, DiagnosisAnswer, Structure, StructureKind
from maillage.missions.models import MissionKind
from maillage.people.models import User
from maillage.people.siret import is_valid_siret, normalise_siret
from maillage.territory.models import Commune, Territory

COLUMNS = (
    "name",
    "kind",
    "commune",
    "siret",
    "contact_name",
    "contact_email",
    "contact_phone",
    "activities",
    "link",
)
REQUIRED_COLUMNS = ("name", "kind", "commune")
MAX_ROWS = 2000
MAX_BYTES = 1_000_000
LIMITS = {"name": 200, "contact_name": 200, "contact_phone": 20, "activities": 2000}


@dataclass
class ImportLine:
    number: int  # line of the file (the header is line 1)
    name: str
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    lines: list[ImportLine]
    file_errors: list[str]
    created: int = 0

    @property
    def ok(self) -> bool:
        return not self.file_errors and not any(line.errors for line in self.lines)


def _commune_index(territory: Territory) -> tuple[dict[str, Commune], dict[str, list[Commune]]]:
    communes = list(Commune.objects.filter(pk__in=territory.communes.values("pk")))
    by_code = {c.insee_code: c for c in communes}
    by_name: dict[str, list[Commune]] = {}
    for commune in communes:
        by_name.setdefault(commune.name.casefold(), []).append(commune)
    return by_code, by_name


def check_structure(
    *,
    territory: Territory,
    values: Mapping[str, str],
    communes: tuple[dict[str, Commune], dict[str, list[Commune]]],
) -> tuple[dict, list[str]]:
    """The fields of one structure, cleaned, and the list of what is wrong with them."""
    errors: list[str] = []
    name = " ".join((values.get("name") or "").split())
    if not name:
        errors.append(_("The name is missing."))
    kind = (values.get("kind") or "").strip()
    if kind not in StructureKind.values:
        errors.append(
            _("Unknown kind %(kind)r (expected one of: %(kinds)s).")
            % {"kind": kind, "kinds": ", ".join(StructureKind.values)}
        )
    link = (values.get("link") or "").strip() or CooperativeLink.NONE
    if link not in CooperativeLink.values:
        errors.append(_("Unknown link %(link)r.") % {"link": link})
    raw_commune = (values.get("commune") or "").strip()
    by_code, by_name = communes
    commune = by_code.get(raw_commune)
    if commune is None:
        matches = by_name.get(raw_commune.casefold(), [])
        if len(matches) == 1:
            commune = matches[0]
        elif len(matches) > 1:
            errors.append(
                _("Several communes are named %(name)s: give the INSEE code.")
                % {"name": raw_commune}
            )
        else:
            errors.append(
                _("Unknown commune %(commune)r on this territory.") % {"commune": raw_commune}
            )
    siret = normalise_siret(values.get("siret") or "")
    if siret and not is_valid_siret(siret):
        errors.append(_("Wrong SIRET %(siret)s (14 digits, check digit).") % {"siret": siret})
    email = (values.get("contact_email") or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("Wrong contact email %(email)s.") % {"email": email})
    cleaned: dict[str, Any] = {
        "name": name,
        "kind": kind,
        "link": link,
        "commune": commune,
        "siret": siret,
        "contact_name": (values.get("contact_name") or "").strip(),
        "contact_email": email,
        "contact_phone": (values.get("contact_phone") or "").strip(),
        "activities": (values.get("activities") or "").strip(),
    }
    for name_of_field, limit in LIMITS.items():
        if len(cleaned[name_of_field]) > limit:
            errors.append(
                _("%(field)s is longer than %(limit)s characters.")
                % {"field": name_of_field, "limit": limit}
            )
    return cleaned, errors


def _duplicate_errors(territory: Territory, cleaned: dict, seen: dict, number: int) -> list[str]:
    errors = []
    commune = cleaned["commune"]
    if commune is not None and cleaned["name"]:
        key = (cleaned["name"].casefold(), commune.pk)
        if key in seen:
            errors.append(
                _("Duplicate of line %(line)s (same name and commune).") % {"line": seen[key]}
            )
        elif Structure.objects.filter(
            territory=territory, name__iexact=cleaned["name"], commune=commune
        ).exists():
            errors.append(_("Already in the directory (same name and commune)."))
        seen.setdefault(key, number)
    if cleaned["siret"]:
        key = ("siret", cleaned["siret"])
        if key in seen:
            errors.append(_("Same SIRET as line %(line)s.") % {"line": seen[key]})
        elif Structure.objects.filter(territory=territory, siret=cleaned["siret"]).exists():
            errors.append(_("A structure with this SIRET is already listed."))
        seen.setdefault(key, number)
    return errors


def import_structures(*, territory: Territory, content: bytes, by: User | None) -> ImportReport:
    """Import a CSV of structures: every line is checked, and nothing is saved unless every
    line is right (the report says what is wrong, line by line)."""
    if len(content) > MAX_BYTES:
        return ImportReport([], [_("The file is larger than 1 MB.")])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ImportReport([], [_("The file is not UTF-8 text.")])
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        return ImportReport(
            [], [_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}]
        )
    reader.fieldnames = header
    communes = _commune_index(territory)
    lines: list[ImportLine] = []
    rows: list[dict] = []
    seen: dict = {}
    try:
        for index, row in enumerate(reader):
            if index >= MAX_ROWS:
                return ImportReport(
                    [], [_("At most %(count)s lines at once.") % {"count": MAX_ROWS}]
                )
            number = reader.line_num
            values = {k: (v if isinstance(v, str) else "") for k, v in row.items() if k}
            cleaned, errors = check_structure(territory=territory, values=values, communes=communes)
            errors += _duplicate_errors(territory, cleaned, seen, number)
            lines.append(ImportLine(number, cleaned["name"], errors))
            rows.append(cleaned)
    except csv.Error as error:
        return ImportReport(
            lines, [_("The file is not a readable CSV: %(error)s") % {"error": error}]
        )
    if not lines:
        return ImportReport([], [_("The file has no line to import.")])
    report = ImportReport(lines, [])
    if not report.ok:
        return report
    with transaction.atomic():
        Structure.objects.bulk_create(
            Structure(territory=territory, created_by=by, **row) for row in rows
        )
    report.created = len(rows)
    return report


def create_structure(*, territory: Territory, values: Mapping[str, str], by: User | None):
    """One structure from the page's form (commune given by INSEE code or name)."""
    cleaned, errors = check_structure(
        territory=territory, values=values, communes=_commune_index(territory)
    )
    errors += _duplicate_errors(territory, cleaned, {}, 0)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return Structure.objects.create(territory=territory, created_by=by, **cleaned)


def _hours(value: object, field_name: str, errors: dict) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors[field_name] = [_("Enter a number of hours.")]
        return Decimal(0)
    if not number.is_finite() or number < 0 or number > 200:
        errors[field_name] = [_("Hours a week are between 0 and 200.")]
        return Decimal(0)
    return number.quantize(Decimal("0.01"))


def answer_diagnosis(
    *,
    structure: Structure,
    activities: str,
    needs: str,
    wishes: str,
    kinds_wanted: list[str],
    hours_to_buy_per_week: object,
    hours_to_offer_per_week: object,
    by: User | None,
) -> DiagnosisAnswer:
    """Record a structure's answers (a new answer; the older ones stay as history)."""
    errors: dict[str, list[str]] = {}
    unknown = [k for k in kinds_wanted if k not in MissionKind.values]
    if unknown:
        errors["kinds_wanted"] = [_("Unknown kinds of missions.")]
    buy = _hours(hours_to_buy_per_week, "hours_to_buy_per_week", errors)
    offer = _hours(hours_to_offer_per_week, "hours_to_offer_per_week", errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return DiagnosisAnswer.objects.create(
            structure=structure,
            activities=activities,
            needs=needs,
            wishes=wishes,
            kinds_wanted=sorted(set(kinds_wanted)),
            hours_to_buy_per_week=buy,
            hours_to_offer_per_week=offer,
            answered_by=by,
        )
