"""Server-rendered inline SVG charts and map: no script, no external service.

Each chart carries a <title> and a <desc>; the page shows the same figures in a table next to
it (the text alternative).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Series:
    label: str
    css_class: str  # "demand", "supply", "unmet"


def _svg(
    width: int, height: int, title: str, desc: str, body: SafeString, ident: str
) -> SafeString:
    return format_html(
        '<svg class="gpec-chart" viewBox="0 0 {} {}" role="img" '
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


def grouped_bars(
    *,
    ident: str,
    title: str,
    desc: str,
    labels: list[str],
    series: list[Series],
    values: list[list[float | None]],
) -> SafeString:
    """Horizontal grouped bars: one group per label, one bar per series (None: not drawn)."""
    bar, gap, label_width, width = 10, 8, 190, 600
    group = bar * len(series) + gap
    height = max(40, group * len(labels) + 30)
    top = max([v for row in values for v in row if v is not None] + [1.0])
    scale = (width - label_width - 60) / top
    parts = []
    for index, label in enumerate(labels):
        y = 20 + index * group
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="label" text-anchor="end">{}</text>',
                label_width - 6,
                y + bar * len(series) / 2 + 4,
                label,
            )
        )
        for position, serie in enumerate(series):
            value = values[index][position]
            if not value:
                continue  # nothing (or hidden): no bar; the table says which
            parts.append(
                format_html(
                    '<rect class="bar {}" x="{}" y="{}" width="{}" height="{}">'
                    "<title>{}: {} — {}</title></rect>",
                    serie.css_class,
                    label_width,
                    y + position * bar,
                    f"{max(0.5, value * scale):.1f}",
                    bar - 1,
                    label,
                    serie.label,
                    number_format(value, use_l10n=True),  # "8,0" on a French page
                )
            )
    legend = format_html_join(
        "",
        '<rect class="bar {}" x="{}" y="2" width="10" height="10"></rect>'
        '<text x="{}" y="11" class="legend">{}</text>',
        (
            (s.css_class, label_width + i * 120, label_width + i * 120 + 14, s.label)
            for i, s in enumerate(series)
        ),
    )
    return _svg(width, height, title, desc, mark_safe(legend + "".join(parts)), ident)


def line_chart(
    *, ident: str, title: str, desc: str, labels: list[str], values: list[float]
) -> SafeString:
    """A line with its points (e.g. demand by month)."""
    width, height, left, bottom = 560, 220, 50, 30
    if not values:
        return _svg(width, height, title, desc, mark_safe(""), ident)
    top = max([*values, 1.0])
    step = (width - left - 20) / max(1, len(values) - 1)

    def point(i: int, v: float) -> tuple[float, float]:
        return left + i * step, height - bottom - (v / top) * (height - bottom - 20)

    points = [point(i, v) for i, v in enumerate(values)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    parts = [
        format_html(
            '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"></line>',
            left,
            height - bottom,
            width - 10,
            height - bottom,
        ),
        format_html('<polyline class="line demand" points="{}"></polyline>', path),
    ]
    for (x, y), label, value in zip(points, labels, values, strict=True):
        parts.append(
            format_html(
                '<circle class="dot demand" cx="{}" cy="{}" r="4"><title>{}: {}</title></circle>'
                '<text x="{}" y="{}" class="label" text-anchor="middle">{}</text>',
                f"{x:.1f}",
                f"{y:.1f}",
                label,
                number_format(value, use_l10n=True),
                f"{x:.1f}",
                height - 10,
                label,
            )
        )
    return _svg(width, height, title, desc, mark_safe("".join(parts)), ident)


@dataclass(frozen=True)
class MapPoint:
    name: str
    latitude: float
    longitude: float
    demand: float  # hours a week
    supply: float | None  # hours a week; None when hidden (small group)


def territory_map(*, ident: str, title: str, desc: str, points: list[MapPoint]) -> SafeString:
    """Communes drawn with an equirectangular projection; circle areas ∝ demand and supply."""
    width, height, margin = 520, 420, 30
    located = [p for p in points if p.latitude is not None and p.longitude is not None]
    if not located:
        return _svg(width, height, title, desc, mark_safe(""), ident)
    mid = math.radians(sum(p.latitude for p in located) / len(located))
    xs = [p.longitude * math.cos(mid) for p in located]
    ys = [p.latitude for p in located]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 0.01)
    scale = min(width, height) - 2 * margin
    biggest = max([p.demand for p in located] + [p.supply or 0 for p in located] + [1.0])

    def radius(value: float) -> float:
        return 2 + 22 * math.sqrt(value / biggest)

    parts = []
    for p, x, y in zip(located, xs, ys, strict=True):
        cx = margin + (x - min(xs)) / span * scale
        cy = margin + (max(ys) - y) / span * scale  # north up
        if p.supply:
            parts.append(
                format_html(
                    '<circle class="supply" cx="{}" cy="{}" r="{}"><title>{}</title></circle>',
                    f"{cx:.1f}",
                    f"{cy:.1f}",
                    f"{radius(p.supply):.1f}",
                    p.name,
                )
            )
        if p.demand:
            parts.append(
                format_html(
                    '<circle class="demand" cx="{}" cy="{}" r="{}"><title>{}</title></circle>',
                    f"{cx:.1f}",
                    f"{cy:.1f}",
                    f"{radius(p.demand):.1f}",
                    p.name,
                )
            )
        if not p.demand and not p.supply:
            parts.append(
                format_html(
                    '<circle class="place" cx="{}" cy="{}" r="2"><title>{}</title></circle>',
                    f"{cx:.1f}",
                    f"{cy:.1f}",
                    p.name,
                )
            )
    return _svg(width, height, title, desc, mark_safe("".join(parts)), ident)
