"""The texts (etl/text_pieces.py) and the facets view's numbering windows (etl/schema.sql) are joined
to their rows by ``rowid``, not by ``initiative_id``: whatever order the rows were inserted in, with
rows deleted before (``etl add`` replacing a document) or not yet committed, each initiative keeps its
``doc`` (its number in ``initiative_id`` order), its title rank and its own pieces of text."""
from __future__ import annotations

import duckdb
import pytest

from etl import load, text_pieces

ROWS = [  # initiative_id, title, description, municipality
    ("c-3", "»Housing first« i Aarhus", "Boliger  til hjemløse", "Aarhus"),
    ("a-1", "Digital post", "Breve sendes digitalt", None),
    ("e-5", "Rengøring", None, "Køge"),
    ("b-2", "Æblehaver", "Frugt i skolen", "Aalborg, Køge"),
    ("d-4", "digital post", "Breve og pakker", "Esbjerg"),
]
GONE = ("x-9", "Udgår", "slettes igen", "Viborg")

# (name, rows committed first, rows deleted then, rows inserted in the open transaction)
CASES = [
    ("id order, committed", sorted(ROWS), [], []),
    ("reverse id order, committed", sorted(ROWS, reverse=True), [], []),
    ("some rows not committed", ROWS[:2], [], ROWS[2:]),
    ("a row deleted, others inserted after", [GONE, *ROWS[:3]], ["x-9"], ROWS[3:]),
    ("every row deleted and inserted again", [GONE, *ROWS], [r[0] for r in (GONE, *ROWS)], ROWS[::-1]),
]


def _insert(con: duckdb.DuckDBPyConnection, rows) -> None:
    for iid, title, description, municipality in rows:
        con.execute("INSERT INTO initiatives (initiative_id, source_id, title, description, municipality) "
                    "VALUES (?, 's', ?, ?, ?)", [iid, title, description, municipality])


@pytest.fixture(params=CASES, ids=[c[0] for c in CASES])
def con(request):
    _, first, deleted, then = request.param
    con = duckdb.connect()
    load.create_schema(con)
    _insert(con, first)
    con.execute("BEGIN")
    for iid in deleted:
        con.execute("DELETE FROM initiatives WHERE initiative_id = ?", [iid])
    _insert(con, then)
    yield con
    con.execute("ROLLBACK")
    con.close()


def test_docs_in_initiative_id_order_with_their_own_pieces(con):
    p = text_pieces.cut(con)
    docs = dict(con.execute(f"SELECT initiative_id, doc FROM {p.docs}").fetchall())
    assert docs == {iid: n for n, (iid, *_) in enumerate(sorted(ROWS))}
    found = sorted(con.execute(f"""SELECT d.initiative_id, x.part, c.piece FROM {p.doc_pieces} x
                                   JOIN {p.docs} d USING (doc) JOIN {p.pieces} c USING (pid)""").fetchall())
    expected = sorted((iid, part, piece) for iid, *texts in ROWS
                      for part, text in enumerate(texts) if text is not None
                      for piece in text.lower().split(" "))
    assert found == expected
    counts = con.execute(f"""SELECT c.n, count(x.pid) FROM {p.pieces} c JOIN {p.doc_pieces} x USING (pid)
                             GROUP BY c.pid, c.n""").fetchall()
    assert all(n == k for n, k in counts)


def test_facets_view_numbers_as_by_initiative_id(con):
    got = con.execute("SELECT initiative_id, doc, title_rank, title FROM initiative_facets_view").fetchall()
    oracle = con.execute("""SELECT initiative_id, (row_number() OVER (ORDER BY initiative_id) - 1)::INTEGER,
                                   (dense_rank() OVER (ORDER BY regexp_replace(title, '^[^\\p{L}\\p{N}]+', '')
                                                       COLLATE da))::INTEGER, title
                            FROM initiatives""").fetchall()
    assert sorted(got) == sorted(oracle)
    ranks = {title: rank for _, _, rank, title in got}  # Danish order: Æ after R, a quotation mark skipped
    assert max(ranks["Digital post"], ranks["digital post"]) < ranks["»Housing first« i Aarhus"] \
        < ranks["Rengøring"] < ranks["Æblehaver"]
