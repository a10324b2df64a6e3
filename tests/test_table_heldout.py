"""Held-out savings tables (issue 13's acceptance): layouts the reader was not written
against, read as CSV, XLSX, a ruled and an unruled PDF. Each table and the rows it must give
(written by hand from the printed figures) stand side by side in
``tests/fixtures/tables_heldout/*.json``; ``python bench/tables_heldout.py`` prints rows
fully right per table and format.

Below them, number cells as people type them, none of which may stop a build.
"""
from __future__ import annotations

import pytest

from etl import formats
from etl.errors import InputError
from etl.parse import table
from etl.read import read
from etl.table_amounts import read_cell
from tests.table_heldout import HELDOUT
from tests.table_score import decided_value, score
from tests.table_writers import FORMATS, write

SAVINGS = [f for f in HELDOUT if not f.refused]
REFUSED = [f for f in HELDOUT if f.refused]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("heldout")


@pytest.mark.parametrize("fx, fmt", [(f, fmt) for f in SAVINGS for fmt in FORMATS],
                         ids=[f"{f.name}-{fmt}" for f in SAVINGS for fmt in FORMATS])
def test_every_held_out_row_fully_right(folder, fx, fmt):
    doc = read(write(fx, fmt, folder))
    assert formats.detect(doc).name == "table"
    parsed = table.parse(doc)
    result = score(fx, parsed)
    assert result.problems == []  # no row wrong, none missing, no heading or total loaded
    assert [i.number for i in parsed.initiatives] == [r.number for r in fx.expected]
    src = parsed.source
    sign = None if src.sign_convention is None else (src.sign_convention.value, src.sign_convention.how)
    assert (decided_value(src.unit_text), decided_value(src.price_level), sign) == (
        fx.unit_text, fx.price_level, fx.sign)


@pytest.mark.parametrize("fx, fmt", [(f, fmt) for f in REFUSED for fmt in FORMATS],
                         ids=[f"{f.name}-{fmt}" for f in REFUSED for fmt in FORMATS])
def test_held_out_tables_that_are_not_savings_load_nothing(folder, fx, fmt):
    doc = read(write(fx, fmt, folder))
    try:
        parsed = table.parse(doc)
    except InputError as exc:
        assert fx.refused in str(exc) and "\n" not in str(exc)
    else:
        assert parsed.initiatives == []


CELLS = [  # a cell as typed under "Besparelse (1.000 kr.)" → (magnitude in t.kr., printed negative) or None
    ("÷ 1.200", (1200, True)),
    ("\u22121.200", (1200, True)),
    ("1 250 000 kr. pr. år", (1250, False)),
    ("≈150", (150, False)),
    ("ca.150", (150, False)),
    ("kr. 200.000", (200, False)),
    ("(150)", (150, True)),
    ("150 t.kr.", (150, False)),
    ("2,5 mio. kr./år", (2500, False)),
    ("1,5 mio", (1500, False)),
    ("100 - 200", (150, False)),
    ("1.250,5", (1250.5, False)),
    ("-150*", (150, True)),
    ("0", (0, False)),
    ("n/a", None),
    ("?", None),
    ("ikke opgjort", None),
    ("jf. bilag 2", None),
    ("10 %", None),
]


@pytest.mark.parametrize("text, want", CELLS, ids=[c for c, _ in CELLS])
def test_number_cells_as_typed_read_or_left_empty(text, want):
    cell = read_cell(text, 1.0)  # never raises
    got = None if cell.money is None else (cell.money.value_tkr, cell.money.negative)
    assert got == (None if want is None else (pytest.approx(want[0]), want[1]))
    assert (cell.money is None) == (cell.problem is not None or cell.nil)


def test_a_table_of_such_cells_loads_every_row(folder):
    """The same cells in one savings list: every row loads, unreadable ones NULL with a warning."""
    lines = ["Hørsholm Kommune", "Besparelsesforslag", "", "Nr.;Forslag;Besparelse (1.000 kr.)"]
    lines += [f"{i};Forslag {i};{text}" for i, (text, _) in enumerate(CELLS, start=1)]
    path = folder / "celler.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parsed = table.parse(read(path))
    assert [i.title for i in parsed.initiatives] == [f"Forslag {i}" for i in range(1, len(CELLS) + 1)]
    unread = {w.key for w in parsed.warnings if w.code.startswith("amount_")}
    for ini, (_text, want) in zip(parsed.initiatives, CELLS):
        assert (ini.expected_tkr is None) == (want is None)
        if want is None:
            assert ini.key in unread
