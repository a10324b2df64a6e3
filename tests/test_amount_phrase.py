"""etl.core.amount_phrase: one phrase of money → yearly gains and the full-year effect.

Each row is a phrase as municipal documents print it (a catalogue sentence, a
proposal-table cell, a list item) and what a finance officer reads from it:
the full-year effect with its range ends (contract §2: a range's midpoint; a
bound has one end only), the first year at full effect, the yearly gains, money
once, and the codes of the warnings the reader leaves."""
from __future__ import annotations

import pytest

from etl.core.amount_phrase import ParenLegend, read_amount_phrase, read_paren_legend
from etl.core.model import Code
from etl.core.when import Anchor, anchor_for, phase_in, relative_year

B17 = Anchor(2017, "budget_year", "B17-KATALOG")

# text, options → (full_year_tkr, low_tkr, high_tkr, full_year, gains [(year, t.kr., onward)], one_off_tkr, codes)
PHRASES = [
    # yearly amounts in a cell (issue 13 point 6)
    ("500.000 kr. per år", {}, (500, 500, 500, None, [], None, [])),
    ("ca. 300.000 kr. årligt", {}, (300, 300, 300, None, [], None, [])),
    ("0,5 mio.", {}, (500, 500, 500, None, [], None, [])),
    ("1 mio. kr. i 2018 (2,4 mio. kr. per år fra 2019)", {},
     (2400, 2400, 2400, 2019, [(2018, 1000, False), (2019, 2400, True)], None, [])),
    ("1 mio. kr. varigt", {}, (1000, 1000, 1000, None, [], None, [])),
    ("2 mio. kr. fra 2019 og frem", {}, (2000, 2000, 2000, 2019, [(2019, 2000, True)], None, [])),
    ("1,5 mio. kr. om året", {}, (1500, 1500, 1500, None, [], None, [])),
    # parentheses: read only when they say what they are, or the document does
    ("2,2 mio. kr. (1,1 mio. kr.)", {}, (2200, 2200, 2200, None, [], None, [Code.AMOUNT_PARENTHESISED])),
    ("2,2 mio. kr. (1,1 mio. kr.)", {"paren": ParenLegend("year", 2020, "I parentes står beløbet for 2020")},
     (2200, 2200, 2200, None, [(2020, 1100, False)], None, [])),
    ("2,2 mio. kr. (1,1 mio. kr.)", {"paren": ParenLegend("full_year", None, "Tal i parentes er helårseffekt")},
     (1100, 1100, 1100, None, [], None, [])),
    ("2,2 mio. kr. (0,3 mio. kr.)", {"paren": ParenLegend("one_off", None, "I parentes: engangsudgifter")},
     (2200, 2200, 2200, None, [], 300, [Code.AMOUNT_ONE_OFF])),
    # a table cell: bare figures take the header's unit; undated figures belong to the column's year
    ("2,4", {"unit_tkr": 1000, "year": 2021}, (2400, 2400, 2400, None, [(2021, 2400, False)], None, [])),
    ("1.257", {"unit_tkr": 1}, (1257, 1257, 1257, None, [], None, [])),
    ("2 - 5", {"unit_tkr": 1000}, (3500, 2000, 5000, None, [], None, [])),
    ("se bilag", {"unit_tkr": 1}, (None, None, None, None, [], None, [Code.AMOUNT_UNREADABLE])),
    ("-", {"unit_tkr": 1}, (None, None, None, None, [], None, [])),
    # ranges everywhere
    ("8-9 mio.", {}, (8500, 8000, 9000, None, [], None, [])),
    ("1–3 mio. kr.", {}, (2000, 1000, 3000, None, [], None, [])),
    ("mellem 1,5 og 1,9 mio. kr.", {}, (1700, 1500, 1900, None, [], None, [])),
    ("mellem kr. 500.000 og kr. 1.500.000 i driftsår", {}, (1000, 500, 1500, None, [], None, [])),
    ("ca. 1-1,5 mil. kr. på årsbasis", {}, (1250, 1000, 1500, None, [], None, [])),
    ("op til 2 mio. kr.", {}, (2000, None, 2000, None, [], None, [])),
    ("mindst 500.000 kr.", {}, (500, 500, None, None, [], None, [])),
    ("Min. 10", {"unit_tkr": 1000}, (10000, 10000, None, None, [], None, [])),
    ("8-9 mio. kr. i de efterfølgende år", {}, (8500, 8000, 9000, None, [], None, [])),
    # one-off is never yearly
    ("Det beløb, der blev ringet ind i kroner og ører, var 3 mio. kr.", {},
     (None, None, None, None, [], 3000, [Code.AMOUNT_ONE_OFF])),
    ("Restancer for 1,2 mio. kr. blev indkrævet", {}, (None, None, None, None, [], 1200, [Code.AMOUNT_ONE_OFF])),
    ("en engangsindtægt på 2 mio. kr.", {}, (None, None, None, None, [], 2000, [Code.AMOUNT_ONE_OFF])),
    ("en éngangsbesparelse på 400.000 kr.", {}, (None, None, None, None, [], 400, [Code.AMOUNT_ONE_OFF])),
    ("3 mio. kr. samlet", {}, (None, None, None, None, [], 3000, [Code.AMOUNT_ONE_OFF])),
    ("Der spares 2,4 mio. kr. årligt, men der er en engangsudgift på 1 mio. kr.", {},
     (2400, 2400, 2400, None, [], 1000, [Code.AMOUNT_ONE_OFF])),
    ("en samlet årlig besparelse på 800.000 kr.", {}, (800, 800, 800, None, [], None, [])),
    # a total over several years: its yearly equivalent, the total kept, a warning
    ("3 mio. kr. over tre år", {}, (1000, 1000, 1000, None, [], None, [Code.AMOUNT_PERIOD_TOTAL])),
    ("en samlet besparelse på 9 mio. kr. over 5 år", {},
     (1800, 1800, 1800, None, [], None, [Code.AMOUNT_PERIOD_TOTAL])),
    ("6-9 mio. kr. over en treårig periode", {}, (2500, 2000, 3000, None, [], None, [Code.AMOUNT_PERIOD_TOTAL])),
    # the full phase-in year
    ("1 mio. kr. samlet, når initiativet er fuldt indfaset i 2017", {}, (1000, 1000, 1000, 2017, [], None, [])),
    ("besparelse på 0,56 mio. kr. i 2016 stigende til 1,04 mio. kr. i 2019", {},
     (1040, 1040, 1040, 2019, [(2016, 560, False), (2019, 1040, False)], None, [])),
    ("en besparelse på 2 mio. kr. årligt med fuld effekt fra 2019", {},
     (2000, 2000, 2000, 2019, [(2019, 2000, True)], None, [])),
    ("den fulde gevinst på 1,2 mio. kr. opnås fra 2018", {}, (1200, 1200, 1200, 2018, [(2018, 1200, True)], None, [])),
    ("2016: 3 mio. kr., 2017: 5 mio. kr., 2018: 5 mio. kr.", {},
     (5000, 5000, 5000, 2017, [(2016, 3000, False), (2017, 5000, False), (2018, 5000, False)], None, [])),
    # relative years, anchored (a guess: warned with its evidence)
    ("0,5 mio. kr. i år 1, 0,8 mio. kr. i år 2 og 1,3 mio. kr. fra år 3", {"anchor": B17},
     (1300, 1300, 1300, 2019, [(2017, 500, False), (2018, 800, False), (2019, 1300, True)], None,
      [Code.RELATIVE_YEAR_ANCHORED])),
    ("0,5 mio. kr. i år 1 og 1,3 mio. kr. fra år 2", {},
     (1300, 1300, 1300, None, [(None, 500, False), (None, 1300, True)], None, [Code.YEAR_MISSING] * 2)),
    ("1,3 mio. kr. fra 3. år", {"anchor": Anchor(2015, "printed", "år 1 (2015)")},
     (1300, 1300, 1300, 2017, [(2017, 1300, True)], None, [])),
    ("En besparelse på 1 mio. kr. med fuld effekt i år to", {"anchor": B17},
     (1000, 1000, 1000, 2018, [], None, [])),
]


@pytest.mark.parametrize("text,options,expected", PHRASES)
def test_phrases(text, options, expected):
    full, low, high, full_year, gains, one_off, codes = expected
    r = read_amount_phrase(text, **options)
    assert (r.full_year_tkr, r.low_tkr, r.high_tkr, r.full_year) == (
        pytest.approx(full) if full is not None else None,
        pytest.approx(low) if low is not None else None,
        pytest.approx(high) if high is not None else None, full_year)
    assert [(g.year, g.amount_tkr, g.onward) for g in r.gains] == [(y, pytest.approx(v), o) for y, v, o in gains]
    assert r.one_off_tkr == (pytest.approx(one_off) if one_off is not None else None)
    assert [n.code for n in r.notes] == codes
    assert all(n.text == " ".join(text.split()) for n in r.notes)  # the verbatim phrase rides along


def test_one_off_reading_is_flagged_and_has_no_yearly_figure():
    r = read_amount_phrase("Det beløb, der blev ringet ind, var 3 mio. kr.")
    assert r.one_off and r.full_year_tkr is None and not r.gains


def test_period_total_keeps_the_total():
    r = read_amount_phrase("3 mio. kr. over tre år")
    assert (r.total_tkr, r.period_years, r.per_year) == (3000, 3, True)
    assert "3 mio. kr." in r.notes[0].text and r.notes[0].params == {"total_tkr": 3000, "years": 3}


def test_sign_and_qualifier_are_reported():
    r = read_amount_phrase("-1,2 mio. kr. årligt")
    assert r.negative and r.full_year_tkr == 1200
    assert read_amount_phrase("ca. 2 mio. kr.").qualifier == "ca."
    assert read_amount_phrase("(1.250)", unit_tkr=1).negative


def test_anchor_note_names_its_evidence():
    r = read_amount_phrase("0,5 mio. kr. i år 1", anchor=Anchor(2016, "example_start", "startede i 2016"))
    (note,) = r.notes
    assert note.code == Code.RELATIVE_YEAR_ANCHORED
    assert note.params == {"anchor_year": 2016, "basis": "example_start", "evidence": "startede i 2016"}
    w = note.warning(line=12, key="k")
    assert (w.code, w.line, w.key, w.field, w.text) == (Code.RELATIVE_YEAR_ANCHORED, 12, "k", "expected_tkr",
                                                        "0,5 mio. kr. i år 1")


# --------------------------------------------------------------------------- legends, anchors, phase-in phrases

LEGENDS = [
    ("I parentes står beløbet for 2020", ("year", 2020)),
    ("Beløb i parentes angiver effekten i 2021", ("year", 2021)),
    ("Tal i parentes er helårseffekt", ("full_year", None)),
    ("Beløbene i parentes er engangsudgifter", ("one_off", None)),
    ("I parentes er anført udgifter til investering", ("cost", None)),
    ("Alle beløb er i 1.000 kr.", None),
    ("I parentes", None),
]


@pytest.mark.parametrize("line,expected", LEGENDS)
def test_paren_legends(line, expected):
    got = read_paren_legend(line)
    assert (None if got is None else (got.kind, got.year)) == expected


ANCHORS = [
    ("Analysens resultater i år 1 (skoleår 2014/15) målrettes indsatser.", (2014, "printed")),
    ("Projektet er startet op i 2015.", (2015, "example_start")),
    ("Indsatsen blev iværksat i december 2014 for at nedbringe antallet.", (2014, "example_start")),
    ("Projektperioden er fra 1. juni 2015 til 30. juni 2017.", (2015, "example_start")),
    ("Projektet har haft kontakt til 111 borgere siden opstart februar 2015.", (2015, "example_start")),
    ("Projektet er igangsat 1. august 2015.", (2015, "example_start")),
    ("Der er ikke indregnet gevinster i år 1.", (2017, "budget_year")),
]


@pytest.mark.parametrize("text,expected", ANCHORS)
def test_anchor_choice(text, expected):
    a = anchor_for(text, B17)
    assert a is not None and (a.year, a.basis) == expected
    assert a.guessed == (a.basis != "printed")


@pytest.mark.parametrize("label,n", [("År 1", 1), ("år 2", 2), ("2. år", 2), ("3.år", 3), ("det første år", None),
                                     ("første år", 1), ("År to", 2), ("Helårseffekt", None), ("2016", None),
                                     ("over 2 år", None)])
def test_relative_year_labels(label, n):
    assert relative_year(label) == n


PHASE_IN = [
    ("Besparelsen er fuldt indfaset i 2019.", 2019),
    ("Forslaget har fuld effekt fra 2019.", 2019),
    ("Den fulde gevinst på 3 mio. kr. forventes fra 2018.", 2018),
    ("0,56 mio. kr. i 2016 stigende til 1,04 mio. kr. i 2019", 2019),
    ("Der forventes en besparelse stigende frem til 9 mio. kr. i 2018", 2018),
    ("Besparelsen forventes først at slå fuldt igennem i 2017, da forløbet tager tid.", 2017),
    ("Gevinsten opnås fra 2017 med fuld effekt.", 2017),
    ("Den fulde gevinst kan realiseres i budget 2017.", 2017),
    ("Der spares 2 mio. kr. i 2017.", None),
]


@pytest.mark.parametrize("text,year", PHASE_IN)
def test_phase_in_phrases(text, year):
    pi = phase_in(text)
    assert (pi.when.year if pi else None) == year
