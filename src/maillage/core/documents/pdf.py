"""PDF documents over reportlab, where user text is always data.

reportlab's Paragraph reads a markup language: `<img src=...>` opens any file of the server
(`/dev/zero` exhausts its memory), `<a href=...>` plants a link, a stray `&` or `<` raises.
So no caller hands markup to reportlab: `document()` takes plain strings and passes each one
through `text()`, which escapes it; styles (bold, alignment) come from paragraph styles.

Fonts: DejaVu Sans, shipped in `fonts/` (Bitstream Vera licence, redistribution allowed), so
any machine draws the same Latin, Greek, Cyrillic... text; Debian's copy is the second
choice, Helvetica (cp1252 only) the last. A character the font cannot draw becomes U+FFFD
("?" in Helvetica) rather than an invisible box, so the reader sees that something is
missing.
"""

from __future__ import annotations

import functools
import html
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from maillage.core.documents.text import clean

FONT_FOLDERS = (
    Path(__file__).resolve().parent / "fonts",
    Path("/usr/share/fonts/truetype/dejavu"),
)
REGULAR, BOLD = "MaillageSans", "MaillageSans-Bold"
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
NUMBER_COLUMN = 36 * mm
# Line and paragraph separators, tabs, line breaks: one space, as a paragraph reads them.
BREAKS = re.compile("[\t\n\r\u2028\u2029\x85]")


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    glyphs: frozenset[int] | None  # code points both fonts draw; None: a standard font

    def shows(self, char: str) -> bool:
        if self.glyphs is None:
            try:
                char.encode("cp1252")
            except UnicodeEncodeError:
                return False
            return True
        return ord(char) in self.glyphs

    @property
    def replacement(self) -> str:
        return "?" if self.glyphs is None else "\ufffd"


def _truetype(folder: Path) -> Fonts | None:
    try:
        regular = TTFont(REGULAR, str(folder / "DejaVuSans.ttf"))
        bold = TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf"))
    except (OSError, TTFError):
        return None
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(bold)
    # Basic Multilingual Plane only: reportlab (5.1) writes the text layer (ToUnicode map) of
    # a character beyond U+FFFF as 5 hex digits, which PDF readers reject; such a character
    # (an emoji) is printed as U+FFFD instead, so the file stays valid and searchable.
    glyphs = frozenset(
        code
        for code in set(regular.face.charToGlyph) & set(bold.face.charToGlyph)
        if code <= 0xFFFF
    )
    return Fonts(REGULAR, BOLD, glyphs)


@functools.cache
def fonts() -> Fonts:
    """The fonts of every PDF: the first DejaVu found, else Helvetica."""
    for folder in FONT_FOLDERS:
        found = _truetype(folder)
        if found is not None:
            return found
    return Fonts("Helvetica", "Helvetica-Bold", None)


def drawable(value: object, *, using: Fonts | None = None) -> str:
    """The value as characters the fonts draw: cleaned, one line, unknown glyphs marked."""
    using = using or fonts()
    result = []
    for char in BREAKS.sub(" ", clean(value)):
        if using.shows(char):
            result.append(char)
        elif unicodedata.category(char) not in ("Cf", "Mn"):
            # An invisible format character or a combining mark the font lacks is dropped:
            # marking it would add a visible sign where the writer meant none.
            result.append(using.replacement)
    return "".join(result)


def text(value: object, *, using: Fonts | None = None) -> str:
    """The value as Paragraph content that reads as itself: never as markup."""
    return html.escape(drawable(value, using=using), quote=False)


def _styles(using: Fonts) -> dict[str, ParagraphStyle]:
    sample = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=sample["Normal"], fontName=using.regular)
    strong = ParagraphStyle("strong", parent=body, fontName=using.bold)
    return {
        "title": ParagraphStyle("title", parent=sample["Title"], fontName=using.bold),
        "body": body,
        "strong": strong,
        "number": ParagraphStyle("number", parent=body, alignment=TA_RIGHT),
        "strong-number": ParagraphStyle("strong-number", parent=strong, alignment=TA_RIGHT),
    }


def _table(rows: list[list[str]], styles: dict[str, ParagraphStyle], using: Fonts) -> Table:
    """The rows as a table: first row headers, last row a total, numbers right-aligned."""
    columns = max(len(row) for row in rows)
    last = len(rows) - 1
    cells = []
    for index, row in enumerate(rows):
        strong = index in (0, last)
        cells.append(
            [
                Paragraph(
                    text(value, using=using),
                    styles[
                        ("strong" if strong else "body")
                        if column == 0
                        else ("strong-number" if strong else "number")
                    ],
                )
                for column, value in enumerate(row)
            ]
        )
    widths = [WIDTH - NUMBER_COLUMN * (columns - 1)] + [NUMBER_COLUMN] * (columns - 1)
    table = Table(cells, colWidths=widths, hAlign="LEFT", repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
            ]
        )
    )
    return table


def document(
    *,
    title: str,
    intro: list[str],
    rows: list[list[str]],
    outro: list[str],
    language: str = "fr",
) -> bytes:
    """A PDF: a title, paragraphs, a table (headers, lines, total), paragraphs.

    Every string is plain text (user text included): none is read as markup.
    """
    using = fonts()
    styles = _styles(using)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=drawable(title, using=using),
        author="Maillage",
        lang=language,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
    )
    story: list[Flowable] = [Paragraph(text(title, using=using), styles["title"])]
    story += [Paragraph(text(line, using=using), styles["body"]) for line in intro]
    if rows:
        story.append(Spacer(1, 6 * mm))
        story.append(_table(rows, styles, using))
    story.append(Spacer(1, 6 * mm))
    story += [Paragraph(text(line, using=using), styles["body"]) for line in outro]
    doc.build(story)
    return buffer.getvalue()
