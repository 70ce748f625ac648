"""The small-cell rule with complementary suppression: no hidden count can be worked out.

The property tests check the result of `maillage.people.privacy` with means of their own: the
2-way tables as the brief words it (the unknowns are the hidden cells and totals; a hidden
value is recoverable iff its unit vector lies in the row space of the constraints left once the
shown values are substituted, numpy rank test), and CP-SAT for the exact integer range of each
hidden value given what the rule tells the reader (counts are >= 0, "fewer than 5" is 0 to 4,
"hidden" is 5 or more, a shown value is exact).
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from maillage.people.privacy import (
    Cell,
    is_small,
    people_cell,
    suppress,
    suppress_bands,
    suppress_parts,
    suppress_table,
)

M = 5
BIG = 10_000
# Counts of people: small ones and zeros often, so that suppression has work to do.
counts = st.one_of(st.integers(0, 6), st.integers(0, 40))
PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- independent checkers ---------------------------------------------------------------


def recoverable(equations: list[dict[str, int]], known: dict[str, int], name: str) -> bool:
    """Is `name` fixed by the linear `equations` (sum coef * var = 0) once `known` is put in?"""
    unknowns = sorted({v for eq in equations for v in eq} - known.keys())
    if not unknowns:
        return True
    matrix = np.array([[eq.get(v, 0) for v in unknowns] for eq in equations], dtype=float)
    unit = np.array([[1.0 if v == name else 0.0 for v in unknowns]])
    rank = np.linalg.matrix_rank(matrix) if matrix.size else 0
    return np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank


def value_range(
    equations: list[dict[str, int]],
    known: dict[str, int],
    hidden: dict[str, Cell],
    name: str,
    free: tuple[str, ...] = (),
) -> tuple[int, int]:
    """The lowest and highest integer `name` can take, as a reader knowing the rule sees it."""
    low_high = []
    for maximise in (False, True):
        model = cp_model.CpModel()
        variables = {}
        for var in {v for eq in equations for v in eq} | {name}:
            if var in known:
                variables[var] = model.NewIntVar(known[var], known[var], var)
            elif var in free:
                variables[var] = model.NewIntVar(0, BIG, var)
            elif hidden[var].complementary:
                variables[var] = model.NewIntVar(M, BIG, var)
            else:
                variables[var] = model.NewIntVar(0, M - 1, var)
        for eq in equations:
            model.Add(sum(coef * variables[v] for v, coef in eq.items()) == 0)
        if maximise:
            model.Maximize(variables[name])
        else:
            model.Minimize(variables[name])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.Solve(model) == cp_model.OPTIMAL
        low_high.append(int(solver.ObjectiveValue()))
    return low_high[0], low_high[1]


def assert_safe(equations, values: dict[str, int], cells: dict[str, Cell], protect=(), free=()):
    """Every hidden value, and every small group in `protect`, has more than one value.

    `free` are groups never published (any count >= 0 for the reader).
    """
    for name, cell in cells.items():
        if cell.hidden:
            continue
        assert cell.value == values[name]
        assert not is_small(cell.value, M), f"{name} = {cell.value} is shown"
    known = {n: c.value for n, c in cells.items() if not c.hidden}
    hidden = {n: c for n, c in cells.items() if c.hidden}
    free = tuple(free)
    for name in [*hidden, *protect]:
        assert not recoverable(equations, known, name), f"{name} recovered by subtraction"
        low, high = value_range(equations, known, hidden, name, free)
        assert low < high, f"{name} can only be {low}"
        assert low <= values[name] <= high


# --- two-way tables ---------------------------------------------------------------------


@st.composite
def tables(draw):
    height, width = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    return [[draw(counts) for _ in range(width)] for _ in range(height)]


def table_system(rows):
    """Names, true values and the equations of a table with row, column and grand totals."""
    height, width = len(rows), len(rows[0])
    values = {f"c{i}.{j}": rows[i][j] for i in range(height) for j in range(width)}
    values |= {f"r{i}": sum(rows[i]) for i in range(height)}
    values |= {f"k{j}": sum(row[j] for row in rows) for j in range(width)}
    values["t"] = sum(map(sum, rows))
    equations = [{**{f"c{i}.{j}": 1 for j in range(width)}, f"r{i}": -1} for i in range(height)]
    equations += [{**{f"c{i}.{j}": 1 for i in range(height)}, f"k{j}": -1} for j in range(width)]
    equations.append({**{f"r{i}": 1 for i in range(height)}, "t": -1})
    return values, equations


@PROPERTY
@given(tables())
def test_no_hidden_cell_of_a_table_is_recoverable(rows):
    result = suppress_table(rows, min_size=M)
    values, equations = table_system(rows)
    cells = {f"c{i}.{j}": cell for i, row in enumerate(result.cells) for j, cell in enumerate(row)}
    cells |= {f"r{i}": cell for i, cell in enumerate(result.row_totals)}
    cells |= {f"k{j}": cell for j, cell in enumerate(result.column_totals)}
    cells["t"] = result.total
    assert_safe(equations, values, cells)
    for name, value in values.items():  # every small count is hidden as such
        if is_small(value, M):
            assert cells[name] == Cell(None)


def test_the_union_overview_example_hides_a_second_status():
    # 40 workers: 15 + 9 + 8 + 0 + 7 + a hidden 1 used to give the 1 away.
    parts, total = suppress_parts([15, 9, 8, 0, 7, 1], min_size=M)
    assert total == Cell(40)
    assert parts == [Cell(15), Cell(9), Cell(8), Cell(0), Cell(None, True), Cell(None)]


def test_two_small_groups_sharing_a_total_need_no_complement():
    # 1 + 1 + 8 = 10: the two hidden groups hold 2 people, as 0 + 2, 1 + 1 or 2 + 0.
    parts, _total = suppress_parts([1, 1, 8], min_size=M)
    assert parts == [Cell(None), Cell(None), Cell(8)]


def test_a_complement_leaves_the_small_group_more_than_one_value():
    # "hidden" is 5 or more: 4 + 5 = 9 would pin both; 4 + 6 = 10 leaves 4 or 5... no, 0 to 4.
    parts, _total = suppress_parts([4, 5, 6, 30], min_size=M)
    assert parts == [Cell(None), Cell(None, True), Cell(6), Cell(30)]


@PROPERTY
@given(st.lists(counts, min_size=1, max_size=7), st.integers(0, 12))
def test_no_part_of_a_known_total_is_recoverable(parts, others):
    total = sum(parts) + others
    cells, total_cell = suppress_parts(parts, total=total, min_size=M)
    values = {f"p{i}": n for i, n in enumerate(parts)} | {"rest": others, "t": total}
    equations = [{**{f"p{i}": 1 for i in range(len(parts))}, "rest": 1, "t": -1}]
    named = {f"p{i}": cell for i, cell in enumerate(cells)} | {"t": total_cell}
    if not total_cell.hidden:  # the headline total is only hidden when small itself
        assert total_cell == Cell(total)
    protect = ["rest"] if is_small(others, M) else []
    assert_safe(equations, values, named, protect=protect, free=["rest"])


# --- cumulative bands -------------------------------------------------------------------


def test_the_it_support_example_hides_a_band():
    # Band 1-2 counts 14 workers, band 3-4 13: one person is exactly at level 1-2.
    cells = suppress_bands([1, 13, 0, 0], total=40, min_size=M)
    assert cells[0].hidden or cells[1].hidden
    assert cells[2:] == [Cell(0), Cell(0)]


@PROPERTY
@given(st.lists(counts, min_size=4, max_size=4), st.integers(0, 30))
def test_no_exact_band_is_recoverable_from_cumulative_bands(exact, without):
    total = sum(exact) + without
    cells = suppress_bands(exact, total=total, min_size=M)
    values = {f"c{b}": sum(exact[b:]) for b in range(4)}
    values |= {f"n{b}": exact[b] for b in range(4)} | {"none": without, "t": total}
    # c_b = n_b + c_(b+1); the territory's total is known: t = c_0 + none.
    equations = [
        {f"c{b}": 1, f"n{b}": -1, **({f"c{b + 1}": -1} if b < 3 else {})} for b in range(4)
    ]
    equations.append({"c0": 1, "none": 1, "t": -1})
    named = {f"c{b}": cell for b, cell in enumerate(cells)}
    named["t"] = Cell(total) if not is_small(total, M) else Cell(None)
    groups = [f"n{b}" for b in range(4) if is_small(exact[b], M)]
    groups += ["none"] if is_small(without, M) else []
    # The exact bands are never shown: unknowns free (>= 0) for the reader.
    free = [f"n{b}" for b in range(4)] + ["none"]
    known = {n: c.value for n, c in named.items() if not c.hidden}
    hidden = {n: c for n, c in named.items() if c.hidden}
    for name, cell in named.items():
        if not cell.hidden:
            assert cell.value == values[name] and not is_small(cell.value, M)
    for name in [*hidden, *groups]:
        assert not recoverable(equations, known, name), f"{name} recovered"
        low, high = value_range(equations, known, hidden, name, tuple(free))
        assert low < high, f"{name} can only be {low}"


# --- nested areas (communes in EPCIs in the territory) ------------------------------------


@PROPERTY
@given(st.lists(st.lists(counts, min_size=1, max_size=4), min_size=1, max_size=3))
def test_no_commune_is_recoverable_from_its_epci_and_the_territory(epcis):
    communes = [n for epci in epcis for n in epci]
    figures, start = [[i] for i in range(len(communes))], 0
    for epci in epcis:
        figures.append(list(range(start, start + len(epci))))
        start += len(epci)
    figures.append(list(range(len(communes))))
    cells = suppress(communes, figures, anchors=[len(figures) - 1], min_size=M)
    values = {f"f{k}": sum(communes[a] for a in atoms) for k, atoms in enumerate(figures)}
    equations = [
        {**{f"f{a}": 1 for a in atoms}, f"f{k}": -1}
        for k, atoms in enumerate(figures)
        if k >= len(communes)
    ]
    assert_safe(equations, values, {f"f{k}": cell for k, cell in enumerate(cells)})


def test_people_cell_shows_nobody_and_five_hides_one_to_four(settings):
    settings.MAILLAGE_MIN_GROUP_SIZE = 5
    assert [people_cell(n) for n in (0, 1, 4, 5)] == [Cell(0), Cell(None), Cell(None), Cell(5)]
