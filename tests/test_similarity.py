"""Similar initiatives (etl/similarity.py, table ``initiative_similar``): which pairs qualify,
how texts become terms, that scores are deterministic, and that ``etl add`` leaves the same
table as a build from the same documents."""
from __future__ import annotations

import duckdb
import pytest

from etl import similarity
from etl.load import create_schema
from tests.conftest import RAW, etl_built, run_etl


@pytest.fixture(scope="module")
def mem():
    con = duckdb.connect()
    yield con
    con.close()


@pytest.mark.parametrize("word, stem", [
    ("skolen", "skol"), ("skoler", "skol"), ("skolerne", "skol"), ("skole", "skol"), ("Skolernes", "skol"),
    ("hjemmeplejen", "hjemmeplej"), ("borgere", "borg"), ("borgerne", "borg"),
    ("rengøring", "rengøring"), ("indkøbet", "indkøb"), ("ÆLDREOMRÅDET", "ældreområd"),
    ("ha\u030andtering", "håndtering"),  # a decomposed å (a + combining ring), as some PDFs give it
])
def test_stem(mem, word, stem):
    assert similarity.terms(mem, word) == [stem]


def test_terms_drop_function_words_numbers_and_short_words(mem):
    assert similarity.terms(mem, "Færre udgifter til IT i skolerne 2024, og 12 mio. kr.") == \
        ["færr", "skol", "udgift"]


# id, source, municipalities, title, description
DOCS = [
    ("a1", "s1", ["Aarhus"], "Robotstøvsugere til rengøring", "Robotstøvsugere overtager rengøringen på plejecentre."),
    ("a2", "s1", ["Aarhus"], "Robotstøvsuger i skolerne", "Robotstøvsugere i skolerne sparer rengøring."),
    ("b1", "s1", ["Odense"], "Robotstøvsugere i daginstitutioner", "Rengøring med robotstøvsuger."),
    ("c1", "s2", ["Aarhus"], "Robotstøvsugere", "Indkøb af robotstøvsugere til rengøring af skoler."),
    ("d1", "s2", [], "Vikarforbrug på ældreområdet", "Færre vikarer i hjemmeplejen."),
    ("e1", "s3", [], "Nedbringelse af vikarforbrug", "Vikarer erstattes af faste medarbejdere i hjemmeplejen."),
    ("f1", "s3", [], "Færre vikarer", "Vikarforbrug i ældreplejen nedbringes."),
]


@pytest.fixture()
def con(tmp_path):
    con = duckdb.connect(str(tmp_path / "sim.duckdb"))
    create_schema(con)
    for iid, sid, munis, title, desc in DOCS:
        con.execute("INSERT INTO initiatives (initiative_id, source_id, title, description, municipality) "
                    "VALUES (?, ?, ?, ?, ?)", [iid, sid, title, desc, ", ".join(munis) or None])
        for m in munis:
            con.execute("INSERT INTO initiative_municipalities VALUES (?, ?)", [iid, m])
    yield con
    con.close()


def pairs(con) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for iid, sid in con.execute("SELECT initiative_id, similar_id FROM initiative_similar "
                                "ORDER BY initiative_id, rank").fetchall():
        out.setdefault(iid, []).append(sid)
    return out


def test_which_pairs_qualify(con):
    """Another document always qualifies (c1 for a1, though both Aarhus); the same document only with
    another municipality (b1 for a1, never a2); the same document without municipalities never
    (e1 and f1, both from s3)."""
    similarity.refresh(con)
    got = pairs(con)
    assert set(got["a1"]) == {"b1", "c1"}
    assert "a2" not in got["a1"]
    assert set(got["e1"]) == {"d1"} and set(got["f1"]) == {"d1"}
    assert set(got["d1"]) == {"e1", "f1"}
    assert all(iid not in sims for iid, sims in got.items())


def test_scores_ranks_and_determinism(con):
    similarity.refresh(con)
    first = con.execute("SELECT * FROM initiative_similar ORDER BY ALL").fetchall()
    assert first, "no similar pairs found"
    for _iid, _sid, score, rank in first:
        assert similarity.MIN_SCORE <= score <= 1.0
        assert 1 <= rank <= similarity.TOP_K
    ranked = con.execute("SELECT initiative_id, list(score ORDER BY rank) FROM initiative_similar "
                         "GROUP BY 1").fetchall()
    assert all(scores == sorted(scores, reverse=True) for _, scores in ranked)
    similarity.refresh(con)  # again: the same rows to the last digit
    assert con.execute("SELECT * FROM initiative_similar ORDER BY ALL").fetchall() == first


def test_an_empty_or_single_database(tmp_path):
    con = duckdb.connect(str(tmp_path / "one.duckdb"))
    create_schema(con)
    assert similarity.refresh(con) == 0
    con.close()


def test_built_in_data_has_similar_initiatives(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        n_with, n_all, bad = con.execute("""
            SELECT count(DISTINCT s.initiative_id), (SELECT count(*) FROM initiatives),
                   count(*) FILTER (WHERE a.source_id = b.source_id AND a.municipality = b.municipality)
            FROM initiative_similar s JOIN initiatives a ON a.initiative_id = s.initiative_id
            JOIN initiatives b ON b.initiative_id = s.similar_id""").fetchone()
    finally:
        con.close()
    assert n_with > n_all // 2
    assert bad == 0


def test_add_gives_the_same_table_as_a_build(tmp_path):
    """``etl add`` of a document recomputes the table: the same rows as building both at once."""
    b17, idebank = RAW / "kl-b17-katalog-2016.txt", RAW / "kl-idebank-2024.txt"
    with etl_built(tmp_path / "both.duckdb", b17, idebank) as (_, con):
        both = con.execute("SELECT * FROM initiative_similar ORDER BY ALL").fetchall()
    added = tmp_path / "added.duckdb"
    with etl_built(added, b17) as (_, con):
        alone = con.execute("SELECT count(*) FROM initiative_similar").fetchone()[0]
    res = run_etl("add", "--db", str(added), str(idebank))
    assert res.returncode == 0, res.stderr
    con = duckdb.connect(str(added), read_only=True)
    try:
        assert con.execute("SELECT * FROM initiative_similar ORDER BY ALL").fetchall() == both
    finally:
        con.close()
    assert len(both) > alone


def test_the_explorer_detail_card_shows_them(built_db, monkeypatch):
    """Select an initiative with stored similar ones in the explorer: its card lists them, with
    what they expected and realised."""
    from streamlit.testing.v1 import AppTest

    from bench.pages import switch_page
    from tests.conftest import ROOT

    con = duckdb.connect(str(built_db), read_only=True)
    try:
        iid, title = con.execute("""SELECT s.initiative_id, i.title FROM initiative_similar s
                                    JOIN initiatives i USING (initiative_id)
                                    GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1""").fetchone()
        want = [r[0] for r in con.execute("SELECT similar_id FROM initiative_similar WHERE initiative_id = ? "
                                          "ORDER BY rank", [iid]).fetchall()]
    finally:
        con.close()
    monkeypatch.setenv("SAVINGS_DB", str(built_db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params = {"q": title[:100]}  # its own title finds it
    at.run()
    switch_page(at, "/explorer").run()
    ids = list(at.dataframe[0].value["initiative_id"])
    at.session_state["explorer_table"] = {"selection": {"rows": [ids.index(iid)], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if "similar_id" in getattr(d.value, "columns", []))
    assert list(table["similar_id"]) == want
    assert {"expected_tkr", "realised_tkr", "score"} <= set(table.columns)
