"""etl.core.numbers: money and years in Danish prose and table cells.

Each case is a phrase as municipal documents print it and the amount(s) a
reader takes from it, in thousands of DKK. The "no figure" cases are the
traps: percentages, years, counts, phone numbers, dates, case numbers."""
from __future__ import annotations

import pytest

from etl.core.numbers import (
    Amount,
    find_amounts,
    find_year_refs,
    find_years,
    parse_amount,
    year_from,
    year_in,
    year_span,
)

# (text, [(low_tkr, high_tkr), ...])
MONEY = [
    ("2,4 mio. kr.", [(2400, 2400)]),
    ("450.000 kr.", [(450, 450)]),
    ("1.257 t.kr.", [(1257, 1257)]),
    ("1.257 tkr.", [(1257, 1257)]),
    ("1.257 t. kr.", [(1257, 1257)]),
    ("i alt 1.250 1.000 kr.", [(1250, 1250)]),
    ("1,5-20 mio.", [(1500, 20000)]),
    ("1,5 - 2 mio. kr.", [(1500, 2000)]),
    ("ca. 3 mio.", [(3000, 3000)]),
    ("op til 500.000 kr.", [(500, 500)]),
    ("3 mio. kr. over tre år", [(3000, 3000)]),
    ("8 mio. kr. årligt fra 2012", [(8000, 8000)]),
    ("-2,4 mio.kr", [(2400, 2400)]),
    ("2 mill. kr.", [(2000, 2000)]),
    ("12 kr.", [(0.012, 0.012)]),
    ("5 mio. kroner", [(5000, 5000)]),
    ("4 millioner kroner", [(4000, 4000)]),
    ("3 mia. kr.", [(3_000_000, 3_000_000)]),
    ("mellem 2,6 og 3,0 milliarder kroner", [(2_600_000, 3_000_000)]),
    ("1,1 til 1,3 mio. kr. årligt", [(1100, 1300)]),
    ("mellem 2 og 3 mio. kr.", [(2000, 3000)]),
    ("mellem kr. 500.000 og kr. 1.500.000", [(500, 1500)]),
    ("ca. 1-1,5 mil. kr.", [(1000, 1500)]),
    ("en halv million kroner", [(500, 500)]),
    ("1½ mio. kr.", [(1500, 1500)]),
    ("Kr. 1.992.279 og kr. 842.279 pr. år", [(1992.279, 1992.279), (842.279, 842.279)]),
    ("2 mio. kr. i 2011 og 8 mio. kr. årligt fra 2012", [(2000, 2000), (8000, 8000)]),
    ("i 2016-2 mio. kr.", [(2000, 2000)]),
    ("Budget 2016: 2,5 mio.kr.", [(2500, 2500)]),
    ("3 tusinde kroner", [(3, 3)]),
    ("20 mio. kr./år", [(20000, 20000)]),
    ("2.790.000 kr.", [(2790, 2790)]),
    ("0,55 mio. kr.", [(550, 550)]),
    ("10 mio.kr. kun", [(10000, 10000)]),
]

NO_FIGURE = [
    "42 kommuner",
    "1.000 borgere",
    "3 pct.",
    "30-50 pct. lavere omkostninger",
    "ca. 1 procent af driftsbudgettet",
    "i 2015 og 2016",
    "fra 2017 og frem",
    "side 12 af 40",
    "tlf. 3370 3414",
    "Direkte: 33 70 34 14",
    "den 1. maj 2016",
    "1.4.2012",
    "Sagsnr. 2016-0077618",
    "2,5 årsværk",
    "15-25 årige",
    "beløb i 1.000 kr.",
    "(1.000 kr.)",
    "(mio. kr.)",
    "op til 8000 IP-opkoblede enheder",
    "2300 København S",
    "krav og kravspecifikation",
    "en milepæl",
    "18,7 sygedage pr. år",
]


@pytest.mark.parametrize("text,expected", MONEY)
def test_money_expressions(text, expected):
    got = [(a.low_tkr, a.high_tkr) for a in find_amounts(text)]
    assert got == [pytest.approx(e) for e in expected]


@pytest.mark.parametrize("text", NO_FIGURE)
def test_no_figure(text):
    assert find_amounts(text) == []


def test_flags_and_positions():
    text = "Der spares ca. 2,4 mio. kr. årligt, men der er en engangsudgift på 1 mio. kr."
    a, b = find_amounts(text)
    assert a.approx and a.qualifier == "ca." and a.per_year and not a.one_off
    assert text[a.start:a.end] == a.text == "ca. 2,4 mio. kr."
    assert b.one_off and not b.per_year


def test_value_is_range_midpoint():
    (a,) = find_amounts("1,1 til 1,3 mio. kr.")
    assert a.is_range and a.value_tkr == pytest.approx(1200)


def test_negative_sign_is_reported_not_applied():
    (a,) = find_amounts("-1.250 t.kr.")
    assert a.negative and a.low_tkr == 1250 and a.signed_tkr == -1250


def test_period_total():
    (a,) = find_amounts("en samlet besparelse på 9 mio. kr. over 5 år")
    assert a.period_years == 5 and not a.per_year


def test_mindst_is_a_bound_not_an_approximation():
    (a,) = find_amounts("mindst 0,5 mio. kr. pr. år")
    assert a.qualifier == "mindst" and not a.approx and a.per_year


def test_op_til_is_marked():
    (a,) = find_amounts("op til 500.000 kr.")
    assert a.qualifier == "op til" and a.approx


def test_unit_is_recorded():
    units = [a.unit_tkr for a in find_amounts("2 mio. kr., 300 t.kr. og 400 kr.")]
    assert units == [1000, 1, 0.001]


# --------------------------------------------------------------------------- cells

CELLS = [
    ("1.257", 1, 1257),
    ("-1.250", 1, 1250),
    ("2,4", 1000, 2400),
    ("950", 0.001, 0.95),
    ("2,4 mio. kr.", None, 2400),
    ("2,4 mio. kr.", 1, 2400),  # a unit printed in the cell wins over the header's
    ("ca. 500", 1, 500),
    ("0", 1, 0),
    ("1.487,5", 1, 1487.5),
]


@pytest.mark.parametrize("cell,unit,value", CELLS)
def test_cells(cell, unit, value):
    a = parse_amount(cell, unit)
    assert a is not None and a.value_tkr == pytest.approx(value)


@pytest.mark.parametrize("cell,unit", [("1.257", None), ("", 1), ("Ikke opgjort", 1), ("-", 1),
                                       ("2 mio. kr. og 3 mio. kr.", None), ("se bilag 3", 1), (None, 1)])
def test_cells_without_a_figure(cell, unit):
    assert parse_amount(cell, unit) is None


def test_cell_sign_and_parentheses():
    assert parse_amount("-600", 1).negative
    assert parse_amount("÷ 600", 1).negative
    assert parse_amount("(1.250)", 1).negative
    assert not parse_amount("1.250", 1).negative


def test_cell_range_with_header_unit():
    a = parse_amount("2 - 5", 1000)
    assert (a.low_tkr, a.high_tkr) == (2000, 5000)


def test_cell_keeps_verbatim_text():
    a = parse_amount(" 2,4 mio. kr. ")
    assert isinstance(a, Amount) and a.text == "2,4 mio. kr."


# --------------------------------------------------------------------------- years

YEARS = [
    ("fra 2017", [2017]),
    ("i 2015 realiseret", [2015]),
    ("2016-2019", [2016, 2019]),
    ("budget 2011-14", [2011, 2014]),
    ("forventes 0,64 mio. kr. i 2016 og 1,28 mio. kr. fra 2017", [2016, 2017]),
    ("2015/16", [2015, 2016]),
    ("den 1. maj 2016", [2016]),
    ("Sagsnr. 2016-0077618", []),
    ("2000 kr.", []),
    ("2.015 borgere", []),
    ("8000 enheder", []),
    ("18,7 sygedage", []),
    ("2020 pct.", []),
]


@pytest.mark.parametrize("text,years", YEARS)
def test_years(text, years):
    assert find_years(text) == years


def test_year_kinds():
    text = "Der blev i 2015 realiseret 3 mio. kr., fra 2017 forventes 5 mio. kr. og i perioden 2016-2019 i alt 12."
    kinds = [(r.kind, r.start, r.end) for r in find_year_refs(text)]
    assert kinds == [("in", 2015, 2015), ("from", 2017, 2017), ("range", 2016, 2019)]
    assert year_in(text) == 2015 and year_from(text) == 2017 and year_span(text) == (2016, 2019)


def test_fra_og_med():
    assert year_from("fra og med 2018 og frem") == 2018
    assert year_from("i 2018") is None
