"""A GPEC table as a file to download: CSV for French spreadsheets, or XLSX."""

from __future__ import annotations

from maillage.core.documents.tabular import Value, csv_bytes, is_number, xlsx_bytes
from maillage.gpec.tables import Table, cell_text
from maillage.people.privacy import Cell


def _value(value) -> Value:
    """A number stays a number (a shown count too); the rest reads as the page says."""
    if isinstance(value, Cell) and is_number(value.value):
        return value.value
    return value if is_number(value) else cell_text(value)


def _values(table: Table) -> list[list[Value]]:
    return [[_value(v) for v in row] for row in table.rows]


def table_csv(*, table: Table, language: str) -> bytes:
    """Headers then rows, numbers with the reader's decimal separator."""
    return csv_bytes(rows=[table.headers, *_values(table)], language=language)


def table_xlsx(*, table: Table) -> bytes:
    """The caption, the headers, then the rows; one sheet named after the table."""
    return xlsx_bytes(title=table.key, rows=[[table.caption], table.headers, *_values(table)])
