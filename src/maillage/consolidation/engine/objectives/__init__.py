"""Objectives, one module per level, combined lexicographically by :mod:`.weights`.

Levels in order (most important first), each maximised with its sign:
1. ``covered_minutes`` (+) — :mod:`.coverage`
2. ``workers_at_threshold`` (+) — :mod:`.reach_threshold`
3. ``stable_missions`` (+) — :mod:`.stability`
4. ``km_hectometres`` (−) — :mod:`.travel_km`
5. ``overtime_minutes`` (−) — :mod:`.reach_threshold` (minutes above ``wished_minutes``)
6. ``threshold_fill`` (+) — :mod:`.reach_threshold` (minutes toward the threshold: a
   tie-breaker that leads the search toward the 24 h step without ever costing km or
   stability; see ``docs/decisions/0005-engine-objective-levels.md``)
"""

LEVELS: tuple[tuple[str, int], ...] = (
    ("covered_minutes", 1),
    ("workers_at_threshold", 1),
    # Above km: a renewed workshop stays with last term's worker, a re-run moves nobody, for
    # fewer km alone (decision 0005, amended).
    ("stable_missions", 1),
    ("km_hectometres", -1),
    ("overtime_minutes", -1),
    ("threshold_fill", 1),
)


def lexicographic_key(levels: dict[str, int]) -> tuple[int, ...]:
    """Levels as a tuple that compares lexicographically (larger is better)."""
    return tuple(sign * levels[name] for name, sign in LEVELS)
