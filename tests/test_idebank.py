"""The Idébank parser on the built-in 2024 catalogue.

The fixture (tests/fixtures/idebank_cards.json) was typed in from the text file
by hand, one card at a time; this test compares the parser's output with it
field by field, so a layout trap the parser stops handling shows up as the
field that went wrong."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from etl.parse import idebank
from etl.read import read
from tests.conftest import RAW, ROOT, etl_built

SOURCE = RAW / "kl-idebank-2024.txt"
FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "idebank_cards.json").read_text(encoding="utf-8"))
CARDS = FIXTURE["cards"]


@pytest.fixture(scope="module")
def doc():
    return read(SOURCE)


@pytest.fixture(scope="module")
def parsed(doc):
    return idebank.parse(doc)


@pytest.fixture(scope="module")
def by_line(parsed):
    """Printed card (its municipality line) → (initiative, appearance)."""
    out = {}
    for ini in parsed.initiatives:
        for app in ini.appearances:
            out[app.line] = (ini, app)
    return out


def test_fixture_is_big_and_varied():
    assert len(CARDS) >= 40
    assert len({c["line"] for c in CARDS}) == len(CARDS)
    traps = {t for c in CARDS for t in c["traps"]}
    assert len(traps) >= 40


@pytest.mark.parametrize("card", CARDS, ids=[f"line{c['line']}" for c in CARDS])
def test_card_matches_fixture(card, by_line):
    assert card["line"] in by_line, f"no card found starting at line {card['line']}"
    ini, app = by_line[card["line"]]
    assert app.page == card["page"]
    assert app.section == card["section"]
    assert ini.municipalities == card["municipalities"]
    assert ini.title == card["title"]
    assert ini.expected_text == card["expected_text"]
    if card["expected_tkr"] is None:
        assert ini.expected_tkr is ini.expected_low_tkr is ini.expected_high_tkr is None
    else:
        assert ini.expected_tkr == pytest.approx(card["expected_tkr"])
        assert ini.expected_low_tkr == ini.expected_high_tkr == ini.expected_tkr
    assert ini.full_phase_in_year == card["full_phase_in_year"]
    assert ini.full_phase_in_text == card["full_phase_in_text"]
    assert ini.implementation_cost_text == card["implementation_cost_text"]
    if card["implementation_cost_tkr"] is None:
        assert ini.implementation_cost_tkr is None
    else:
        assert ini.implementation_cost_tkr == pytest.approx(card["implementation_cost_tkr"])
    assert ini.adopted is card["adopted"]
    assert sorted(t.source_sector for t in ini.sectors) == sorted(card["sectors"])
    assert all(t.sector is not None for t in ini.sectors), "every printed area maps to a canonical sector"
    assert ini.measure_types == card["types"]
    assert ini.further_info == card["further_info"]
    assert len(ini.appearances) == card["appearances"]
    if "printings" in card:
        got = sorted((a.line, a.page, a.section) for a in ini.appearances)
        want = sorted((p["line"], p["page"], p["section"]) for p in card["printings"])
        assert got == want
    if "description_starts" in card:
        assert ini.description.startswith(card["description_starts"])
    for bad in card.get("description_excludes", []):
        assert bad not in ini.description


def test_counts_on_the_builtin_catalogue(parsed):
    assert sum(len(i.appearances) for i in parsed.initiatives) == 333
    assert len(parsed.initiatives) == 270
    assert len({i.key for i in parsed.initiatives}) == 270


def test_title_and_year_come_from_the_page_footers(parsed):
    assert parsed.format == "idebank"
    assert parsed.title == "Kommunale effektiviseringsforslag i budget 2024 – Idébank 2024"
    assert parsed.published_year == 2024


def test_every_card_has_its_nine_areas_and_a_link(doc, parsed):
    """Nine check boxes per printing (333 × 9 glyphs in the file), a link for every card."""
    text = doc.text
    assert text.count("\uf053") + text.count("\uf0a3") == 333 * 9
    ticked = Counter()
    for ini in parsed.initiatives:
        assert ini.sectors, ini.title
        assert ini.further_info, ini.title
        assert ini.title and ini.description
        ticked.update(t.source_sector for t in ini.sectors)
    assert set(ticked) == {"Daginstitutioner", "Kultur & Fritid", "Skoler", "Teknik & Miljø", "Udsatte børn",
                           "Beskæftigelse & Erhverv", "Udsatte voksne & borgere med handicap", "Administration",
                           "Ældre & Sundhed"}


def test_adoption_and_year_match_the_printed_lines(doc, parsed):
    """Totals over the whole file, counted from the printed lines, match the parse."""
    printed = Counter()
    for line in doc.lines:
        if "Er forslaget vedtaget:" in line:
            printed[line.split(":", 1)[1].strip()] += 1
    merged = Counter()
    for ini in parsed.initiatives:
        merged[ini.adopted_text] += len(ini.appearances)
    assert merged == printed


def test_every_warning_is_located_and_keyed(parsed):
    keys = {i.key for i in parsed.initiatives}
    card_warnings = [w for w in parsed.warnings if w.field != "page"]
    assert card_warnings
    for w in card_warnings:
        assert w.key in keys, w
        assert w.page is not None and w.line is not None and w.field, w
        assert w.text is not None or w.message.startswith("no "), w
    fields = Counter(w.field for w in card_warnings)
    assert fields["further_info"] == 1  # the one late 'Yderligere information'
    assert fields["expected_tkr"] == sum(1 for i in parsed.initiatives if i.expected_tkr is None)


def test_detect_scores_the_layout_not_the_name(doc):
    assert idebank.detect(doc) >= 0.9
    for other in sorted(RAW.glob("*.txt")):
        if other.name != SOURCE.name:
            assert idebank.detect(read(other)) < 0.5, other.name


def test_cli_build_end_to_end(tmp_path):
    with etl_built(tmp_path / "x.duckdb", SOURCE) as (out, con):
        assert "idebank, 270 initiatives, 333 appearances" in out
        assert con.execute("select count(*) from initiatives").fetchone()[0] == 270
        assert con.execute("select count(*) from appearances").fetchone()[0] == 333
        assert con.execute("select format, title, published_year from sources").fetchone() == (
            "idebank", "Kommunale effektiviseringsforslag i budget 2024 – Idébank 2024", 2024)
        row = con.execute("select municipality, expected_tkr, implementation_cost_tkr, implementation_cost_text "
                      "from initiatives where title = 'Omlægning af madproduktionen i Ældre- og "
                      "Sundhedsforvaltningen'").fetchone()
        assert row == ("Læsø", pytest.approx(189.37), 0.0, "0")
        n_sectors = con.execute("select count(distinct sector) from initiative_sectors").fetchone()[0]
        assert n_sectors == 9


def test_pdf_text_layer_pages_come_from_form_feeds(doc):
    """A PDF's text layer: pages joined by form feeds and no footers — the page
    of a card is its form-feed page."""
    lines = [ln for ln in doc.lines if ln.strip() not in ("Kommunale effektiviseringsforslag i budget 2024",
                                                            "Idébank 2024")]
    pages = ["\n".join(lines[k:k + 60]) for k in range(0, len(lines), 60)]
    paged = "\f".join(pages)

    class Doc:
        file_name = "x.pdf"
        container = "pdf"
    d = Doc()
    d.text = paged
    parsed = idebank.parse(d)
    assert len(parsed.initiatives) == 270
    assert sum(len(i.appearances) for i in parsed.initiatives) == 333
    page_of_line = {}
    page = 1
    for n, raw in enumerate(paged.splitlines(keepends=True), start=1):
        page_of_line[n] = page
        if raw.endswith("\f"):
            page += 1
    for ini in parsed.initiatives:
        for a in ini.appearances:
            assert a.page == page_of_line[a.line]
