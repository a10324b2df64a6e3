"""etl.query_rows: a query's single row read whole, so the connection can register a table next
(DuckDB refuses ``register()`` while a ``fetchone()`` result is unfinished)."""
from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

from etl.query_rows import one_row, row_or_none


@pytest.fixture
def con():
    c = duckdb.connect()
    c.execute("CREATE TABLE t (a INTEGER, b VARCHAR)")
    c.execute("INSERT INTO t VALUES (1, 'x'), (2, 'y')")
    yield c
    c.close()


#: query, parameters → the row row_or_none gives (None: no row)
ROWS = [
    ("SELECT count(*) FROM t", None, (2,)),
    ("SELECT a, b FROM t WHERE a = ?", [2], (2, "y")),
    ("SELECT a FROM t WHERE a = ?", [9], None),
    ("SELECT count(*), max(b) FROM t WHERE a > ?", [5], (0, None)),
]


@pytest.mark.parametrize(("sql", "params", "expected"), ROWS)
def test_the_row_and_the_connection_free_for_a_register(con, sql, params, expected):
    assert row_or_none(con, sql, params) == expected
    con.register("_next", pa.table({"a": [1]}))  # refused after a fetchone(): the trap this avoids
    assert con.execute("SELECT count(*) FROM _next").fetchall() == [(1,)]


def test_fetchone_is_the_trap():
    """Why the module exists: DuckDB's behaviour, pinned (if it changes, the module may go)."""
    c = duckdb.connect()
    c.execute("SELECT 1").fetchone()
    with pytest.raises(duckdb.Error, match="unfinished result"):
        c.register("_next", pa.table({"a": [1]}))


#: query → what is wrong with it for the helper
REFUSED = [
    (row_or_none, "SELECT a FROM t", "2 rows where at most one"),
    (one_row, "SELECT a FROM t WHERE a > 5", "no row where one"),
]


@pytest.mark.parametrize(("read", "sql", "message"), REFUSED)
def test_refused(con, read, sql, message):
    with pytest.raises(LookupError, match=message):
        read(con, sql)
