"""Savings tables as Danish municipalities publish them (issue 13), read as CSV, XLSX, a ruled
PDF and an unruled PDF: every row fully right, units and signs decided and recorded, group
headings as areas, totals checked and never loaded as initiatives, the lines around a table
used as context, and tables that are not savings refused.

The layouts and their answers are in tests/table_fixtures.py; tests/table_writers.py prints
them. The tables of header texts, cell texts, context lines and sign evidence below are the
rules themselves, one line each.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from etl import formats
from etl.core.amount_phrase import read_paren_legend
from etl.core.model import Code, Decided
from etl.errors import InputError
from etl.normalise import to_rows
from etl.parse import table
from etl.read import read
from etl.table_amounts import SignEvidence, decide_sign, infer_unit, read_cell
from etl.table_columns import field_of, map_header, sign_hint, topic_is_type, year_column
from etl.table_context import (
    budget_year_in,
    committee_in,
    decision_in,
    municipality_in,
    not_savings,
    price_level,
    sign_legend,
    unit_statement,
)
from etl.table_structure import classify
from tests.conftest import etl_built, run_etl
from tests.table_fixtures import FIXTURES, SAVINGS, UDVALG, Fixture
from tests.table_score import decided_value, score
from tests.table_writers import FORMATS, write


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("layouts")


# --- every fixture in every format --------------------------------------------------------------

@pytest.mark.parametrize("fx, fmt", [(f, fmt) for f in SAVINGS for fmt in FORMATS],
                         ids=[f"{f.name}-{fmt}" for f in SAVINGS for fmt in FORMATS])
def test_every_row_fully_right(folder, fx: Fixture, fmt: str):
    doc = read(write(fx, fmt, folder))
    assert formats.detect(doc).name == "table"
    parsed = table.parse(doc)
    result = score(fx, parsed)
    assert result.problems == []
    assert result.right == result.total == len(fx.expected)
    assert [i.number for i in parsed.initiatives] == [r.number for r in fx.expected]  # never the title
    src = parsed.source
    sign = None if src.sign_convention is None else (src.sign_convention.value, src.sign_convention.how)
    assert (decided_value(src.unit_text), decided_value(src.price_level), sign) == (
        fx.unit_text, fx.price_level, fx.sign)
    assert [(t.label, t.year, t.printed_tkr, t.computed_tkr) for t in parsed.totals] == [
        (t.label, t.year, t.printed_tkr, t.computed_tkr) for t in fx.totals]
    rows = to_rows(doc, parsed, dt.datetime(2024, 1, 1), "tab")
    assert fx.warnings <= {w.code for w in rows.warnings}
    # every guess shows its evidence: the document's text, or (a sign decided by counting) the counts
    assert all(w.text or w.code in ("sector_unmapped", "title_from_description") or "negative" in w.params
               for w in rows.warnings
               if w.code in {c.value for c in (Code.UNIT_INFERRED, Code.SIGN_CONVENTION_INFERRED,
                                                Code.CONTEXT_FROM_HEADING, Code.RELATIVE_YEAR_ANCHORED)})


@pytest.mark.parametrize("fx, fmt", [(f, fmt) for f in FIXTURES if f.refused for fmt in FORMATS],
                         ids=[f"{f.name}-{fmt}" for f in FIXTURES if f.refused for fmt in FORMATS])
def test_tables_that_are_not_savings_are_refused(folder, fx: Fixture, fmt: str):
    doc = read(write(fx, fmt, folder))
    assert formats.detect(doc).name == "table"
    with pytest.raises(InputError) as err:
        table.parse(doc)
    assert fx.refused in str(err.value) and "nothing loaded" in str(err.value)


def test_a_budget_follow_up_is_one_error_line_and_the_database_unchanged(folder, tmp_path):
    good = write(UDVALG, "csv", folder)
    db = tmp_path / "s.duckdb"
    assert run_etl("build", "--db", str(db), str(good)).returncode == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    bad = write(next(f for f in FIXTURES if f.name == "resultatopgoerelse"), "ruled.pdf", folder)
    res = run_etl("build", "--db", str(db), str(bad))
    assert res.returncode != 0 and "Traceback" not in res.stderr
    assert [ln for ln in res.stderr.splitlines() if ln.startswith("error:")] == [
        f"error: {bad.name}: not a savings table: it looks like an income statement ('Resultatopgørelse'); "
        "nothing loaded"]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_units_signs_and_totals_reach_the_database(folder, tmp_path):
    """The committee's list through ``etl build``: the source says how its amounts were read,
    the totals are rows of table_totals (one does not add up), no total is an initiative."""
    path = write(UDVALG, "csv", folder)
    with etl_built(tmp_path / "s.duckdb", path) as (out, con):
        assert out.startswith(f"{path.name}: table, 6 initiatives")
        assert con.execute("SELECT unit_text, price_level, sign_convention FROM sources").fetchone() == (
            "1.000 kr.", "2019-priser", "saving_negative")
        totals = con.execute("SELECT label, year, printed_tkr, computed_tkr, difference_tkr FROM table_totals "
                             "WHERE difference_tkr <> 0").fetchall()
        assert totals == [("I alt Skoler", 2021, 2990, 2980, 10)]
        assert con.execute("SELECT count(*) FROM table_totals").fetchone()[0] == 12
        titles = [t for (t,) in con.execute("SELECT title FROM initiatives").fetchall()]
        assert not [t for t in titles if "I alt" in t or t in ("Dagtilbud", "Skoler")]
        assert con.execute("SELECT source_number FROM initiatives ORDER BY first_line").fetchall() == [
            (str(n),) for n in range(1, 7)]
        warn = con.execute("SELECT code, params, text FROM parse_warnings WHERE code = 'table_does_not_add_up'"
                           ).fetchone()
        assert warn[2] == "I alt Skoler" and json.loads(warn[1])["difference"] == 10
        sectors = con.execute("SELECT DISTINCT source_sector FROM initiative_sectors ORDER BY 1").fetchall()
        assert sectors == [("Dagtilbud",), ("Skoler",)]


# --- the rules, one line each ---------------------------------------------------------------------

HEADERS = [  # header → field, or (year, kind, full year, offset) for a yearly column
    ("Sted", "sector"), ("Udvalg", "sector"), ("Område", "sector"), ("Politikområde", "sector"),
    ("Bevillingsområde", "sector"), ("Forvaltning", "sector"), ("Center", "sector"), ("Afdeling", "sector"),
    ("Spareemne", "title"), ("Emne", "title"), ("Forslag", "title"), ("Tiltag", "title"), ("Navn", "title"),
    ("Overskrift", "title"), ("Beskrivelse", "description"), ("Besparelse", "expected"), ("Beløb", "expected"),
    ("Reduktion", "expected"), ("Ændring", "expected"), ("Provenu", "expected"), ("Effekt", "expected"),
    ("Budgetændring", "expected"), ("Nr.", "number"), ("Løbenr.", "number"), ("ID", "number"),
    ("Helårseffekt", "full_year"), ("Varig effekt", "full_year"), ("Samlet varig ændring", "full_year"),
    ("I alt", "row_total"), ("Besparelse i alt", "row_total"), ("Spareforslag (1.000 kr.)", "expected"),
    ("2015", (2015, "expected", False, None)), ("B2020", (2020, "expected", False, None)),
    ("BO2021", (2021, "expected", False, None)), ("BO 2022", (2022, "expected", False, None)),
    ("Budget 2019", (2019, "expected", False, None)), ("Overslagsår 2021", (2021, "expected", False, None)),
    ("2019 (helårsvirkning)", (2019, "expected", True, None)), ("Provenu 2021", (2021, "expected", False, None)),
    ("Realiseret 2019", (2019, "realised", False, None)), ("2020*", (2020, "expected", False, None)),
    ("Budgetår", (None, "expected", False, 0)), ("1. overslagsår", (None, "expected", False, 1)),
    ("BO3", (None, "expected", False, 3)), ("År 2", (None, "expected", False, 1)),
    ("Overslagsår", None), ("Besparelse 2020-priser", "expected"),
    ("Oprindeligt budget 2025", None), ("Forslagstype", None),
]


@pytest.mark.parametrize("header, want", HEADERS, ids=[h for h, _ in HEADERS])
def test_headers_as_municipalities_write_them(header, want):
    y = year_column(0, header)
    got = (y.year, y.kind, y.full_year, y.offset) if y else field_of(header)
    assert got == want


def test_rows_named_under_the_unit_when_no_title_header():
    cm = map_header(["1.000 kr. 2019 p/l", "2020", "2021", "2022"])
    assert cm.columns == {"title": 0} and cm.title_inferred and [y.year for y in cm.year_columns] == [2020, 2021, 2022]


@pytest.mark.parametrize("header, hint", [("Besparelse", "saving"), ("Gevinst 2021", "saving"),
                                          ("Mindreudgift", "saving"), ("Budgetændring", "change"),
                                          ("Ændring i 1.000 kr.", "change"), ("Merudgift/mindreudgift", "change"),
                                          ("Effekt på driften", "change"), ("2021", None), ("Beløb", None)])
def test_what_a_column_name_says_about_signs(header, hint):
    assert sign_hint(header) == hint


CELLS = [  # cell, unit (t.kr.), parentheses legend year → (low, high, printed negative) or None, code, gains
    ("~150", 1.0, None, (150, 150, False), None, []),
    ("ca. 150", 1.0, None, (150, 150, False), None, []),
    (">2026", 1.0, None, (2026, 2026, False), None, []),
    ("100–200", 1.0, None, (100, 200, False), None, []),
    ("1 250", 1.0, None, (1250, 1250, False), None, []),
    ("-1.250", 1.0, None, (1250, 1250, True), None, []),
    ("(1.250)", 1.0, None, (1250, 1250, True), None, []),
    ("5 %", 1.0, None, None, Code.AMOUNT_ONLY_PERCENT, []),
    ("se bilag", 1.0, None, None, Code.AMOUNT_UNREADABLE, []),
    ("150", None, None, (150, 150, False), Code.AMOUNT_NO_UNIT, []),
    ("500.000 kr. per år", None, None, (500, 500, False), None, []),
    ("ca. 300.000 kr. årligt", None, None, (300, 300, False), None, []),
    ("0,5 mio.", None, None, (500, 500, False), None, []),
    ("mellem 1,5 og 1,9 mio. kr.", None, None, (1500, 1900, False), None, []),
    ("2,2 mio. kr. (1,1 mio. kr.)", None, 2020, (2200, 2200, False), None, [(2020, 1100)]),
    ("2,2 mio. kr. (1,1 mio. kr.)", None, None, (2200, 2200, False), None, []),  # left out, with a note
    ("1.250 (1.100)", 1.0, 2020, (1250, 1250, False), None, [(2020, 1100)]),
    ("1 mio. kr. i 2018 (2,4 mio. kr. per år fra 2019)", None, None, (2400, 2400, False), None,
     [(2018, 1000), (2019, 2400)]),
    ("engangsbeløb på 3 mio. kr.", None, None, None, Code.AMOUNT_ONE_OFF, []),
]


@pytest.mark.parametrize("text, unit, paren_year, want, code, gains", CELLS, ids=[c[0] for c in CELLS])
def test_cell_text_to_amount(text, unit, paren_year, want, code, gains):
    legend = read_paren_legend(f"I parentes står beløbet for {paren_year}") if paren_year else None
    cell = read_cell(text, unit, legend)  # never raises: a value, a range, or None with a code
    got = None if cell.money is None else (cell.money.low_tkr, cell.money.high_tkr, cell.money.negative)
    assert got == (None if want is None else pytest.approx(want))
    assert cell.problem == code
    assert [(y, a.value_tkr) for y, a in cell.gains] == gains
    if text == "2,2 mio. kr. (1,1 mio. kr.)" and paren_year is None:
        assert [n.code for n in cell.notes] == [Code.AMOUNT_PARENTHESISED]


@pytest.mark.parametrize("text", ["-", "–", "—"])
def test_a_dash_is_nil_not_unreadable(text):
    cell = read_cell(text, 1.0)
    assert cell.nil and cell.money is None and cell.problem is None


@pytest.mark.parametrize("figures, want", [
    (["450.000", "1.200.000", "75.000"], (0.001, "kr.")), (["2,4", "0,5", "1,1"], (1000.0, "mio. kr.")),
    (["1.250", "300", "-80"], (1.0, "1.000 kr.")), ([], None)])
def test_unit_inferred_from_the_figures_names_them(figures, want):
    guess = infer_unit(figures)
    assert (None if guess is None else (guess.factor, guess.unit_text)) == want
    if guess is not None:
        assert figures[0] in guess.sample and guess.rule in ("whole_kroner", "millions", "thousands")


LINES = [  # a line around a table → (unit, price level, sign legend, municipality, committee, year, decision)
    ("Beløb i 1.000 kr., 2019-priser", ("1.000 kr.", "2019-priser", None, None, None, None, None)),
    ("Kr. 1000, 2015 p/l", ("Kr. 1000", "2015 p/l", None, None, None, None, None)),
    ("(t.kr.)", ("t.kr.", None, None, None, None, None, None)),
    ("Alle beløb er i hele kroner", ("hele kroner", None, None, None, None, None, None)),
    ("Besparelsen er 2 mio. kr. i alt", (None, None, None, None, None, None, None)),
    ("minus = mindreudgift", (None, None, "saving_negative", None, None, None, None)),
    ("Negative beløb er merudgifter", (None, None, "saving_positive", None, None, None, None)),
    ("Besparelser er positive.", (None, None, "saving_positive", None, None, None, None)),
    ("Besparelser vises som negative beløb", (None, None, "saving_negative", None, None, None, None)),
    ("Merudgifter er negative", (None, None, "saving_positive", None, None, None, None)),
    ("Byrådet vedtog reduktionskataloget den 9. oktober", (None, None, None, None, None, None, True)),
    ("Københavns Kommune – Økonomiforvaltningen", (None, None, None, "København", "Økonomiforvaltningen", None,
                                                  None)),
    ("Børne- og Uddannelsesudvalget, Budget 2019", (None, None, None, None, "Børne- og Uddannelsesudvalget",
                                                   2019, None)),
    ("Vedtaget", (None, None, None, None, None, None, True)),
    ("Udvalget forkastede alle forslag", (None, None, None, None, None, None, False)),
]


@pytest.mark.parametrize("line, want", LINES, ids=[ln for ln, _ in LINES])
def test_what_a_line_around_the_table_says(line, want):
    unit = unit_statement(line)
    legend = sign_legend(line)
    got = (unit[1] if unit else None, price_level(line), legend[0] if legend else None, municipality_in(line),
           committee_in(line), budget_year_in(line), decision_in(line))
    assert got == want


@pytest.mark.parametrize("texts, what", [
    (["Resultatopgørelse (mio. kr.)", "Oprindeligt budget 2025"], "an income statement"),
    (["Udvalg", "Korrigeret budget 2025", "Forventet regnskab 2025"], "a budget follow-up"),
    (["Tekst", "Regnskab 2018", "Budget 2019"], "an account"),
    (["Forslag", "Besparelse 2025"], None)])
def test_tables_that_are_not_savings_say_what_they_look_like(texts, what):
    found = not_savings(texts)
    assert (found[0] if found else None) == what


SIGNS = [  # evidence → (convention, how) ; a cost must never become a saving
    (SignEvidence(Decided("saving_negative", "printed", "minus = mindreudgift"), [], [], [False]),
     ("saving_negative", "printed")),
    (SignEvidence(None, [("Samlet besparelse: -2,3", True)], [], [True, True]), ("saving_negative", "printed")),
    (SignEvidence(None, [], [("column 'Besparelse'", "saving", [False, True, False])], [False, True, False]),
     ("saving_positive", "printed")),
    (SignEvidence(None, [], [("column 'Besparelse'", "saving", [True, True, True])], [True, True, True]),
     ("saving_negative", "inferred")),
    (SignEvidence(None, [], [("column 'Budgetændring'", "change", [False, False])], [False, False]),
     ("saving_negative", "printed")),
    (SignEvidence(None, [], [], [True, True, False]), ("saving_negative", "inferred")),
    (SignEvidence(None, [], [], [False, False, True]), ("saving_positive", "inferred")),
    (SignEvidence(None, [], [], [False, False]), None),
]


@pytest.mark.parametrize("evidence, want", SIGNS)
def test_sign_convention_from_what_the_table_prints(evidence, want):
    got = decide_sign(evidence)
    assert (None if got is None else (got.value, got.how)) == want


def test_group_headings_totals_and_notes():
    cm = map_header(["Nr.", "Forslag", "2020", "2021"])
    rows = [["", "Ældreområdet", "", ""], ["1", "Ny vagtplan", "-100", "-200"], ["", "I alt Ældreområdet", "-100",
                                                                                "-200"],
            ["B", "Skoleområdet", "", ""], ["B.1", "Større klasser", "-50", "-50"], ["", "Total", "-150", "-250"],
            ["Note: minus er en mindreudgift", "", "", ""]]
    assert [(p.kind, p.label) for p in classify(rows, cm)] == [
        ("heading", "Ældreområdet"), ("initiative", "Ny vagtplan"), ("total", "I alt Ældreområdet"),
        ("heading", "Skoleområdet"), ("initiative", "Større klasser"), ("total", "Total"),
        ("note", "Note: minus er en mindreudgift")]


def test_samlet_is_a_total_only_when_it_is_the_sum(tmp_path):
    path = tmp_path / "samlet.csv"
    path.write_text("Forslag;2020;2021\nA;100;200\nB;50;50\nSamlet indkøb;300;300\nC;10;10\n"
                    "Samlet;460;560\n", encoding="utf-8")
    parsed = table.parse(read(path))
    assert [i.title for i in parsed.initiatives] == ["A", "B", "Samlet indkøb", "C"]
    assert {(t.label, t.year, t.computed_tkr) for t in parsed.totals} == {("Samlet", 2020, 460), ("Samlet", 2021, 560)}


# --- "Spareemne": the title, or the type of measure (one rule for tables and proposal lists) ------

@pytest.mark.parametrize("values, description, is_type", [
    (["Færre vikartimer", "Digital træning", "Samdrift af klubber"], True, False),  # phrases: titles
    (["Serviceforringelser", "Sygefravær", "Sammenlægninger/lukninger", "Udlicitering"], True, True),
    (["Elevpladser og kurser, Medarbejdervilkår", "Takststigninger", "Effektiviseringer"], True, True),
    (["Serviceforringelser", "Udlicitering"], False, False),  # no description to give the titles
    (["Madservice", "Lukning af to dagplejegrupper", "Færre hjemmebesøg"], True, False)])
def test_a_topic_column_is_the_title_unless_it_holds_categories(values, description, is_type):
    assert topic_is_type(values, description) is is_type


def test_a_union_database_as_a_table_reads_as_the_proposal_list_reader_reads_it(tmp_path):
    """FOA's "Sted | Sektor | Spareemne | Besparelse | Beskrivelse" exported as CSV: the same
    titles (the description's first clause) and types of measure as its proposal-list printing."""
    from tests.synth_proposal_list import FOA_HEADER, FOA_ROWS

    path = tmp_path / "foa_spareforslag.csv"
    path.write_text("\n".join([";".join(FOA_HEADER)] + [";".join([r.place, r.sector, r.topic, r.amount,
                                                                   r.description]) for r in FOA_ROWS]) + "\n",
                    encoding="utf-8")
    parsed = table.parse(read(path))
    got = [(i.title, tuple(i.measure_types), i.municipalities, i.expected_tkr) for i in parsed.initiatives]
    assert got == [(r.title, r.types, [r.municipality], r.expected_tkr) for r in FOA_ROWS]
    assert any(w.code == Code.TITLE_FROM_DESCRIPTION and "'Spareemne' holds types" in w.message
               for w in parsed.warnings)
