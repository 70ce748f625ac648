"""The directory's map: structures by commune, drawn from the communes' coordinates
(equirectangular projection, north up), server-side SVG, no external service."""

from __future__ import annotations

import math

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

from maillage.directory.selectors import CommunePoint


def structures_map(*, title: str, desc: str, points: list[CommunePoint]) -> SafeString:
    width, height, margin = 520, 420, 30
    body: SafeString = mark_safe("")  # nothing to draw without a located structure
    if points:
        mid = math.radians(sum(p.commune.latitude or 0 for p in points) / len(points))
        xs = [(p.commune.longitude or 0) * math.cos(mid) for p in points]
        ys = [p.commune.latitude or 0 for p in points]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 0.01)
        scale = min(width, height) - 2 * margin
        biggest = max(p.count for p in points)
        body = format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="{}" fill="#1d4ed8" fill-opacity="0.5">'
            "<title>{}</title></circle>",
            (
                (
                    f"{margin + (x - min(xs)) / span * scale:.1f}",
                    f"{margin + (max(ys) - y) / span * scale:.1f}",
                    f"{3 + 14 * math.sqrt(p.count / biggest):.1f}",
                    f"{p.commune.name}: "
                    + ngettext("%(count)s structure", "%(count)s structures", p.count)
                    % {"count": p.count},
                )
                for p, x, y in zip(points, xs, ys, strict=True)
            ),
        )
    return format_html(
        '<svg viewBox="0 0 {} {}" width="100%" role="img" style="max-width:32rem;height:auto" '
        'aria-labelledby="directory-map-title directory-map-desc" '
        'xmlns="http://www.w3.org/2000/svg"><title id="directory-map-title">{}</title>'
        '<desc id="directory-map-desc">{}</desc>{}</svg>',
        width,
        height,
        title,
        desc,
        body,
    )
