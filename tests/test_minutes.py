"""Council committee minutes: savings requirements as targets, no invented initiatives.

Expected values were read by hand from data/raw/referat-…txt: line 48 says that "frem til
2014 skal findes besparelse på i alt 4,5 % fordelt med 2,5 mio. kr. på børn og
ungeområdet og 10,5 mio. kr. på voksenområdet"; the meeting was on 3 June 2013."""
from __future__ import annotations

import pytest

from etl import formats
from etl.parse import minutes
from etl.read import read
from tests.conftest import RAW, etl_built
from tests.synth_small_layouts import minutes as make_minutes

FILE = RAW / "referat-strukturanalyse-specialiserede-socialomraade-2013.txt"
SENTENCE = ("Baggrund for strukturanalysen var de takstreduktioner, der blev besluttet med rammeaftalen for 2012, "
            "hvor der frem til 2014 skal findes besparelse på i alt 4,5 % fordelt med 2,5 mio. kr. på børn og "
            "ungeområdet og 10,5 mio. kr. på voksenområdet.")


@pytest.fixture(scope="module")
def parsed():
    return minutes.parse(read(FILE))


def test_meeting_header_gives_title_and_year(parsed):
    assert parsed.published_year == 2013
    assert parsed.title == ("Handicaprådet, 3. juni 2013: "
                            "Status vedr. strukturanalyse på det specialiserede socialområde")


def test_requirements_by_area_and_year_with_the_verbatim_sentence(parsed):
    got = [(t.year, t.kind, t.area, t.amount_tkr, t.percent, t.line, t.page) for t in parsed.targets]
    assert got == [
        (2014, "requirement", None, None, 4.5, 48, 1),
        (2014, "requirement", "børn og ungeområdet", 2500, None, 48, 1),
        (2014, "requirement", "voksenområdet", 10500, None, 48, 1),
    ]
    assert all(t.text == SENTENCE for t in parsed.targets)
    # the total is printed only as a share: unknown in kroner, and said so
    assert [w.field for w in parsed.warnings] == ["targets"]


def test_recommendations_are_context_not_initiatives(parsed):
    assert parsed.initiatives == []
    assert "17 anbefalinger" in parsed.context
    assert parsed.context.endswith("Beslutning: Orienteringen taget til efterretning.")


def test_detects_only_its_own_layout():
    for path in sorted(RAW.iterdir()):
        score = minutes.detect(read(path))
        assert (score >= formats.DETECT_THRESHOLD) == (path == FILE), path.name
    assert formats.detect(read(FILE)).name == "minutes"


def test_synthetic_minutes_with_other_requirements(tmp_path):
    text = make_minutes(
        "Social- og Sundhedsudvalget", "14. marts 2016", "Budgetopfølgning på ældreområdet",
        ["Udvalget orienteres om budgetopfølgningen.",
         "Byrådet har besluttet, at der i 2017 skal findes besparelser på 3,5 mio. kr. på ældreområdet.",
         "Derudover skal der frem til 2019 ske en effektivisering på 2 % af serviceudgifterne.",
         "I 2018 reduceres budgetterne med 1,5 % på skoleområdet og 0,5 % på dagtilbudsområdet.",
         "Der er afholdt møder med alle ledere om den videre proces, og næste status gives i juni."],
        "Orienteringen taget til efterretning.")
    path = tmp_path / "referat.txt"
    path.write_text(text, encoding="utf-8")
    doc = read(path)
    assert formats.detect(doc).name == "minutes"
    out = minutes.parse(doc)
    assert out.published_year == 2016
    assert out.title == "Social- og Sundhedsudvalget, 14. marts 2016: Budgetopfølgning på ældreområdet"
    lines = text.splitlines()
    got = [(t.year, t.area, t.amount_tkr, t.percent, lines[t.line - 1] == t.text) for t in out.targets]
    assert got == [(2017, "ældreområdet", 3500, None, True), (2019, None, None, 2.0, True),
                   (2018, "skoleområdet", None, 1.5, True), (2018, "dagtilbudsområdet", None, 0.5, True)]
    assert out.initiatives == []


def test_wrapped_paragraph_gives_the_line_of_the_sentence(tmp_path):
    text = make_minutes("Økonomiudvalget", "2. maj 2019", "Budget", [
        "Resume.",
        "Udvalget drøftede budgettet og den økonomiske situation i\nkommunen. Der skal i 2020 findes bespa-\n"
        "relser på 12 mio. kr. på administrationen."], "Drøftet.")
    path = tmp_path / "referat.txt"
    path.write_text(text, encoding="utf-8")
    out = minutes.parse(read(path))
    assert len(out.targets) == 1
    t = out.targets[0]
    assert (t.year, t.amount_tkr, t.area) == (2020, 12000, "administrationen")
    assert t.text == "Der skal i 2020 findes besparelser på 12 mio. kr. på administrationen."
    assert text.splitlines()[t.line - 1].startswith("kommunen. Der skal i 2020")


def test_cli_builds_the_minutes_into_duckdb(tmp_path):
    with etl_built(tmp_path / "m.duckdb", FILE) as (out, con):
        assert out.startswith(f"{FILE.name}: minutes, 0 initiatives, 0 appearances, ")
        assert con.execute("SELECT year, kind, area, amount_tkr, percent FROM targets "
                           "ORDER BY amount_tkr NULLS FIRST").fetchall() == [
            (2014, "requirement", None, None, 4.5),
            (2014, "requirement", "børn og ungeområdet", 2500.0, None),
            (2014, "requirement", "voksenområdet", 10500.0, None)]
        assert con.execute("SELECT published_year, format FROM sources").fetchone() == (2013, "minutes")
