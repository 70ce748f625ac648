"""Operations on communes and territories."""

from __future__ import annotations

import csv
import gzip
import io
import math
from pathlib import Path

from django.db import transaction

from maillage.territory.models import Commune, Territory, TerritoryKind

COMMUNES_FILE = Path(__file__).resolve().parent / "data" / "communes-fr.csv.gz"
COMMUNE_FIELDS = (
    "name",
    "postal_codes",
    "departement_code",
    "departement_name",
    "region_name",
    "epci_siren",
    "epci_name",
    "population",
    "latitude",
    "longitude",
)


def read_communes_file(path: Path = COMMUNES_FILE) -> list[dict]:
    """Rows of the bundled communes file (first line is its source, then a CSV header)."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        text = handle.read()
    lines = io.StringIO(text)
    first = lines.readline()
    if not first.startswith("#"):
        lines.seek(0)
    return list(csv.DictReader(lines))


def _coordinate(text: str) -> float | None:
    """A coordinate of the file, or None where the source has none ('nan' or empty)."""
    value = float(text) if text else math.nan
    return None if math.isnan(value) else value


def load_communes(*, path: Path = COMMUNES_FILE, batch_size: int = 2000) -> dict[str, int]:
    """Insert or update every commune of the file; idempotent, in one transaction."""
    rows = read_communes_file(path)
    existing = {c.insee_code: c for c in Commune.objects.all()}
    to_create, to_update = [], []
    for row in rows:
        values = {
            "name": row["name"],
            "postal_codes": row["postal_codes"],
            "departement_code": row["departement_code"],
            "departement_name": row["departement_name"],
            "region_name": row["region_name"],
            "epci_siren": row["epci_siren"],
            "epci_name": row["epci_name"],
            "population": int(row["population"] or 0),
            "latitude": _coordinate(row["latitude"]),
            "longitude": _coordinate(row["longitude"]),
        }
        commune = existing.get(row["insee_code"])
        if commune is None:
            to_create.append(Commune(insee_code=row["insee_code"], **values))
        elif any(getattr(commune, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(commune, key, value)
            to_update.append(commune)
    with transaction.atomic():
        Commune.objects.bulk_create(to_create, batch_size=batch_size)
        if to_update:
            Commune.objects.bulk_update(to_update, COMMUNE_FIELDS, batch_size=batch_size)
    return {"created": len(to_create), "updated": len(to_update), "total": len(rows)}


def create_epci_territory(*, epci_siren: str, slug: str) -> Territory:
    """A territory made of every commune of an EPCI (a preset)."""
    communes = list(Commune.objects.filter(epci_siren=epci_siren))
    if not communes:
        raise ValueError(f"No commune belongs to EPCI {epci_siren}.")
    with transaction.atomic():
        territory = Territory.objects.create(
            name=communes[0].epci_name, slug=slug, kind=TerritoryKind.EPCI, code=epci_siren
        )
        territory.communes.set(communes)
    return territory


def create_departement_territory(*, departement_code: str, slug: str) -> Territory:
    """A territory made of every commune of a département (a preset)."""
    communes = list(Commune.objects.filter(departement_code=departement_code))
    if not communes:
        raise ValueError(f"No commune belongs to département {departement_code}.")
    with transaction.atomic():
        territory = Territory.objects.create(
            name=communes[0].departement_name,
            slug=slug,
            kind=TerritoryKind.DEPARTEMENT,
            code=departement_code,
        )
        territory.communes.set(communes)
    return territory
