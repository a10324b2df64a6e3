"""Every built-in layout read from a PDF gives what its text gives.

tests/make_layout_pdfs.py typesets the content of a text fixture (tests/synth_*.py)
as a PDF a municipality would publish: Idébank cards in two columns with check boxes
as ■/□, ZapfDingbats or Wingdings 2 glyphs; a B17 catalogue with a dotted contents
and a reading-guide box; a project list as a ruled table over pages (header repeated,
a row split by a page break, words broken without a hyphen); a recovery plan with an
unruled yearly table ("-" and "−" signs, an extra cost, label-only rows); minutes.
Running headers, footers and page numbers on every page. Both forms are detected as
the same layout and parse to the same initiatives, amounts, sectors and targets.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from etl import formats
from etl.read import read
from tests import layout_pairs as gen
from tests.conftest import etl_built


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("layout_pdfs")


@pytest.fixture(scope="module", params=list(gen.PAIRS))
def pair(request, out) -> gen.Pair:
    return gen.PAIRS[request.param](out)


def _parse(path: Path):
    doc = read(path)
    parser = formats.detect(doc)
    return doc, parser.name, parser.parse(doc)


@pytest.fixture(scope="module")
def parsed(pair):
    """The pair's text and its PDF, each read and parsed once for the three tests below (which
    only look at the results)."""
    return _parse(pair.text), _parse(pair.pdf)


def test_pdf_and_text_are_the_same_layout(pair, parsed):
    (_, from_text, _), (doc, from_pdf, _) = parsed
    assert (from_text, from_pdf) == (pair.fmt, pair.fmt)
    assert doc.container == "pdf" and doc.page_count >= 1


def test_pdf_gives_every_cell_the_text_gives(parsed):
    (_, _, text), (_, _, pdf) = parsed
    want, got = gen.cells(text), gen.cells(pdf)
    assert len(text.initiatives) + len(text.targets) >= 3
    wrong = {k: (got.get(k), v) for k, v in want.items() if got.get(k) != v}
    assert wrong == {}
    assert set(got) == set(want)


def test_pdf_lines_point_into_its_text(parsed):
    """Provenance: an initiative's page and line are where its text is in the PDF's layout text."""
    doc, _, pdf = parsed[1]
    lines = doc.lines
    for ini in pdf.initiatives:
        for a in ini.appearances:
            assert a.page is not None and 1 <= a.page <= doc.page_count
            assert a.line is not None and lines[a.line - 1].strip()


@pytest.mark.parametrize("seed", [1, 2])
def test_new_project_lists_and_recovery_plans_read_right(out, seed):
    """Content made from a seed (rows, amounts, widths; years, staircase, signs): every cell
    of the PDF's parse is what the generator printed."""
    pair, answers = gen.held_out_project_list(out, seed)
    _, _, pdf = _parse(pair.pdf)
    right, total = gen.project_truth(pdf, answers)
    assert right == total
    pair, table = gen.held_out_recovery_plan(out, seed)
    _, _, pdf = _parse(pair.pdf)
    right, total = gen.recovery_truth(pdf, table)
    assert right == total


# --- what each layout adds ------------------------------------------------------------------

def test_idebank_card_areas_types_and_title_from_the_running_footer(out):
    pair = gen.idebank_pair(out, seed=4, boxes="zapf", n_cards=12)
    doc, _, pdf = _parse(pair.pdf)
    assert doc.layout.column_blocks >= 12  # area grid and economy/types of every card read by columns
    assert pdf.title == "Kommunale effektiviseringsforslag i budget 2024 – Idébank 2024"
    cat = gen.synth_idebank.make_catalogue(4, n_cards=12)
    by_key = {(tuple(i.municipalities), i.title): i for i in pdf.initiatives}
    for a in cat.answers:
        ini = by_key[(tuple(a.municipalities), a.title)]
        assert sorted(t.source_sector for t in ini.sectors) == sorted(a.sectors)
        assert ini.measure_types == a.types
        assert ini.expected_text == a.expected_text


def test_project_list_rows_over_pages(out):
    pair = gen.project_list_pair(out)
    doc, _, pdf = _parse(pair.pdf)
    assert doc.page_count >= 3
    got = {i.key: i for i in pdf.initiatives}
    assert list(got) == [str(r.nr) for r in gen.PROJECT_ROWS]  # the repeated headers are no rows
    assert got["8"].description.endswith("en periode på to til tre år.")  # split by a page break, joined
    assert {i.handling for i in pdf.initiatives} == {"Politisk", "Administrativ", None}  # "Admini" + "strativt"
    assert (got["2"].expected_low_tkr, got["2"].expected_high_tkr, got["2"].expected_tkr) == (1500, 20000, 10750)
    assert (got["3"].expected_tkr, got["3"].implementation_cost_tkr) == (1300, 800)  # the investment is no potential
    assert (got["11"].expected_tkr, got["11"].implementation_cost_tkr) == (1200, 300)
    assert got["4"].expected_tkr is None and got["4"].expected_text == "Potentialet er ikke vurderet endnu."
    assert [t.page for t in doc.layout.tables] == list(range(1, doc.page_count + 1))
    assert all(t.words_outside == 0 for t in doc.layout.tables)


@pytest.mark.parametrize("minus", ["-", "\u2212"])
def test_recovery_plan_staircase_signs_and_costs(out, minus):
    pair = gen.recovery_plan_pair(out, minus)
    _, _, pdf = _parse(pair.pdf)
    got = {i.title: i for i in pdf.initiatives}
    assert list(got) == list(gen.RECOVERY.initiatives)  # "Initiativer (status):" is a label, not a row
    assert [(g.year, g.amount_tkr) for g in got["Ny visitationspraksis"].gains] == [
        (2023, -200), (2024, 450), (2025, 1200)]  # the printed extra cost stays a cost
    assert got["Bedre kontrakter"].gains == [] and got["Bedre kontrakter"].expected_tkr is None  # "-"
    targets = {(t.year, t.kind): t.amount_tkr for t in pdf.targets}
    assert targets[(2025, "reduction_target")] == 4500 and targets[(2023, "net_outstanding")] == 750
    assert not any(w.field == "targets" for w in pdf.warnings)  # the staircase adds up


def test_same_document_as_pdf_and_text_has_the_same_ids(out):
    """The PDF of a document is the same document: loading both is refused as two versions
    (their initiative ids, from title and rows, are equal)."""
    from tests.conftest import run_etl

    pair = gen.project_list_pair(out)
    res = run_etl("build", "--db", str(out / "both.duckdb"), str(pair.text), str(pair.pdf))
    assert res.returncode != 0
    assert "its initiatives are already loaded from project_list.txt" in res.stderr.splitlines()[-1]


def test_pdf_builds_like_its_text(out):
    """Through the CLI: the PDF and its text give the same rows in every table but the
    provenance (a PDF's lines and pages are its own)."""
    pair = gen.minutes_pair(out)
    query = "SELECT year, kind, area, amount_tkr, percent, text FROM targets ORDER BY ALL"
    with etl_built(out / "from_text.duckdb", pair.text) as (_, con):
        want = con.execute(query).fetchall()
    with etl_built(out / "from_pdf.duckdb", pair.pdf) as (stdout, con):
        assert con.execute(query).fetchall() == want
        assert stdout.startswith("minutes.pdf: minutes, 0 initiatives")


# --- how the reading went, on the sources page ------------------------------------------------

def test_sources_record_the_layout_and_the_readers_confidence(out, monkeypatch):
    """A PDF's source row says which layout was detected with what confidence and how its text
    was read; every ruled table is listed with its empty cells and the words that fell in no
    cell; a text source has none of it. The sources page shows both."""
    from streamlit.testing.v1 import AppTest

    from app.i18n import t
    from bench.pages import switch_page

    pair, text = gen.project_list_pair(out), gen.minutes_pair(out).text
    db = out / "sources.duckdb"
    with etl_built(db, text, pair.pdf) as (_, con):
        rows = con.execute("SELECT container, format, layout_score, reader, words_read > 1000, words_outside, "
                           "furniture_lines > 0 FROM sources ORDER BY container").fetchall()
        tables = con.execute("SELECT page, method, n_rows, n_cols, accuracy, words_outside FROM pdf_tables "
                             "ORDER BY seq").fetchall()
    assert rows == [("pdf", "project_list", 1.0, "pdf words", True, 0, True),
                    ("text", "minutes", 1.0, None, None, None, None)]
    assert [(p, m, c, a, w) for p, m, _, c, a, w in tables] == [(p, "ruled", 6, None, 0) for p in range(1, 5)]
    assert sum(n - 1 for _, _, n, _, _, _ in tables) == len(gen.PROJECT_ROWS) + 1  # + the split row's part

    monkeypatch.setenv("SAVINGS_DB", str(db))
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "dashboard.py"), default_timeout=60)
    at.run()
    switch_page(at, "/sources").run()
    assert not at.exception
    src = at.dataframe[0].value
    assert list(src.sort_values("file_name")["reader"].fillna("")) == ["", "pdf words"]  # minutes.txt, the PDF
    assert at.expander[0].label == t("pdf_tables_title", n="4")
