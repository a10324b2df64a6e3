"""Derived tables added after databases were published are declared once, in etl/schema.sql, and
their refresh runs that same line (etl.schema.create_statement): an older database gains them."""
from __future__ import annotations

import duckdb
import pytest

from etl.schema import SCHEMA, create_statement, view_statement

#: table → its columns, as the dashboard reads them
LATE_TABLES = {
    "initiative_evr_points": ["doc", "initiative_id", "title", "expected_tkr", "realised_tkr"],
    "search_title_postings": ["term_id", "doc"],
    "search_title_info": ["rules", "n_docs", "n_terms", "n_postings"],
}


@pytest.mark.parametrize(("table", "columns"), LATE_TABLES.items())
def test_the_statement_creates_the_table_on_an_older_database(table, columns):
    with duckdb.connect() as con:  # an older database: none of these tables
        con.execute(create_statement(table))
        con.execute(create_statement(table))  # IF NOT EXISTS: running it again changes nothing
        assert [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()] == columns


@pytest.mark.parametrize("table", ["initiatives", "no_such_table"])
def test_a_table_not_declared_if_not_exists_is_refused(table):
    with pytest.raises(LookupError):
        create_statement(table)


@pytest.mark.parametrize("view", ["initiative_facets_view", "initiative_facet_gains_view"])
def test_the_view_statement_replaces_an_older_view(view):
    """etl.load.refresh_facets rewrites the views of an older database with these statements: the
    same columns as etl/schema.sql creates."""
    with duckdb.connect() as fresh, duckdb.connect() as older:
        fresh.execute(SCHEMA.read_text(encoding="utf-8"))
        older.execute(SCHEMA.read_text(encoding="utf-8"))
        older.execute(f"CREATE OR REPLACE VIEW {view} AS SELECT 1 AS older")
        older.execute(view_statement(view))
        older.execute(view_statement(view))  # OR REPLACE: running it again changes nothing
        assert older.execute(f"DESCRIBE {view}").fetchall() == fresh.execute(f"DESCRIBE {view}").fetchall()


def test_an_undeclared_view_is_refused():
    with pytest.raises(LookupError):
        view_statement("no_such_view")
