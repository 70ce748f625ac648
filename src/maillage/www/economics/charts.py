"""Server-rendered inline SVG charts of the economic model: no script, no external service.

Each chart has a <title> and a <desc>, and the page shows the same figures in a table (the
text alternative). Colours are attributes, so no stylesheet is needed.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from maillage.economics.computation import MonthInputs, compute

REVENUE_COLOUR = "#15803d"
COST_COLOUR = "#c2410c"
RESULT_COLOUR = "#1d4ed8"


def _svg(width: int, height: int, ident: str, title: str, desc: str, body: SafeString):
    return format_html(
        '<svg class="economics-chart" viewBox="0 0 {} {}" width="100%" role="img" '
        'style="max-width:42rem;height:auto;font:11px sans-serif" '
        'aria-labelledby="{}-title {}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        width,
        height,
        ident,
        ident,
        ident,
        title,
        ident,
        desc,
        body,
    )


def monthly_bars(
    *, ident: str, title: str, desc: str, rows: list[tuple[str, Decimal, Decimal]]
) -> SafeString:
    """Revenue (green) and costs (orange) side by side for each month (label, rev, costs)."""
    width, height, left, bottom, top = 640, 240, 50, 30, 10
    peak = max([float(max(r, c)) for _label, r, c in rows] + [1.0])
    inner = height - bottom - top
    slot = (width - left - 10) / max(len(rows), 1)
    bar = max(slot / 2 - 4, 2)
    parts = []
    for index, (label, revenue, costs) in enumerate(rows):
        x = left + index * slot + 2
        for offset, value, colour in ((0, revenue, REVENUE_COLOUR), (bar, costs, COST_COLOUR)):
            h = max(float(value), 0) / peak * inner
            parts.append(
                (
                    f"{x + offset:.1f}",
                    f"{top + inner - h:.1f}",
                    f"{bar:.1f}",
                    f"{h:.1f}",
                    colour,
                    f"{label}: {number_format(value, 2)} €",
                )
            )
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>',
        parts,
    )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle">{}</text>',
        (
            (f"{left + i * slot + slot / 2:.1f}", height - 10, label)
            for i, (label, _r, _c) in enumerate(rows)
        ),
    )
    axis = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#374151"/>'
        '<text x="4" y="{}">{}</text><text x="4" y="{}">0</text>',
        left,
        top + inner,
        width - 10,
        top + inner,
        top + 10,
        number_format(round(peak), 0),
        top + inner,
    )
    return _svg(width, height, ident, title, desc, bars + labels + axis)


def break_even_curve(
    *, ident: str, title: str, desc: str, inputs: MonthInputs, break_even_per_week: Decimal | None
) -> SafeString:
    """The month's result (blue line) against billed hours a week, from 0 to twice the larger
    of the current volume and the break-even; a dashed line at the break-even."""
    current = float(inputs.billed_hours) * 12 / 52
    span = max(current, float(break_even_per_week or 0), 10.0) * 2
    points = []
    for step in range(11):
        weekly = span * step / 10
        result = compute(
            replace(inputs, billed_hours=Decimal(str(round(weekly * 52 / 12, 2))))
        ).result
        points.append((weekly, float(result)))
    width, height, left, right, top, bottom = 640, 240, 60, 10, 10, 30
    low = min(p[1] for p in [*points, (0, 0.0)])
    high = max(p[1] for p in [*points, (0, 0.0)])
    if high == low:
        high = low + 1

    def x_of(weekly: float) -> float:
        return left + weekly / span * (width - left - right)

    def y_of(value: float) -> float:
        return top + (high - value) / (high - low) * (height - top - bottom)

    path = " ".join(f"{x_of(w):.1f},{y_of(r):.1f}" for w, r in points)
    body = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#374151"/>'
        '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>'
        '<text x="4" y="{}">{}</text><text x="4" y="{}">{}</text>'
        '<text x="{}" y="{}">0 h</text><text x="{}" y="{}" text-anchor="end">{} h</text>',
        left,
        f"{y_of(0):.1f}",
        width - right,
        f"{y_of(0):.1f}",
        path,
        RESULT_COLOUR,
        top + 10,
        number_format(round(high), 0),
        height - bottom,
        number_format(round(low), 0),
        left,
        height - 10,
        width - right,
        height - 10,
        number_format(round(span), 0),
    )
    if break_even_per_week is not None:
        x = x_of(float(break_even_per_week))
        body += format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-dasharray="4 3"/>'
            '<text x="{}" y="{}">{} h</text>',
            f"{x:.1f}",
            top,
            f"{x:.1f}",
            height - bottom,
            COST_COLOUR,
            f"{x + 4:.1f}",
            top + 22,
            number_format(break_even_per_week, 1),
        )
    x_now = x_of(current)
    body += format_html(
        '<circle cx="{}" cy="{}" r="4" fill="{}"/>',
        f"{x_now:.1f}",
        f"{y_of(float(compute(inputs).result)):.1f}",
        RESULT_COLOUR,
    )
    return _svg(width, height, ident, title, desc, body)
