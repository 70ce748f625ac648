"""The quote as a PDF (reportlab, built-in Helvetica: no font file, no network)."""

from __future__ import annotations

import io

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from maillage.pricing.models import Quote
from maillage.pricing.presentation import segments


def euros(amount) -> str:
    return f"{formats.number_format(amount, 2, use_l10n=True, force_grouping=True)} €"


def document(title: str, intro: list[str], rows: list[list[str]], outro: list[str]) -> bytes:
    """A one-page PDF: a title, paragraphs, a two-or-more-column table, paragraphs."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, author="Maillage", leftMargin=18 * mm, rightMargin=18 * mm
    )
    styles = getSampleStyleSheet()
    story = [Paragraph(title, styles["Title"])]
    story += [Paragraph(text, styles["Normal"]) for text in intro]
    story.append(Spacer(1, 6 * mm))
    table = Table(rows, hAlign="LEFT", repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
                ("FONT", (0, -1), (-1, -1), "Helvetica-Bold"),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    story.append(table)
    story.append(Spacer(1, 6 * mm))
    story += [Paragraph(text, styles["Normal"]) for text in outro]
    doc.build(story)
    return buffer.getvalue()


def quote_pdf(quote: Quote) -> bytes:
    """The buyer's copy of a quote: hours, price and where each euro goes."""
    mission = quote.mission
    intro = [
        _("Buyer: %(buyer)s") % {"buyer": mission.buyer.name},
        _("Need: %(title)s (%(kind)s), %(start)s – %(end)s")
        % {
            "title": mission.title,
            "kind": mission.get_kind_display(),
            "start": formats.date_format(mission.period_start),
            "end": formats.date_format(mission.period_end),
        },
        _("Charter version %(number)s; floor %(floor)s, hourly pay %(pay)s gross.")
        % {
            "number": quote.charter.number,
            "floor": euros(quote.floor_hourly_gross),
            "pay": euros(quote.hourly_gross),
        },
        _(
            "Hours: %(delivered)s delivered, %(preparation)s of preparation, %(travel)s of "
            "travel (%(km)s km)."
        )
        % {
            "delivered": quote.delivered_hours,
            "preparation": quote.preparation_hours,
            "travel": quote.travel_hours,
            "km": quote.travel_km,
        },
    ]
    rows = [[_("Where the money goes"), _("Amount"), _("Share")]]
    rows += [[s.label, euros(s.amount), f"{s.percent} %"] for s in segments(quote)]
    rows.append([_("Price (excl. VAT)"), euros(quote.price), "100 %"])
    outro = [
        _("State: %(state)s.") % {"state": quote.get_state_display()},
        _("Price per hour delivered: %(price)s.")
        % {"price": euros(quote.price_per_delivered_hour)},
        _(
            "No price below the charter's floor can be issued; "
            "workers never bid against each other."
        ),
    ]
    title = _("Quote %(number)s — %(title)s") % {"number": quote.number, "title": mission.title}
    return document(title, intro, rows, outro)
