"""The table reader's once-per-table work: rows squashed once, amount cells read once per text.

``squash_rows`` must give exactly what squashing every cell gives (and the rows themselves when
nothing needs it); ``read_figure`` must read a cell as ``read_cell`` does whatever the column's
year; ``AmountCells`` must hand each row the readings, values and signs that reading its cells
one by one gives (a bare figure's cell its own copy)."""
from __future__ import annotations

import pytest

from etl.parse.common import squash, squash_rows
from etl.parse.table_cells import AmountCells, rounding
from etl.table_amounts import read_cell, read_figure

ROWS = [
    (["Titel", "1.200", ""], True),
    (["a  b", "1"], False),  # a double space
    ([" lead", "x"], False),
    (["trail ", "x"], False),
    (["tab\there"], False),
    (["line\nbreak", "2"], False),
    (["nbsp\xa0here"], False),
    (["thin\u2009space"], False),
    (["soft\xadhyphen", "a|b", "| c"], False),  # not whitespace, but sent the slow way: still right
    (["", "", ""], True),
    ([], True),
]


@pytest.mark.parametrize(("row", "clean"), ROWS)
def test_squash_rows_squashes_every_cell(row, clean):
    rows = [["Forslag", "1,5"], row, ["ok", "ok"]]
    got = squash_rows(rows)
    assert got == [[squash(c) for c in r] for r in rows]
    assert (got is rows) == clean


def test_squash_rows_of_many_rows_copies_only_those_that_need_it():
    rows = [[f"titel {i}", str(i)] for i in range(10_000)]
    rows[5_000] = ["two  spaces", "1"]
    got = squash_rows(rows)
    assert got[5_000] == ["two spaces", "1"]
    assert got[4_999] is rows[4_999] and got[9_999] is rows[9_999]
    assert squash_rows(rows[:4_000]) is not None and squash_rows(rows[:4_000])[0] is rows[0]


@pytest.mark.parametrize("text", ["-1.250", "150", "0,5", "(1.250)", "-", "–", "x", "12 %", "0,5 mio. kr.",
                                  "ca. 300.000 kr. årligt", "se bilag", "100-200", "~150",
                                  "1 mio. kr. i 2026 (0,5 mio. kr. i 2025)", "1.250 (1.100)"])
@pytest.mark.parametrize("unit", [1.0, None, 1000.0])
def test_read_figure_reads_as_read_cell_in_every_year(text, unit):
    figure = read_figure(text, unit)
    if figure is None:  # a phrase: its reading may depend on the year
        return
    for year in (None, 2025, 2026):
        assert read_cell(text, unit, None, year) == figure


TABLE = [  # expected (t.kr.), 2025, 2026
    ["100", "50", "100"],
    ["-200", "-", "-200"],
    ["se note", "1 mio. kr. i 2026", ""],
    ["100", "50", "100"],
    ["", "", ""],
    ["1.250 (1.100)", "0", "1,5"],
]


@pytest.mark.parametrize("unit", [1.0, None])
def test_amount_cells_give_each_row_what_reading_its_cells_gives(unit):
    cols = [(0, unit, None), (1, unit, 2025), (2, unit, 2026)]
    cells = AmountCells(TABLE, cols, None, None, skip={3})
    cells.sign("saving_positive")
    for index, row in enumerate(TABLE):
        got = cells.row(index)
        want = {} if index == 3 else {col: read_cell(row[col], u, None, y) for col, u, y in cols if row[col]}
        assert {col: r.cell for col, r in got.items() if r is not None} == want
        values = {}
        for col, c in want.items():
            if c.nil:
                values[col] = (0.0, 0.0)
            elif c.money is not None and c.money.unit_tkr is not None:
                v = c.money.value_tkr
                values[col] = (-v if c.money.negative else v, rounding(c))
        assert cells.values(index) == values
        signs = [c.money.negative for c in want.values() if c.money is not None and c.money.value_tkr]
        assert sorted(cells.flags([0, 1, 2], [index])) == sorted(signs)
        assert cells.plain(index) == all(not c.bare and not c.notes and c.problem is None and not c.gains
                                         for c in want.values())


def test_a_bare_figure_is_a_copy_in_every_row():
    table = [["100"], ["100"]]
    cells = AmountCells(table, [(0, None, None)], None, None, skip=set())
    first, second = cells.row(0)[0], cells.row(1)[0]
    assert first is not None and second is not None and first.bare
    assert first.cell == second.cell and first.cell is not second.cell
    assert cells.values(0) == {}  # no unit yet: no value for the structure or the totals
