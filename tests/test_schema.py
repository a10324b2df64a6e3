"""The database's columns come from one definition: the row dataclasses of etl.core.rows.

etl/schema.sql must declare, for every table the ETL writes, exactly the fields of its row
dataclass, in the same order; and the derived ``initiative_facets`` table exactly the
columns of the view it is copied from."""
from __future__ import annotations

import duckdb
import pytest

from etl import formats
from etl.core.rows import TABLES, columns
from etl.load import KEYED_LATER, create_schema

#: Filled in SQL: the facets tables from their views, the search tables by etl.search_index.refresh,
#: initiative_similar by etl/similarity.py.
DERIVED = {"initiative_facets", "initiative_facet_gains", "search_terms", "search_postings", "search_index_info",
           "search_title_postings", "search_title_info", "initiative_evr_points", "initiative_similar"}


@pytest.fixture(scope="module")
def con():
    c = duckdb.connect()
    create_schema(c)
    yield c
    c.close()


def _columns(con, table: str) -> tuple[str, ...]:
    return tuple(r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table]).fetchall())


def test_every_schema_table_has_a_row_dataclass_or_is_derived(con):
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'").fetchall()}
    assert tables - DERIVED == set(TABLES)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_schema_columns_equal_the_row_dataclass_fields(con, table):
    assert _columns(con, table) == columns(TABLES[table])


@pytest.mark.parametrize("table", ["initiative_facets", "initiative_facet_gains"])
def test_facets_tables_have_the_columns_of_their_views(con, table):
    assert _columns(con, table) == _columns(con, f"{table}_view")


def test_registry_holds_parser_objects_with_unique_names_and_id_prefixes():
    names = [p.name for p in formats.PARSERS]
    prefixes = [p.id_prefix for p in formats.PARSERS]
    assert len(set(names)) == len(names) and len(set(prefixes)) == len(prefixes)
    assert all(formats.get(n).name == n for n in names)
    with pytest.raises(KeyError):
        formats.get("no_such_format")


def test_parse_warnings_carry_a_code_and_json_params(built_db):
    import json

    c = duckdb.connect(str(built_db), read_only=True)
    try:
        rows = c.execute("SELECT code, params, message FROM parse_warnings").fetchall()
    finally:
        c.close()
    assert rows and all(code and message for code, _, message in rows)
    assert all(isinstance(json.loads(p), dict) for _, p, _ in rows if p is not None)
    assert {"amount_missing", "pages_approximate"} <= {code for code, _, _ in rows}


def _keys(con) -> tuple[list, list, list]:
    return (con.execute("SELECT table_name, constraint_type, constraint_column_names, expression "
                        "FROM duckdb_constraints() ORDER BY ALL").fetchall(),
            con.execute("SELECT index_name, table_name, is_unique, expressions FROM duckdb_indexes() "
                        "ORDER BY ALL").fetchall(),
            con.execute("SELECT table_name, column_name, is_nullable, data_type FROM information_schema.columns "
                        "ORDER BY ALL").fetchall())


def test_a_build_declares_the_keys_and_indexes_of_the_schema_after_its_rows(con, tmp_path):
    """A build creates the large tables' keys and the indexes once their rows are in
    (etl.load.create_schema with ``keys_later``): the database ends with the same constraints,
    indexes and columns as etl/schema.sql declares."""
    later = duckdb.connect()
    statements = create_schema(later, keys_later=True)
    assert len(statements) == len(KEYED_LATER) + 4 and _keys(later) != _keys(con)
    later.execute("BEGIN")
    for statement in statements:
        later.execute(statement)
    later.execute("COMMIT")
    assert _keys(later) == _keys(con)
    later.close()
