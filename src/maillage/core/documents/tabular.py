"""CSV and XLSX files from rows of values, where user text is always data.

CSV is written for French spreadsheets: UTF-8 with a byte order mark (without it, Excel reads
"Mérignac" as "MÃ©rignac") and `;` between cells (the comma is the French decimal separator).
Numbers keep the reader's decimal separator so they stay numbers once opened.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before them)
as a formula: `=HYPERLINK(...)` in a need's title would run on the coordinator's machine. So a
text cell starting with one of them gets a leading apostrophe in CSV; in XLSX every text cell
is a typed string (never a formula) and a risky one carries Excel's "quote prefix" flag,
the apostrophe a person would type, which the spreadsheet shows without adding it to the text.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TypeGuard

from maillage.core.documents.text import clean

Value = str | int | float | Decimal | None
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def is_number(value: object) -> TypeGuard[int | float | Decimal]:
    """A finite number (not a bool): written as a number, not as text."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return False
    return value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)


def risky(value: str) -> bool:
    """Whether a spreadsheet would read this text as a formula."""
    return value.startswith(FORMULA_STARTS)


def neutralised(value: object) -> str:
    """The value as CSV text that no spreadsheet runs: cleaned, apostrophe before a formula."""
    value = clean(value)
    return "'" + value if risky(value) else value


def line_breaks(value: str) -> str:
    """Line breaks as a spreadsheet cell holds them: "\\n" (XML reads a bare "\\r" as one)."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _number(value: int | float | Decimal, decimal_separator: str) -> str:
    return str(value).replace(".", decimal_separator)


def csv_bytes(*, rows: Iterable[Sequence[Value]], language: str) -> bytes:
    """The rows as a CSV file for a reader of `language` (French unless English)."""
    decimal_separator = "." if (language or "").lower().startswith("en") else ","
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow(
            [_number(v, decimal_separator) if is_number(v) else neutralised(v) for v in row]
        )
    return out.getvalue().encode("utf-8")


def xlsx_bytes(*, title: str, rows: Iterable[Sequence[Value]]) -> bytes:
    """The rows as a one-sheet XLSX workbook: numbers as numbers, text as typed strings."""
    from openpyxl import Workbook  # only the export pages need it
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook opens on its one worksheet
    # A sheet title is at most 31 characters, without []:*?/\ (Excel refuses the file).
    name = "".join(c for c in clean(title) if c not in "[]:*?/\\")[:31].strip("'")
    sheet.title = name or "Maillage"
    for row_number, row in enumerate(rows, start=1):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column_number)
            if is_number(value):
                cell.value = value
                continue
            value = clean(value)
            if not value:
                continue  # an empty cell, as the spreadsheet reads it back
            cell.value = line_breaks(value)
            cell.data_type = "s"  # openpyxl would store a text starting with "=" as a formula
            if risky(value):
                cell.quotePrefix = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
