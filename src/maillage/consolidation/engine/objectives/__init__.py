"""Objectives, one module per level, combined lexicographically by :mod:`.weights`.

Levels in order (most important first), each maximised with its sign:
1. ``covered_minutes`` (+) — :mod:`.coverage`
2. ``workers_at_threshold`` (+) — :mod:`.reach_threshold`
3. ``threshold_fill`` (+) — :mod:`.reach_threshold` (fill toward the threshold, minus overtime)
4. ``km_hectometres`` (−) — :mod:`.travel_km`
5. ``stable_missions`` (+) — :mod:`.stability`
"""

LEVELS: tuple[tuple[str, int], ...] = (
    ("covered_minutes", 1),
    ("workers_at_threshold", 1),
    ("threshold_fill", 1),
    ("km_hectometres", -1),
    ("stable_missions", 1),
)
