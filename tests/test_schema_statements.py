"""Derived tables added after databases were published are declared once, in etl/schema.sql, and
their refresh runs that same line (etl.schema.create_statement): an older database gains them."""
from __future__ import annotations

import duckdb
import pytest

from etl.schema import create_statement

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
