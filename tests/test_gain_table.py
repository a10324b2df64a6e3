"""etl.core.gain_table: small gain tables inside prose or a cell → yearly gains and the full-year effect.

Each case is a table as catalogues and proposal texts print it (cells separated by
tabs, as the text layer and the PDF layout reader give them; or "År 1: …" lines),
and the series a finance officer reads from it: savings positive whatever sign the
table prints, the full-year effect, the first year at it, the yearly gains and the
codes of the warnings."""
from __future__ import annotations

import pytest

from etl.core.gain_table import find_gain_tables, read_gain_table, role, time_column
from etl.core.model import Code
from etl.core.when import Anchor

BUDGET = Anchor(2020, "budget_year", "Budget 2020")


def lines(text: str) -> list[tuple[int, str]]:
    return [(n, t) for n, t in enumerate(text.strip("\n").split("\n"), start=1)]


# table, context, anchor → (full_year_tkr, low, high, full_year, [(year, t.kr.)], kind, codes) or None
TABLES = [
    ("(1.000 kr.)\t2017\t2018\t2019\nForventet økonomisk gevinst\t-500\t-1.200\t-1.200", "", None,
     (1200, 1200, 1200, 2018, [(2017, 500), (2018, 1200), (2019, 1200)], "expected", [])),
    ("Mio. kr.\t2016\t2017\nGevinst ved nyt system\t0,9\t0,9\nStandardisering\t\t0,2\nSamlet\t0,9\t1,1", "", None,
     (1100, 1100, 1100, 2017, [(2016, 900), (2017, 1100)], "expected", [])),
    ("Kr.\t2016\t2017\nBesparelse på porto\t250.000\t400.000", "", None,
     (400, 400, 400, 2017, [(2016, 250), (2017, 400)], "expected", [])),
    # net of costs, saving printed negative (as budget tables do): the net row, signs turned
    ("Beløb i mio. kr.\n\t2018\t2019\t2020\nUdgift til projektleder\t1,0\t0,5\t0,5\n"
     "Besparelse\t-0,5\t-1,5\t-2,0\nNetto\t0,5\t-1,0\t-1,5", "", None,
     (1500, 1500, 1500, 2020, [(2018, -500), (2019, 1000), (2020, 1500)], "expected", [])),
    # a legend says how signs are printed
    ("(1.000 kr.)\t2015\t2016\t2017\nInvestering, drift\t-150\t-480\t0\nNettoresultat\t-150\t1.020\t2.500",
     "Negative beløb = investeringer. Positive beløb = besparelser.", None,
     (2500, 2500, 2500, 2017, [(2015, -150), (2016, 1020), (2017, 2500)], "expected", [])),
    # the forecast row beats the net row
    ("Udrulning (1.000 kr.)\t2016\t2017\t2018\nOpnormering\t6.265\t6.265\t6.065\n"
     "Forventet besparelse på anbringelser\t-3.500\t-7.500\t-11.000\nNettobesparelse\t3.165\t-835\t-4.935", "", None,
     (11000, 11000, 11000, 2018, [(2016, 3500), (2017, 7500), (2018, 11000)], "expected", [])),
    # a full-year column, onward and budget-year headers
    ("1.000 kr.\t2019\t2020\tHelårseffekt\nBesparelse\t300\t600\t800", "", None,
     (800, 800, 800, None, [(2019, 300), (2020, 600)], "expected", [])),
    ("t.kr.\tB2020\tBO2021\t2022→\nMindreudgift\t-200\t-450\t-450", "", None,
     (450, 450, 450, 2021, [(2020, 200), (2021, 450), (2022, 450)], "expected", [])),
    ("Årlig gevinst\tMio. kr.\nProvenu på afgift\t3,8\nNye udbud\t5,0\nOpnormering\t-2,5\nSamlet årlig gevinst\t6,3",
     "", None, (6300, 6300, 6300, None, [], "expected", [])),
    # relative years, anchored (a guess, warned) or not
    ("Mio. kr.\tÅr 1\tÅr 2\tÅr 3\nProduktbesparelse\t-0,2\t0,1\t0,3\nI alt besparelse\t0,1\t0,6\t0,9", "", BUDGET,
     (900, 900, 900, 2022, [(2020, 100), (2021, 600), (2022, 900)], "expected", [Code.RELATIVE_YEAR_ANCHORED])),
    ("Mio. kr.\t1. år\t2. år\t3. år\tI alt\nSparet udgift til forsørgelse\t0\t-0,4\t-1,2\t-1,6", "",
     Anchor(2015, "printed", "1. år (2015)"),
     (1200, 1200, 1200, 2017, [(2015, 0), (2016, 400), (2017, 1200)], "expected", [])),
    ("Mio. kr.\tÅr 1\tÅr 2\nBesparelse\t0,5\t1,0", "", None,
     (1000, 1000, 1000, None, [(None, 500), (None, 1000)], "expected", [Code.YEAR_MISSING] * 2)),
    # "År 1: …" lines: a one-row table down the page; a figure without its unit takes the list's
    ("År 1: 0 kr.\nÅr 2: 400.000 kr.\nÅr 3: 1.200.000", "", BUDGET,
     (1200, 1200, 1200, 2022, [(2020, 0), (2021, 400), (2022, 1200)], "expected",
      [Code.UNIT_INFERRED, Code.RELATIVE_YEAR_ANCHORED])),
    ("2018: 2 mio. kr.\n2019 og frem: 3 mio. kr.", "", None,
     (3000, 3000, 3000, 2019, [(2018, 2000), (2019, 3000)], "expected", [])),
    # ranges and bounds in cells
    ("Estimeret effekt (mio. kr.)\t2018\t2019\nEffektivisering\t2 - 5\t5 - 10", "", None,
     (7500, 5000, 10000, 2019, [(2018, 3500), (2019, 7500)], "expected", [])),
    ("Mio. kr.\t2019\t2020\nBesparelse\t1\tMin. 10", "", None,
     (10000, 10000, None, 2020, [(2019, 1000), (2020, 10000)], "expected", [])),
    ("(1.000 kr.)\t2014\t2015\nRealiseret besparelse\t-800\t-800", "", None,
     (800, 800, 800, 2014, [(2014, 800), (2015, 800)], "realised", [])),
    # a lone budget row, negative: taken as savings, and warned as a guess
    ("Ændring\t2016\t2017\t2018\n(mio. kr.)\t0,0\t-3,0\t-4,5", "", None,
     (4500, 4500, 4500, 2018, [(2016, 0), (2017, 3000), (2018, 4500)], "expected", [Code.SIGN_CONVENTION_INFERRED])),
]

UNREAD = [  # table, context → codes (no series)
    ("\t2015\t2016\t2017\nBudgetreduktion\t-0,5\t-1,6\t-2,3", [Code.AMOUNT_NO_UNIT]),  # no unit: never a guess
    ("Nettogevinster (mio. kr.)\t2016\t2017\nNettogevinst, scenarie 1\t5,4\t8,5\nNettogevinst, scenarie 2\t5,9\t8,1",
     [Code.AMOUNT_UNREADABLE]),  # two scenarios that disagree
    ("(1.000 kr.)\t2016\t2017\nUdgift til licenser\t300\t300", []),  # only costs
    ("Mio. kr.\t2016\t2017\nAntal borgere pr. sagsbehandler\t39\t25", []),  # not money
    ("Temaer (mio. kr.)\t2016\t2017\t2018\nFærre klinikker\t0,60\t2,10\t0,36\nLedelse\t0,42\t\t\n"
     "Indkøb\t\t\t0,42\nI alt\t1,02\t2,10\t0,78", [Code.AMOUNT_UNREADABLE]),  # increments: a saving that stops
]


@pytest.mark.parametrize("table,context,anchor,expected", TABLES)
def test_tables(table, context, anchor, expected):
    full, low, high, full_year, gains, kind, codes = expected
    (t,) = find_gain_tables(lines(table))
    reading = read_gain_table(t, anchor=anchor, context=context)
    s = reading.series
    assert s is not None, reading.notes
    assert (s.full_year_tkr, s.low_tkr, s.high_tkr, s.full_year, s.kind) == (
        pytest.approx(full), pytest.approx(low) if low is not None else None,
        pytest.approx(high) if high is not None else None, full_year, kind)
    assert [(g.year, g.amount_tkr) for g in s.gains] == [(y, pytest.approx(v)) for y, v in gains]
    assert [n.code for n in reading.notes] == codes
    printed = dict(lines(table))
    assert s.text == " | ".join("\t".join(c.strip() for c in printed[n].split("\t")) for n in t.lines)  # verbatim


@pytest.mark.parametrize("table,codes", UNREAD)
def test_tables_not_read(table, codes):
    (t,) = find_gain_tables(lines(table))
    reading = read_gain_table(t)
    assert reading.series is None
    assert [n.code for n in reading.notes] == codes


@pytest.mark.parametrize("block", [
    "R2013\tR2014\tFR2015\nUdgifter\t41.516\t37.696\t36.993",  # accounts, not gains
    "2011: 1.066.270 kr.\n",  # one line is not a list
    "Timer\tGevinst i kr.\nDag\t1.179.596",  # no time columns
    "Det giver en besparelse på 2 mio. kr. i 2017 og 3 mio. kr. i 2018.",
])
def test_not_a_gain_table(block):
    assert find_gain_tables(lines(block)) == []


def test_a_list_of_costs_is_no_gain():
    block = "Vi har haft følgende merudgift:\n2013: 1.185.305 kr.\n2014: 1.211.008 kr."
    (t,) = find_gain_tables(lines(block))
    assert read_gain_table(t).series is None


def test_tables_are_found_in_prose_with_their_lines():
    block = ("Forslaget giver følgende:\n(1.000 kr.)\t2017\t2018\nForventet gevinst\t-100\t-200\n"
             "Herudover spares tid.\nÅr 1: 0 kr.\nÅr 2: 300.000 kr.")
    grid, listed = find_gain_tables(lines(block))
    assert (grid.line, grid.lines, listed.lines) == (2, (2, 3), (5, 6))
    assert listed.unit_from_lines and not grid.unit_from_lines


@pytest.mark.parametrize("cell,expected", [
    ("2016", (2016, None, False, False)), ("B16", (2016, None, False, False)), ("BO2021", (2021, None, False, False)),
    ("Budget 2019", (2019, None, False, False)), ("2021→", (2021, None, False, True)),
    ("2019 (helårsvirkning)", (2019, None, True, False)), ("År 2", (None, 2, False, False)),
    ("3. år", (None, 3, False, False)), ("Helårseffekt", (None, None, True, False)),
    ("Varig effekt", (None, None, True, False)), ("R2014", None), ("I alt", None), ("2016-18", None),
])
def test_time_columns(cell, expected):
    c = time_column(0, cell)
    assert (None if c is None else (c.year, c.relative, c.full_year, c.onward)) == expected


@pytest.mark.parametrize("label,expected", [
    ("Forventet økonomisk gevinst", "expected"), ("Realiseret besparelse", "realised"),
    ("Nettobesparelse", "net"), ("= Nettoresultat, drift", "net"), ("Samlet provenu", "net"), ("Overskud", "net"),
    ("Samlet årlig gevinst", "saving_total"),
    ("Besparelse i alt", "saving_total"), ("Sparet udgift til forsørgelse", "saving"),
    ("Mindreudgift med ny model", "saving"), ("Udgifter i alt", "cost"), ("Investering, drift", "cost"),
    ("Licenser", "cost"), ("Akkumulerede gevinster", "skip"), ("Gevinst i timer", "skip"), ("Budget", "other"),
])
def test_row_roles(label, expected):
    assert role(label) == expected
