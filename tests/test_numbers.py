"""One reader for numbers in table cells (etl.core.numbers): cell text → value, range or None.

A cell that is not one number gives None and the caller warns; none of them may stop a build
("~150" and ">2026" once did: the sign class was a character range)."""
from __future__ import annotations

import pytest

from etl.core.numbers import QUALIFIERS, is_approx, parse_amount, parse_danish_number, read_number

# cell text → (low, high, negative, qualifier), or None
CELLS = [
    ("150", (150, 150, False, None)),
    ("~150", (150, 150, False, "~")),
    ("ca. 150", (150, 150, False, "ca.")),
    ("ca 150", (150, 150, False, "ca")),
    ("Ca. 150", (150, 150, False, "ca.")),
    ("cirka 2,5", (2.5, 2.5, False, "cirka")),
    (">2026", (2026, 2026, False, ">")),
    ("> 2026", (2026, 2026, False, ">")),
    ("mindst 300", (300, 300, False, "mindst")),
    ("op til 300", (300, 300, False, "op til")),
    ("100–200", (100, 200, False, None)),
    ("100-200", (100, 200, False, None)),
    ("100 til 200", (100, 200, False, None)),
    ("1 250", (1250, 1250, False, None)),
    ("1\u00a0250", (1250, 1250, False, None)),
    ("1 250 000", (1_250_000, 1_250_000, False, None)),
    ("1.250", (1250, 1250, False, None)),
    ("1.250,5", (1250.5, 1250.5, False, None)),
    ("-1.250", (1250, 1250, True, None)),
    ("−1.250", (1250, 1250, True, None)),
    ("½", (0.5, 0.5, False, None)),
    ("2½", (2.5, 2.5, False, None)),
    ("5 %", None),
    ("5%", None),
    ("se bilag", None),
    ("-", None),
    ("", None),
    ("Ikke oplyst", None),
    ("200–100", None),
    ("2024 2025", None),
]


@pytest.mark.parametrize("text, expected", CELLS, ids=[c[0] or "empty" for c in CELLS])
def test_cell_text_to_number(text, expected):
    n = read_number(text)
    if expected is None:
        assert n is None
    else:
        assert n is not None
        assert (n.low, n.high, n.negative, n.qualifier) == expected


# a whole cell as money: (cell, header unit in t.kr.) → (low_tkr, high_tkr, negative), or None
MONEY = [
    ("~150", 1.0, (150, 150, False)),
    ("1 250", 1.0, (1250, 1250, False)),
    ("100–200", 1000.0, (100_000, 200_000, False)),
    ("(1.250)", 1.0, (1250, 1250, True)),  # accounts' parentheses: negative
    ("2,5 mio. kr.", None, (2500, 2500, False)),  # a unit in the cell wins / is enough
    ("450.000 kr.", 1000.0, (450, 450, False)),
    ("150", None, None),  # no unit anywhere: unknown, never a guess
    ("5 %", 1.0, None),
    ("se bilag", 1.0, None),
]


@pytest.mark.parametrize("cell, unit, expected", MONEY, ids=[m[0] for m in MONEY])
def test_cell_text_to_amount(cell, unit, expected):
    a = parse_amount(cell, unit_tkr=unit)
    if expected is None:
        assert a is None
    else:
        assert a is not None
        assert (a.low_tkr, a.high_tkr) == pytest.approx(expected[:2]) and a.negative == expected[2]


@pytest.mark.parametrize("text, value", [("1.257", 1257), ("189,37", 189.37), ("-1.250", -1250), ("+5", 5),
                                         ("~150", None), (">2026", None), ("1.2.3", None), ("abc", None)])
def test_plain_danish_number(text, value):
    assert parse_danish_number(text) == value


@pytest.mark.parametrize("qualifier, approx", [("ca.", True), ("~", True), ("op til", True), ("mindst", False),
                                               (">", False), (None, False)])
def test_one_qualifier_table_says_what_is_approximate(qualifier, approx):
    assert qualifier is None or qualifier in QUALIFIERS
    assert is_approx(qualifier) == approx


def test_a_qualifier_is_never_the_end_of_a_word():
    from etl.core.numbers import find_amounts

    assert [a.qualifier for a in find_amounts("Amerika 2 mio. kr. og ca 3 mio. kr.")] == [None, "ca"]


def test_cells_that_once_stopped_the_build_load_with_warnings(tmp_path):
    from tests.conftest import etl_built

    path = tmp_path / "celler.csv"
    path.write_text("Titel;Forventet gevinst (t.kr.);Fuldt indfaset år;2025;2026\n"
                    "Tilde;~150;>2026;~150;100–200\n"
                    "Mellemrum;1 250;2026;se bilag;-\n"
                    "Procent;ca. 150;2026;5 %;1 250\n", encoding="utf-8")
    with etl_built(tmp_path / "db.duckdb", path) as (_, con):
        got = dict(con.execute("SELECT title, expected_tkr FROM initiatives").fetchall())
        codes = [r[0] for r in con.execute("SELECT code FROM parse_warnings ORDER BY line, code").fetchall()]
    assert got == {"Tilde": 150, "Mellemrum": 1250, "Procent": 150}
    # the yearly columns print no unit: the one the other money column prints is used, with a warning
    assert {"year_unreadable", "unit_inferred", "amount_unreadable", "amount_only_percent"} <= set(codes)
