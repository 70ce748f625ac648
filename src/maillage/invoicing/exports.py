"""Files of issued invoices, regenerated from the database: a month's Factur-X PDFs in a
folder, and the folder a public buyer's invoices are uploaded from to Chorus Pro (no network
call: Chorus Pro's "dépôt de facture" takes a Factur-X PDF per invoice)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from maillage.core.documents.tabular import neutralised
from maillage.invoicing.facturx import facturx_pdf, file_name
from maillage.invoicing.models import Invoice

CHORUS_INDEX = "index.csv"


def write_pdfs(invoices: Iterable[Invoice], directory: Path) -> list[Path]:
    """Each invoice as its Factur-X PDF in ``directory`` (created if needed)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for invoice in invoices:
        path = directory / file_name(invoice)
        path.write_bytes(facturx_pdf(invoice))
        written.append(path)
    return written


def write_chorus_folder(invoices: Iterable[Invoice], directory: Path) -> list[Path]:
    """The public buyers' invoices, one folder per buyer SIRET, and an index of what to
    upload with the references Chorus Pro asks for (service code, legal commitment)."""
    public = [invoice for invoice in invoices if invoice.buyer_is_public]
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    with (directory / CHORUS_INDEX).open("w", newline="", encoding="utf-8") as index:
        writer = csv.writer(index, delimiter=";")
        writer.writerow(
            [
                "file",
                "number",
                "type",
                "issue_date",
                "buyer_siret",
                "service_code",
                "commitment_number",
                "total_excl_tax",
                "vat",
                "total_incl_tax",
            ]
        )
        for invoice in public:
            folder = directory / (invoice.buyer_siret or "sans-siret")
            folder.mkdir(exist_ok=True)
            path = folder / file_name(invoice)
            path.write_bytes(facturx_pdf(invoice))
            written.append(path)
            writer.writerow(
                [
                    str(path.relative_to(directory)),
                    invoice.number,
                    "381" if invoice.is_credit_note else "380",
                    invoice.issued_on.isoformat(),
                    invoice.buyer_siret,
                    # The buyer typed these: opened in a spreadsheet, "=..." would run.
                    neutralised(invoice.service_code),
                    neutralised(invoice.commitment_number),
                    f"{invoice.total_excl_tax:.2f}",
                    f"{invoice.vat_amount:.2f}",
                    f"{invoice.total_incl_tax:.2f}",
                ]
            )
    return written
