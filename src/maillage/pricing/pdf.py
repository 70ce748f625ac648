"""The quote as a PDF, built by the platform's one document builder (user text is data)."""

from __future__ import annotations

from django.utils import formats, translation
from django.utils.translation import gettext as _

from maillage.core.documents.pdf import document
from maillage.core.formatting import NBSP, format_money
from maillage.pricing.models import Quote
from maillage.pricing.presentation import segments


def number(value) -> str:
    """A quantity (hours, km, a share) as stored, with the active language's separators."""
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def percent(value, language: str) -> str:
    """A share: "12,5 %" in French (no-break space), "12.5%" in English."""
    space = "" if language.lower().startswith("en") else NBSP
    return f"{number(value)}{space}%"


def quote_pdf(quote: Quote, *, language: str | None = None) -> bytes:
    """The buyer's copy of a quote: hours, price and where each euro goes."""
    language = language or translation.get_language() or "fr"
    with translation.override(language):
        return _quote_pdf(quote, language)


def _quote_pdf(quote: Quote, language: str) -> bytes:
    mission = quote.mission

    def money(amount) -> str:
        return format_money(amount, language)

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
            "floor": money(quote.floor_hourly_gross),
            "pay": money(quote.hourly_gross),
        },
        _(
            "Hours: %(delivered)s delivered, %(preparation)s of preparation, %(travel)s of "
            "travel (%(km)s km)."
        )
        % {
            "delivered": number(quote.delivered_hours),
            "preparation": number(quote.preparation_hours),
            "travel": number(quote.travel_hours),
            "km": number(quote.travel_km),
        },
    ]
    rows = [[_("Where the money goes"), _("Amount"), _("Share")]]
    rows += [[s.label, money(s.amount), percent(s.percent, language)] for s in segments(quote)]
    rows.append([_("Price (excl. VAT)"), money(quote.price), percent(100, language)])
    outro = [
        _("State: %(state)s.") % {"state": quote.get_state_display()},
        _("Price per hour delivered: %(price)s.")
        % {"price": money(quote.price_per_delivered_hour)},
        _(
            "No price below the charter's floor can be issued; "
            "workers never bid against each other."
        ),
    ]
    title = _("Quote %(number)s — %(title)s") % {"number": quote.number, "title": mission.title}
    return document(title=title, intro=intro, rows=rows, outro=outro, language=language)
