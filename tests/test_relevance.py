"""The explorer's relevance order (app/relevance.py) and the title index it reads
(etl.search_index.refresh_titles).

Each search is answered both ways — every kept title tested, and through the title index — and
both must give the listed order; then the same on the built-in data for many searches and pages."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from app import queries, relevance
from app.filter_sql import resolve
from app.filters import Filters
from bench import synth
from etl import search_index
from etl.load import refresh_facets
from tests.appdb import changed_copy, one_source

# title, description, expected t.kr.
ROWS = [
    ("Digital post", "Færre breve.", 100.0),
    ("»Digital« selvbetjening", "Borgerne booker selv.", 50.0),
    ("Mere digitalisering", "Robotter i lønbehandlingen.", 300.0),
    ("Fælles IT-drift", "Digital drift af servere.", 1000.0),
    ("Digitale løsninger", "Erstatter blanketter.", 20.0),
    ("Aarhus-modellen", "Digital visitation.", None),
    ("Århus digital", "Samarbejde.", 5.0),
    ('"Digital" kampagne', "Kampagne for post.", 70.0),
    ("DIGITAL borgerservice", "Selvbetjening.", 100.0),
    ("Rengøring", "Fælles udbud.", 400.0),
]

ORDERS = [
    # search, titles in relevance order
    ("digital", ["Digital post", "DIGITAL borgerservice",  # start with it: 100 t.kr. each, by id
                 '"Digital" kampagne', "»Digital« selvbetjening",   # quotation marks skipped
                 "Digitale løsninger",
                 "Mere digitalisering", "Århus digital",             # contain it
                 "Fælles IT-drift", "Aarhus-modellen"]),             # descriptions only; unknown amount last
    ("aarhus", ["Aarhus-modellen", "Århus digital"]),   # "Århus" is kept (folded), its title does not contain "aarhus"
    ("post digital", ["Digital post", '"Digital" kampagne']),  # no title contains the text as typed
    ('"digital', ['"Digital" kampagne',                           # contains it, does not start with it
                  "Fælles IT-drift", "Mere digitalisering", "Digital post", "DIGITAL borgerservice",
                  "»Digital« selvbetjening", "Digitale løsninger", "Århus digital", "Aarhus-modellen"]),
    ("rengøring", ["Rengøring"]),
    ("--", ["Fælles IT-drift", "Rengøring", "Mere digitalisering", "Digital post", "DIGITAL borgerservice",
            '"Digital" kampagne', "»Digital« selvbetjening", "Digitale løsninger", "Århus digital",
            "Aarhus-modellen"]),  # no words: no filter, no title contains "--"
    ("zzz", []),
]


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("relevance") / "relevance.duckdb"
    con = one_source(path)
    for n, (title, desc, expected) in enumerate(ROWS):
        con.execute("INSERT INTO initiatives (initiative_id, source_id, title, description, expected_tkr) "
                    "VALUES (?, 's', ?, ?, ?)", [f"r-{n:02d}", title, desc, expected])
    refresh_facets(con)
    con.close()
    return path


def _titles(con, q: str, titles: bool, limit: int = 100, offset: int = 0) -> list[str]:
    sel = resolve(con, Filters(q=q), True, titles)
    return list(queries.explorer(con, sel, limit, offset, queries.RELEVANCE)["title"])


@pytest.mark.parametrize("way", ["index", "every title"])
@pytest.mark.parametrize(("q", "order"), ORDERS, ids=[q for q, _ in ORDERS])
def test_relevance_order(small_db, monkeypatch, q, order, way):
    monkeypatch.setattr(relevance, "INDEX_FROM_ROWS", 0)  # the index way at any size
    with duckdb.connect(str(small_db), read_only=True) as con:
        assert search_index.titles_usable(con)
        assert _titles(con, q, way == "index") == order


def test_title_postings_hold_the_words_of_the_titles_alone(small_db):
    with duckdb.connect(str(small_db), read_only=True) as con:
        words = {r[0] for r in con.execute(
            "SELECT t.term FROM search_title_postings p JOIN search_terms t USING (term_id) "
            "JOIN initiative_facets x USING (doc) WHERE x.title = 'Århus digital'").fetchall()}
        assert words == {"aarhus", "digital"}
        info = con.execute("SELECT rules, n_docs, n_terms, n_postings FROM search_title_info").fetchone()
        assert info == (search_index.RULES, len(ROWS), con.execute("SELECT count(*) FROM search_terms").fetchone()[0],
                        con.execute("SELECT count(*) FROM search_title_postings").fetchone()[0])


@pytest.mark.parametrize("change", [
    "DROP TABLE search_title_info", "DELETE FROM search_title_info", "DROP TABLE search_title_postings",
    "UPDATE search_title_info SET rules = 'older'", "UPDATE search_title_info SET n_terms = n_terms - 1",
    "DROP TABLE search_index_info",
])
def test_without_a_title_index_every_title_is_tested(small_db, tmp_path, monkeypatch, change):
    """No title index (an older ETL), one of other rules or of another word index: not read; the
    order stays the same."""
    monkeypatch.setattr(relevance, "INDEX_FROM_ROWS", 0)
    db = changed_copy(small_db, tmp_path / "copy.duckdb", change)
    with duckdb.connect(str(db), read_only=True) as con:
        assert not search_index.titles_usable(con)
        if "search_index_info" not in change:
            assert _titles(con, "digital", search_index.titles_usable(con)) == ORDERS[0][1]


def test_synth_upgrade_adds_the_index_to_an_older_file(small_db, tmp_path):
    db = changed_copy(small_db, tmp_path / "older.duckdb", "DROP TABLE search_title_postings",
                      "DROP TABLE search_title_info")
    assert synth.main(["--upgrade", "--db", str(db)]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert search_index.titles_usable(con)


@pytest.mark.parametrize(("count", "words", "index"), [
    (None, 1, False), (149_999, 1, False), (150_000, 1, True), (299_999, 2, False), (300_000, 2, True)])
def test_the_index_is_read_where_the_search_keeps_many_rows(small_db, monkeypatch, count, words, index):
    """The two ways cost differently (app.relevance.INDEX_FROM_ROWS): which is taken."""
    seen = []
    monkeypatch.setattr(relevance, "order_by", lambda q, a: seen.append("every title") or ("ORDER BY 1", []))
    with duckdb.connect(str(small_db), read_only=True) as con:
        q = "digital" if words == 1 else "digital post"
        sel = resolve(con, Filters(q=q), True, True)
        relevance.order(con, type(sel)(**{**sel.__dict__, "count": count}), "x")
    assert seen == ([] if index else ["every title"])


def test_both_ways_agree_on_the_built_in_data(built_db, monkeypatch):
    """Every 100th word of the dictionary, pieces of words, pairs, Danish letters, signs: the same
    rows in the same order through the index as with every title tested (the first 30, and a
    later page for some)."""
    monkeypatch.setattr(relevance, "INDEX_FROM_ROWS", 0)
    with duckdb.connect(str(built_db), read_only=True) as con:
        assert search_index.titles_usable(con)
        terms = [r[0] for r in con.execute("SELECT term FROM search_terms ORDER BY term_id").fetchall()][::100]
        searches = terms + [t[1:5] for t in terms if len(t) > 5][::4] + [
            "rengøring", "Rengøring", "Århus", "aarhus", "digital post", "post digital", "Fælles indkøb", "50%",
            '"digital', "e", "skole", "ældre", "--"]
        in_title = 0
        for q in searches:
            got = _titles(con, q, True, 30)
            assert got == _titles(con, q, False, 30), q
            in_title += bool(got) and q.lower() in got[0].lower()
        for q in ("e", "skole", "kommune"):
            assert _titles(con, q, True, 10, 25) == _titles(con, q, False, 10, 25), q
        assert len(searches) > 80 and in_title > 20  # titles that contain the search were ordered first
