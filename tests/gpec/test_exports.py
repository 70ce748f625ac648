"""GPEC exports: a table as CSV for French spreadsheets or XLSX, every text kept as text."""

import csv
import io
import zipfile

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from maillage.core.documents.tabular import line_breaks, neutralised
from maillage.core.documents.text import clean
from maillage.gpec.exports import table_csv, table_xlsx
from maillage.gpec.tables import Table
from maillage.people.privacy import Cell
from tests.documents import FUZZ_SETTINGS, HOSTILE_TEXT


def communes(name: str = "Mérignac") -> Table:
    return Table(
        "communes",
        "Offre et demande par commune (heures par semaine)",
        ["Commune", "Code", "Demande", "Besoins", "Offre", "Artisans"],
        [
            [name, "33281", 1.5, 1, Cell(None), Cell(None)],
            ["Bègles", "33039", 12.25, 3, 20.0, Cell(7)],
            ["Talence", "33522", 0, 0, None, Cell(0)],
        ],
    )


def read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_the_csv_has_a_bom_semicolons_and_decimal_commas():
    with translation.override("fr"):
        content = table_csv(table=communes(), language="fr")
    assert content.startswith(b"\xef\xbb\xbf")
    assert content.decode("utf-8") == (
        "\ufeffCommune;Code;Demande;Besoins;Offre;Artisans\r\n"
        "Mérignac;33281;1,5;1;moins de 5;moins de 5\r\n"
        "Bègles;33039;12,25;3;20,0;7\r\n"
        "Talence;33522;0;0;—;0\r\n"
    )


def test_a_formula_in_a_commune_name_is_neutralised_in_csv_and_typed_text_in_xlsx():
    table = communes('=HYPERLINK("https://evil.example";"clic")')
    assert read_csv(table_csv(table=table, language="fr"))[1][0] == (
        '\'=HYPERLINK("https://evil.example";"clic")'
    )
    content = table_xlsx(table=table)
    sheet = load_workbook(io.BytesIO(content)).active
    cell = sheet.cell(row=3, column=1)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (
        '=HYPERLINK("https://evil.example";"clic")',
        "s",
        True,
    )
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_the_xlsx_keeps_numbers_as_numbers_and_says_what_is_hidden():
    with translation.override("en"):
        content = table_xlsx(table=communes())
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "communes"
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows == [
        ["Offre et demande par commune (heures par semaine)", None, None, None, None, None],
        ["Commune", "Code", "Demande", "Besoins", "Offre", "Artisans"],
        ["Mérignac", "33281", 1.5, 1, "fewer than 5", "fewer than 5"],
        ["Bègles", "33039", 12.25, 3, 20, 7],
        ["Talence", "33522", 0, 0, "—", 0],
    ]


@FUZZ_SETTINGS
@given(name=HOSTILE_TEXT, caption=HOSTILE_TEXT, language=st.sampled_from(["fr", "en"]))
def test_any_commune_name_comes_back_from_both_files(name, caption, language):
    table = communes(name)
    table.caption = caption
    assert read_csv(table_csv(table=table, language=language))[1][0] == neutralised(name)
    sheet = load_workbook(io.BytesIO(table_xlsx(table=table))).active
    assert sheet.cell(row=1, column=1).value == (line_breaks(clean(caption)) or None)
    assert sheet.cell(row=3, column=1).value == (line_breaks(clean(name)) or None)
