"""Shared by the document tests: hostile texts, and how to read a PDF back."""

import io
from collections import Counter

from hypothesis import settings
from hypothesis import strategies as st
from pypdf import PdfReader

# Markup reportlab, spreadsheets or HTML would act on, and characters that used to raise.
NASTY = [
    '<img src="/dev/zero">',
    '<img src="/etc/hostname" width="10" height="10"/>',
    '<a href="https://evil.example">x</a>',
    '<link href="https://evil.example">x</link>',
    "<para>",
    "</para>",
    "<b>bold",
    "<font name=Courier>",
    "&amp;",
    "&nbsp;",
    "&#0;",
    "& < >",
    "<",
    "\x00\x01\x1b[31m",
    "\ud800",
    "\udfff\ud83d",
    "\ufffe\uffff",
    '=HYPERLINK("https://evil.example";"clic")',
    "=1+1",
    "+33 6 12 34 56 78",
    "-2",
    "@SUM(A1:A2)",
    "\tcmd",
    "\r=1",
    'a;b,c"d',
    "ligne\nsuivante",
    "中文 😀 עברית العربية",
    "é\u0301\u200b\u202f\u00ad",
    "x" * 300,
]
# Any text, a hostile one, or hostile ones mixed with any text.
HOSTILE_TEXT = st.one_of(
    st.text(),
    st.sampled_from(NASTY),
    st.lists(st.one_of(st.text(max_size=20), st.sampled_from(NASTY)), max_size=4).map("".join),
)
FUZZ_SETTINGS = settings(max_examples=30, deadline=None)


def pdf_text(content: bytes) -> str:
    """The text layer of every page."""
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_title(content: bytes) -> str:
    """The title in the document's properties."""
    return PdfReader(io.BytesIO(content)).metadata.title


def one_line(extracted: str) -> str:
    """The extracted text with its line breaks undone (the PDF wraps long paragraphs)."""
    return " ".join(extracted.split())


def visible(value: str) -> Counter:
    """The visible characters of a text, as a multiset (order and spacing aside)."""
    return Counter(c for c in value if c.isprintable() and not c.isspace())


def has_no_link_nor_image(content: bytes) -> bool:
    reader = PdfReader(io.BytesIO(content))
    return (
        all("/Annots" not in page for page in reader.pages)
        and b"/URI" not in content
        and b"/Subtype /Image" not in content
    )
