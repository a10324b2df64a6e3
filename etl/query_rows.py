"""A query's single row, read whole.

DuckDB keeps a result open after ``fetchone()`` even when the query had one row: the connection
then refuses ``register()`` ("connection has an unfinished result from execute()") until the
result is fetched to its end. The ETL registers Arrow tables between statements (the inserts,
the search index), so its one-row reads go through here and never leave a result open."""
from __future__ import annotations

from typing import Any

import duckdb


def row_or_none(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> tuple | None:
    """The query's row, or None when it gives none; more than one row is a programming error."""
    rows = con.execute(sql, params or []).fetchall()
    if len(rows) > 1:
        raise LookupError(f"{len(rows)} rows where at most one was expected: {sql}")
    return rows[0] if rows else None


def one_row(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> tuple:
    """The row of a query that always gives exactly one (an aggregate without GROUP BY)."""
    row = row_or_none(con, sql, params)
    if row is None:
        raise LookupError(f"no row where one was expected: {sql}")
    return row
