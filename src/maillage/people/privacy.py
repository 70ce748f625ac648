"""The small-cell rule of every aggregate about people, shared by all apps.

A count of people from 1 to MAILLAGE_MIN_GROUP_SIZE - 1 is hidden ("primary" suppression);
0 is shown (nobody). Hiding the small cells is not enough: a reader subtracts the cells shown
from a total shown and finds the hidden one (40 workers, statuses 15 + 9 + 8 + 0 + 7: the
hidden status holds 1 person). So every table about people goes through `suppress`, which
also hides "complementary" cells until no hidden figure, and no small group of people, can be
worked out from what is shown: neither exactly (linear algebra: the figure's vector is not in
the row space of the shown figures) nor as a single possible value once the reader uses what
the rule itself tells them (counts are never negative, "fewer than 5" is 0 to 4, a
complementary cell reading "hidden" at least 5, a shown 0 is exactly 0).

Why zeros are shown and never hidden, and why the two kinds of hidden cells read differently:
docs/decisions/0016-small-cells-complementary-suppression.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.conf import settings

PRIMARY, COMPLEMENTARY = "primary", "complementary"
_EPS = 1e-6


@dataclass(frozen=True)
class Cell:
    """A count of people, or None when hidden.

    `complementary` is True for a cell hidden although its group is not small, so that a small
    group elsewhere in the table cannot be recovered by subtraction.
    """

    value: int | None
    complementary: bool = False

    @property
    def hidden(self) -> bool:
        return self.value is None


def min_group_size() -> int:
    return settings.MAILLAGE_MIN_GROUP_SIZE


def is_small(count: int, min_size: int | None = None) -> bool:
    return 0 < count < (min_size or min_group_size())


def people_cell(count: int) -> Cell:
    """Show a count of people only from the minimum group size up (0 is shown: nobody).

    Alone, this is only safe for a figure that no other shown figure adds up with: any table
    with totals, or with counts that nest, goes through `suppress`.
    """
    if is_small(count):
        return Cell(None)
    return Cell(count)


@dataclass(frozen=True)
class Disclosure:
    """A system of published counts: disjoint groups of people ("atoms") and figures.

    Each figure is the number of people of a set of atoms (a cell, a total, a cumulative band).
    `anchors` are figures the reader knows anyway (the page's headline count, a total shown on
    another page): they are hidden when small themselves, and to protect another cell only
    when nothing else can.
    """

    atoms: tuple[int, ...]
    figures: tuple[frozenset[int], ...]
    anchors: frozenset[int] = frozenset()

    def value(self, figure: int) -> int:
        return sum(self.atoms[a] for a in self.figures[figure])

    def vector(self, figure: int) -> np.ndarray:
        row = np.zeros(len(self.atoms))
        row[list(self.figures[figure])] = 1.0
        return row


def suppress(
    atoms: Sequence[int],
    figures: Sequence[Sequence[int] | frozenset[int]],
    *,
    anchors: Sequence[int] = (),
    min_size: int | None = None,
) -> list[Cell]:
    """One Cell per figure: small figures hidden, then complementary figures until safe.

    `atoms` are the sizes of disjoint groups of people; each figure lists the atoms it counts.
    Protected: every small atom (even one no figure shows alone, e.g. the difference of two
    cumulative bands) and every hidden figure. A protected quantity must neither be a linear
    combination of the shown figures nor pinned to one value by the bounds a reader knows.
    Complementary cells are taken among the shown figures: first those counting an atom next
    to the exposed one (same row or column), the smallest first; zeros, then anchors, last.
    """
    m = min_size or min_group_size()
    system = Disclosure(tuple(atoms), tuple(frozenset(f) for f in figures), frozenset(anchors))
    status: dict[int, str] = {
        f: PRIMARY for f in range(len(system.figures)) if is_small(system.value(f), m)
    }
    # Hiding one more figure only widens what a reader can imagine (an exact value becomes a
    # range it lies in): a quantity found safe stays safe and is not checked again.
    safe: set[tuple[str, int]] = set()
    while True:
        exposed = _first_exposed(system, status, m, safe)
        if exposed is None:
            break
        candidates = _candidates(system, status, exposed)
        if not candidates:
            break  # everything is hidden
        for candidate in candidates:
            trial = {**status, candidate: _kind(system, candidate)}
            if not _is_exposed(system, trial, m, exposed):
                status = trial
                break
        else:
            status = {**status, candidates[0]: _kind(system, candidates[0])}
    return [
        Cell(None, complementary=status[f] == COMPLEMENTARY)
        if f in status
        else Cell(system.value(f))
        for f in range(len(system.figures))
    ]


def _kind(system: Disclosure, figure: int) -> str:
    """A 0 hidden in complement reads "fewer than 5", which is true; a larger count "hidden"."""
    return PRIMARY if system.value(figure) == 0 else COMPLEMENTARY


def protected_quantities(
    system: Disclosure, status: dict[int, str], m: int
) -> list[tuple[tuple[str, int], np.ndarray]]:
    """Small atoms and hidden figures, as vectors over the atoms, each with a key."""
    quantities = []
    for atom, size in enumerate(system.atoms):
        if is_small(size, m):
            unit = np.zeros(len(system.atoms))
            unit[atom] = 1.0
            quantities.append((("atom", atom), unit))
    quantities.extend((("figure", f), system.vector(f)) for f in sorted(status))
    return quantities


def _first_exposed(
    system: Disclosure, status: dict[int, str], m: int, safe: set[tuple[str, int]]
) -> np.ndarray | None:
    for key, quantity in protected_quantities(system, status, m):
        if key in safe:
            continue
        if _is_exposed(system, status, m, quantity):
            return quantity
        safe.add(key)
    return None


def _is_exposed(system: Disclosure, status: dict[int, str], m: int, quantity) -> bool:
    return is_recoverable(system, status, quantity) or is_pinned(system, status, m, quantity)


def is_recoverable(system: Disclosure, status: dict[int, str], quantity: np.ndarray) -> bool:
    """True when `quantity` is a linear combination of the shown figures."""
    shown = [system.vector(f) for f in range(len(system.figures)) if f not in status]
    if not shown:
        return False
    matrix = np.array(shown)
    rank = np.linalg.matrix_rank(matrix)
    return np.linalg.matrix_rank(np.vstack([matrix, quantity])) == rank


def is_pinned(system: Disclosure, status: dict[int, str], m: int, quantity: np.ndarray) -> bool:
    """True when the shown figures and the rule's bounds leave `quantity` a single integer.

    Atoms are >= 0; a shown figure is its value; a cell reading "fewer than 5" 0 to m - 1 (a 0
    may be hidden in complement); a complementary ("hidden") cell m or more. A linear program
    (GLOP) gives the lowest and highest value; the systems here are sums over nested or
    interval sets of atoms, whose vertices are integers.
    """
    from ortools.linear_solver import pywraplp

    solver = pywraplp.Solver.CreateSolver("GLOP")
    infinity = solver.infinity()
    xs = [solver.NumVar(0, infinity, "") for _ in system.atoms]
    for f, atoms in enumerate(system.figures):
        if f not in status:
            low, high = system.value(f), system.value(f)
        elif status[f] == PRIMARY:
            low, high = 0, m - 1
        else:
            low, high = m, infinity
        constraint = solver.Constraint(low, high)
        for atom in atoms:
            constraint.SetCoefficient(xs[atom], 1)
    objective = solver.Objective()
    for atom, coefficient in enumerate(quantity):
        if coefficient:
            objective.SetCoefficient(xs[atom], float(coefficient))
    bounds = []
    for minimise in (True, False):
        if minimise:
            objective.SetMinimization()
        else:
            objective.SetMaximization()
        outcome = solver.Solve()
        if outcome != pywraplp.Solver.OPTIMAL:
            return False  # unbounded (infeasible cannot be: the true counts fit every bound)
        bounds.append(objective.Value())
    low, high = bounds
    return bool(np.floor(high + _EPS) <= np.ceil(low - _EPS))


def _candidates(system: Disclosure, status: dict[int, str], quantity: np.ndarray) -> list[int]:
    """Shown figures that may be hidden in complement, nearest to `quantity` first.

    Nearest: the other cells of its row and column (the atoms counted by the smallest figures
    that count it), then those row and column totals, then anything else; smallest first.
    Zeros come last: hiding a 0 next to a hidden 1 leaves the reader a sum of 1 to share.
    """
    support = frozenset(a for a, c in enumerate(quantity) if c)
    containing = [atoms for atoms in system.figures if atoms > support]
    margins = [atoms for atoms in containing if not any(other < atoms for other in containing)]
    near = frozenset().union(*margins) if margins else support

    def tier(f: int) -> int:
        atoms = system.figures[f]
        if atoms <= near and not atoms & support:
            return 0
        return 1 if atoms & support else 2

    shown = [f for f in range(len(system.figures)) if f not in status]
    # An anchor only as a last resort (8 workers in 2 EPCIs of "fewer than 5": 4 each).
    return sorted(
        shown,
        key=lambda f: (f in system.anchors, system.value(f) == 0, tier(f), system.value(f), f),
    )


@dataclass(frozen=True)
class SuppressedTable:
    """A two-way table of counts after `suppress_table`."""

    cells: list[list[Cell]]
    row_totals: list[Cell]
    column_totals: list[Cell]
    total: Cell


def suppress_table(
    rows: Sequence[Sequence[int]],
    *,
    row_totals: bool = True,
    column_totals: bool = True,
    total: bool = True,
    anchor_total: bool = False,
    min_size: int | None = None,
) -> SuppressedTable:
    """A table of counts of people (each person in one cell) with the totals it shows.

    Totals not shown are still counted as known to the reader when `anchor_total` (the grand
    total published elsewhere). Returns Cells for the body and every total (a total not shown
    comes back as computed, for the caller to ignore).
    """
    height = len(rows)
    width = len(rows[0]) if rows else 0
    atoms = [count for row in rows for count in row]
    figures: list[list[int]] = [[i * width + j] for i in range(height) for j in range(width)]
    row_index = len(figures)
    figures += [[i * width + j for j in range(width)] for i in range(height)]
    column_index = len(figures)
    figures += [[i * width + j for i in range(height)] for j in range(width)]
    total_index = len(figures)
    figures.append(list(range(len(atoms))))
    # Totals not shown are left out of the system, unless the grand total is known elsewhere.
    keep = list(range(row_index))
    if row_totals:
        keep += list(range(row_index, column_index))
    if column_totals:
        keep += list(range(column_index, total_index))
    if total or anchor_total:
        keep.append(total_index)
    anchors = [keep.index(total_index)] if anchor_total else []
    cells = suppress(atoms, [figures[f] for f in keep], anchors=anchors, min_size=min_size)
    by_figure = dict(zip(keep, cells, strict=True))

    def cell(f: int) -> Cell:
        return by_figure.get(f, Cell(sum(atoms[a] for a in figures[f])))

    return SuppressedTable(
        cells=[[cell(i * width + j) for j in range(width)] for i in range(height)],
        row_totals=[cell(row_index + i) for i in range(height)],
        column_totals=[cell(column_index + j) for j in range(width)],
        total=cell(total_index),
    )


def suppress_parts(
    parts: Sequence[int], *, total: int | None = None, min_size: int | None = None
) -> tuple[list[Cell], Cell]:
    """Counts that split a known total (a page's headline count): the total is an anchor.

    Without `total`, the parts are every group of the total (each person in one part). With
    `total`, the people in no part form one more group, never shown, protected like the others
    (40 workers, 38 wishing 24 h: the 2 others are a small group, so 38 is hidden).
    """
    atoms = list(parts)
    if total is not None:
        atoms.append(total - sum(parts))
    figures = [[i] for i in range(len(parts))] + [list(range(len(atoms)))]
    cells = suppress(atoms, figures, anchors=[len(parts)], min_size=min_size)
    return cells[:-1], cells[-1]


def suppress_bands(counts: Sequence[int], *, total: int, min_size: int | None = None) -> list[Cell]:
    """Cumulative bands: `counts[b]` people are in band b exactly; band b shows b and above.

    The differences of two cumulative bands are groups of people too (the people exactly in a
    band): they are protected. `total` (the people of the territory, known to the reader) also
    protects the people in no band at all.
    """
    size = len(counts)
    atoms = [*counts, total - sum(counts)]
    figures = [list(range(band, size)) for band in range(size)] + [list(range(size + 1))]
    return suppress(atoms, figures, anchors=[size], min_size=min_size)[:size]
