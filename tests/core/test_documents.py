"""The one document builder: user text is data in every PDF, CSV and XLSX, never markup."""

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from maillage.core.documents import pdf
from maillage.core.documents.pdf import FONT_FOLDERS, Fonts, document, drawable, text
from maillage.core.documents.tabular import csv_bytes, line_breaks, neutralised, xlsx_bytes
from maillage.core.documents.text import clean
from tests.documents import (
    FUZZ_SETTINGS,
    HOSTILE_TEXT,
    has_no_link_nor_image,
    one_line,
    pdf_text,
    visible,
)


def simple_pdf(title: str, line: str = "", cell: str = "") -> bytes:
    return document(
        title=title,
        intro=[f"Besoin : {line}"],
        rows=[["Poste", "Montant"], [cell, "1 234,56 €"], ["Total", "1 234,56 €"]],
        outro=["Fin."],
    )


# --- text(): what reaches a Paragraph --------------------------------------------------------


def test_text_escapes_the_three_markup_characters():
    assert text('<img src="/dev/zero"> & co') == '&lt;img src="/dev/zero"&gt; &amp; co'


def test_text_removes_controls_and_lone_surrogates_and_keeps_accents():
    assert text("Mé\x00ri\x1bgnac\ud800 \x85été\x7f") == "Mérignac été"


def test_clean_keeps_tabs_and_line_breaks_for_spreadsheets():
    assert clean("a\tb\nc\r\x00\ud83d\uffff") == "a\tb\nc\r"
    assert clean(None) == ""
    assert clean(Decimal("1.50")) == "1.50"


def test_a_character_the_font_lacks_is_marked_and_an_invisible_one_dropped():
    # DejaVu has no Han character; the emoji lies beyond U+FFFF; U+2066 (an invisible bidi
    # isolate) and U+1AB0 (a combining mark) are not in the font.
    assert drawable("中😀x\u2066a\u1ab0") == "\ufffd\ufffdxa"
    helvetica = Fonts("Helvetica", "Helvetica-Bold", None)
    assert drawable("Mérignac – 12 € ✓ 中\u200b", using=helvetica) == "Mérignac – 12 € ? ?"


def test_the_shipped_dejavu_fonts_are_used_whatever_the_machine_has():
    shipped = FONT_FOLDERS[0]
    assert (shipped / "DejaVuSans.ttf").is_file()
    assert (shipped / "DejaVuSans-Bold.ttf").is_file()
    assert (shipped / "LICENSE-DejaVu.txt").is_file()
    assert pdf.fonts().regular == "MaillageSans"
    assert ord("Ж") in pdf.fonts().glyphs  # Cyrillic, beyond what Helvetica draws


# --- PDF regressions ---------------------------------------------------------------------------


def test_an_img_tag_in_a_title_is_printed_and_no_file_is_read(monkeypatch):
    opened = []
    real_open = open

    def spy_open(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy_open)
    content = simple_pdf('Devis 1 — <img src="/dev/zero">', '<img src="/dev/zero">')
    monkeypatch.undo()
    assert content.startswith(b"%PDF")
    assert "/dev/zero" not in opened
    assert b"/Subtype /Image" not in content
    extracted = pdf_text(content)
    assert 'Devis 1 — <img src="/dev/zero">' in extracted
    assert 'Besoin : <img src="/dev/zero">' in extracted
    assert PdfReader(io.BytesIO(content)).metadata.title == 'Devis 1 — <img src="/dev/zero">'


def test_a_link_tag_plants_no_link():
    content = simple_pdf(
        '<a href="https://evil.example">x</a>',
        '<link href="https://evil.example">y</link>',
        '<a href="https://evil.example">z</a>',
    )
    assert has_no_link_nor_image(content)
    assert b"evil.example" not in content.split(b"stream")[0]  # not in any object dictionary
    assert '<a href="https://evil.example">x</a>' in pdf_text(content)


def test_controls_surrogates_and_stray_ampersands_give_a_valid_pdf():
    title = "Atelier\x00\x07 \ud800 & < \udfff fin\x1b"
    content = simple_pdf(title, "&#0; &nbsp; <para>", "\uffff<b>")
    assert content.startswith(b"%PDF")
    extracted = one_line(pdf_text(content))
    assert "Atelier & < fin" in extracted
    assert "&#0; &nbsp; <para>" in extracted
    assert "<b>" in extracted


def test_helvetica_draws_when_no_dejavu_is_found(monkeypatch):
    monkeypatch.setattr(pdf, "fonts", lambda: Fonts("Helvetica", "Helvetica-Bold", None))
    content = simple_pdf("Mérignac — 中 <img src=x>", "Élodie 😀")
    extracted = pdf_text(content)
    assert "Mérignac — ? <img src=x>" in extracted
    assert "Élodie ?" in extracted
    assert b"/BaseFont /Helvetica" in content


@FUZZ_SETTINGS
@given(title=HOSTILE_TEXT, line=HOSTILE_TEXT, cell=HOSTILE_TEXT)
def test_any_text_in_any_field_gives_a_pdf_that_reads_it_back(title, line, cell):
    content = simple_pdf(title, line, cell)
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    extracted = one_line(pdf_text(content))
    assert len(reader.pages) >= 1
    assert has_no_link_nor_image(content)
    # Every visible character is text of the page: none was taken as markup. Compared as a
    # multiset of visible characters: a paragraph collapses spaces, a soft hyphen shows only
    # at a line break, and pypdf reorders right-to-left scripts on extraction.
    page = visible(extracted)
    for field in (title, line, cell):
        assert visible(drawable(field)) <= page


# --- CSV and XLSX ------------------------------------------------------------------------------


def test_the_csv_opens_in_a_french_spreadsheet():
    content = csv_bytes(
        rows=[["Commune", "Heures"], ["Mérignac", 1.5], ["Bègles", Decimal("12.25")]],
        language="fr",
    )
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    assert content.decode("utf-8") == "\ufeffCommune;Heures\r\nMérignac;1,5\r\nBègles;12,25\r\n"


def test_the_english_csv_keeps_the_decimal_point():
    content = csv_bytes(rows=[["Area", "Hours"], ["Mérignac", 1.5]], language="en")
    assert content.decode("utf-8-sig") == "Area;Hours\r\nMérignac;1.5\r\n"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+33 6", "'+33 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\r=1", "'\r=1"),
        ("a=1", "a=1"),
        ("\x00=1", "'=1"),  # cleaned first, then neutralised
        ("'déjà", "'déjà"),
    ],
)
def test_a_text_a_spreadsheet_would_run_gets_an_apostrophe(value, written):
    assert neutralised(value) == written


def test_a_negative_number_stays_a_number_in_csv():
    content = csv_bytes(rows=[[-2, "-2", None, True]], language="fr")
    assert content.decode("utf-8-sig") == "-2;'-2;;True\r\n"


def test_xlsx_text_is_never_a_formula():
    content = xlsx_bytes(
        title="skills[1]:*?/\\",
        rows=[['=HYPERLINK("https://evil.example")', "-2", -2, 1.5, None, "ok\x00"]],
    )
    book = load_workbook(io.BytesIO(content))
    sheet = book.active
    assert sheet.title == "skills1"
    cells = next(sheet.iter_rows())
    assert [c.value for c in cells] == [
        '=HYPERLINK("https://evil.example")',
        "-2",
        -2,
        1.5,
        None,
        "ok",
    ]
    assert [c.data_type for c in cells[:4]] == ["s", "s", "n", "n"]
    assert (cells[0].quotePrefix, cells[1].quotePrefix, cells[5].quotePrefix) == (True, True, False)
    assert b"<f>" not in _sheet_xml(content)


def _sheet_xml(content: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


@FUZZ_SETTINGS
@given(cells=st.lists(HOSTILE_TEXT, min_size=1, max_size=4), language=st.sampled_from(["fr", "en"]))
def test_any_text_comes_back_from_the_csv(cells, language):
    content = csv_bytes(rows=[cells, ["fin"]], language=language)
    assert content.startswith(b"\xef\xbb\xbf")
    read = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert read == [[neutralised(c) for c in cells], ["fin"]]
    for written, cell in zip(read[0], cells, strict=True):
        assert written in (clean(cell), "'" + clean(cell))


@FUZZ_SETTINGS
@given(title=HOSTILE_TEXT, cells=st.lists(HOSTILE_TEXT, min_size=1, max_size=4))
def test_any_text_comes_back_from_the_xlsx(title, cells):
    content = xlsx_bytes(title=title, rows=[cells])
    sheet = load_workbook(io.BytesIO(content)).active
    read = [sheet.cell(row=1, column=n).value for n in range(1, len(cells) + 1)]
    assert read == [line_breaks(clean(c)) or None for c in cells]
    assert b"<f>" not in _sheet_xml(content)
