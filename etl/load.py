"""Load stage: rows into DuckDB, atomically.

A build writes a complete new database next to the target and renames it over
the old one; ``add`` does the same on a copy. Either the new file is complete
or the old one is untouched, byte for byte — a failed run never leaves a
half-loaded database for the dashboard to show."""
from __future__ import annotations

import contextlib
import csv
import dataclasses
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from etl import dblock, search_index, similarity, text_pieces
from etl.core.rows import Columns, CurationRow, Rows, SectorRow, columns
from etl.errors import InputError
from etl.query_rows import one_row, row_or_none
from etl.schema import SCHEMA, create_statement, view_statement
from etl.sectors import SECTORS

#: DuckDB's working memory for one load (its default is 80 % of the machine's RAM). Above it the
#: derived tables' joins, sorts and aggregates (facets, search index, similarity) spill to a
#: temporary folder instead of growing. Measured: a 1,000,000-row CSV's derived tables ran within
#: 2 GB; at 1 GB its facets failed (rows then still uncommitted), and the similarity of the
#: synthetic million (~940-character descriptions) does not fit in 2 GB either: the load then
#: retries without the cap (:func:`_derive`). ``SAVINGS_ETL_MEMORY`` overrides it ("4GB").
MEMORY_LIMIT = "2GB"

#: Tables whose rows belong to one initiative (deleted through initiative_id on replace).
BY_INITIATIVE = ("appearances", "initiative_municipalities", "initiative_sectors",
                 "initiative_types", "gains")
#: Columns a curation file may correct.
CURATABLE = {"municipality", "title", "description", "expected_tkr", "expected_low_tkr",
             "expected_high_tkr", "realised_tkr", "full_phase_in_year", "implementation_cost_tkr",
             "adopted", "status", "feasibility"}


#: The tables whose keys a build declares after their rows are in (:func:`create_schema`).
KEYED_LATER = ("initiatives", "appearances", "initiative_municipalities", "initiative_sectors",
               "initiative_types", "gains")


def create_schema(con: duckdb.DuckDBPyConnection, *, keys_later: bool = False) -> list[str]:
    """Create the tables of etl/schema.sql (and fill ``sectors``). With ``keys_later`` (a fresh
    build) the primary keys of the large tables (:data:`KEYED_LATER`) and the indexes are left
    out and returned as the statements that declare them once the rows are in: DuckDB then
    builds each key's index once, from the loaded rows, instead of checking and indexing every
    inserted row in the transaction and indexing it again at its commit (measured at 200,000
    rows: 2.4-2.5 s -> 1.7-1.9 s CPU for the inserts and their commit). The keys are the same
    (tests/test_schema.py compares the constraints and indexes)."""
    sql, later = SCHEMA.read_text(encoding="utf-8"), list[str]()
    if keys_later:
        sql, later = _keys_taken_out(sql)
    con.execute(sql)
    _insert_table(con, Columns.from_rows(SectorRow, [SectorRow(k, da, en, i)
                                                     for i, (k, da, en) in enumerate(SECTORS, start=1)]))
    return later


def _keys_taken_out(sql: str) -> tuple[str, list[str]]:
    """etl/schema.sql without the keys of :data:`KEYED_LATER` and without its indexes (an index
    on a table stops ``ALTER TABLE … ADD PRIMARY KEY``), and the statements that add them."""
    later = []
    for table in KEYED_LATER:
        block = re.search(rf"^CREATE TABLE {table} \((.*?)^\);", sql, re.MULTILINE | re.DOTALL)
        assert block is not None, table
        body = block.group(1)
        column_key = re.search(r"^(\s+(\w+)\s+\w+) PRIMARY KEY,", body, re.MULTILINE)
        table_key = re.search(r",([ \t]*(?:--[^\n]*)?)\n[ \t]*PRIMARY KEY \(([^)]*)\)\n$", body)
        if column_key:
            key, body = column_key.group(2), body.replace(column_key.group(0), column_key.group(1) + ",", 1)
        elif table_key:
            key, body = table_key.group(2), body[:table_key.start()] + table_key.group(1) + "\n"
        else:
            raise LookupError(f"etl/schema.sql: no primary key of {table} found")
        sql = sql[:block.start(1)] + body + sql[block.end(1):]
        later.append(f"ALTER TABLE {table} ADD PRIMARY KEY ({key})")
    indexes = re.findall(r"^CREATE INDEX [^;]*;", sql, re.MULTILINE)
    for statement in indexes:
        sql = sql.replace(statement, "")
    return sql, later + indexes



def refresh_facets(con: duckdb.DuckDBPyConnection, pieces: text_pieces.Pieces | None = None) -> None:
    """Copy ``initiative_facets_view`` into its table (etl/schema.sql): the dashboard's one-table
    form of the data, rewritten after every change so it never disagrees with the tables; then the
    tables keyed by its ``doc`` numbers: the gains by doc, the scatter's rows and the free-text
    index (etl/search_index.py; ``pieces``: the texts already cut, etl/text_pieces.py), which must
    change whenever the numbers do. The views are first
    rewritten from etl/schema.sql (etl.schema.view_statement): a database of an older ETL is
    filled by this ETL's views (same rows; the facets' one since session 5 ~2x cheaper)."""
    for view in ("initiative_facets_view", "initiative_facet_gains_view"):
        con.execute(view_statement(view))
    con.execute("DELETE FROM initiative_facets")
    con.execute("INSERT INTO initiative_facets SELECT * FROM initiative_facets_view ORDER BY doc")
    con.execute("DELETE FROM initiative_facet_gains")
    con.execute("INSERT INTO initiative_facet_gains SELECT * FROM initiative_facet_gains_view "
                "ORDER BY doc, year, realised")
    refresh_evr_points(con)
    search_index.refresh(con, pieces)


def refresh_evr_points(con: duckdb.DuckDBPyConnection) -> int:
    """Rewrite ``initiative_evr_points`` from ``initiative_facets``: the initiatives with both an
    expected and a realised figure, largest expected first (ties by ``doc``), in the scatter's
    order, with what the scatter draws. The scatter's 2,000 largest of the kept rows are then the
    first rows that pass the filter (app.queries.evr_points): at 1,000,000, 386,087 rows, ~5 ms
    for 2,000 where a top-N over the facets took ~22 ms. Returns its row count."""
    con.execute(create_statement("initiative_evr_points"))  # an older database gains it
    con.execute("DELETE FROM initiative_evr_points")
    con.execute("INSERT INTO initiative_evr_points SELECT doc, initiative_id, title, expected_tkr, realised_tkr "
                "FROM initiative_facets WHERE expected_tkr IS NOT NULL AND realised_tkr IS NOT NULL "
                "ORDER BY expected_tkr DESC, doc")
    (n,) = one_row(con, "SELECT count(*) FROM initiative_evr_points")
    return int(n)


def refresh_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Every table derived from the loaded rows, after a build or an add. The texts are cut into
    pieces once for the search index and the similarity (etl/text_pieces.py)."""
    with text_pieces.given_or_cut(con, None) as pieces:
        refresh_facets(con, pieces)
        similarity.refresh(con, pieces)


@contextlib.contextmanager
def connect(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The ETL's connection to a (temporary) database: DuckDB's memory capped at
    :data:`MEMORY_LIMIT`, spilling to a folder beside it (``….tmp.spill``) that is removed
    afterwards; a killed writer's is removed by the next writer (etl.dblock)."""
    spill = Path(str(db_path) + ".spill")
    spill.mkdir(exist_ok=True)
    try:
        con = duckdb.connect(str(db_path), config={
            "memory_limit": os.environ.get("SAVINGS_ETL_MEMORY") or MEMORY_LIMIT, "temp_directory": str(spill)})
        try:
            yield con
        finally:
            con.close()
    finally:
        shutil.rmtree(spill, ignore_errors=True)


def _release(rows: Rows) -> None:
    """Empty a source's tables once they are in the database (its ``source`` row stays: the
    summary line reads it): a large table's Python values are not held while DuckDB builds the
    derived tables."""
    for f in dataclasses.fields(rows):
        if f.name != "source":
            setattr(rows, f.name, Columns.empty(getattr(rows, f.name).row_type))


def _insert(con, rows: Rows) -> None:
    """Insert one source. Ids that already exist mean a second version of a loaded document (not
    looked for while ``initiatives`` is empty: a build's first source, whose ids are otherwise
    turned into Arrow twice)."""
    (loaded,) = one_row(con, "SELECT count(*) FROM initiatives")
    if loaded and len(rows.initiatives):
        _refuse_loaded_ids(con, rows)
    _insert_rows(con, rows)


def _refuse_loaded_ids(con, rows: Rows) -> None:
    """InputError when an initiative id of ``rows`` is already in ``initiatives``."""
    con.register("_ids", pa.table({"initiative_id": pa.array(rows.initiatives.column("initiative_id"),
                                                             type=pa.string())}))
    try:
        clash = con.execute("SELECT s.file_name FROM initiatives i JOIN sources s USING (source_id) "
                            "WHERE i.initiative_id IN (SELECT initiative_id FROM _ids) LIMIT 1").fetchall()
    finally:
        con.unregister("_ids")  # the result read whole first: DuckDB refuses other work before
    if clash:
        raise InputError(rows.source.file_name,
                         f"its initiatives are already loaded from {clash[0][0]} (same document title, "
                         "municipality and initiative title); load one version of a document only")


def _insert_rows(con, rows: Rows) -> None:
    """Insert every table of one source, freeing each table's values once it is inserted."""
    by_table = rows.by_table()
    _release(rows)  # the values now live only in ``by_table``
    for table in list(by_table):
        _insert_table(con, by_table.pop(table))


def _insert_table(con, batch: Columns) -> None:
    """Insert the rows of one table (:class:`etl.core.rows.Columns`: one sequence per field of its
    row dataclass) in one statement: an Arrow table typed by the database table itself (a year
    stays INTEGER, an all-NULL column needs no guessing), inserted with ``INSERT … SELECT`` in the
    rows' order. Row by row, 100,000 rows took minutes."""
    if not len(batch):
        return
    cols = columns(batch.row_type)
    quoted = ", ".join(f'"{c}"' for c in cols)
    schema = con.sql(f"SELECT {quoted} FROM {batch.table} LIMIT 0").to_arrow_table().schema
    arrays = [pa.array(values, type=f.type) for values, f in zip(batch.values, schema)]  # an Array: cast
    con.register("_rows", pa.Table.from_arrays(arrays, schema=schema))
    try:
        con.execute(f"INSERT INTO {batch.table} ({quoted}) SELECT * FROM _rows")
    finally:
        con.unregister("_rows")


def _delete_source(con, source_id: str) -> None:
    for table in BY_INITIATIVE:
        con.execute(f"DELETE FROM {table} WHERE initiative_id IN "
                    f"(SELECT initiative_id FROM initiatives WHERE source_id = ?)", [source_id])
    for table in ("parse_warnings", "targets", "table_totals", "pdf_tables", "initiatives", "sources"):
        con.execute(f"DELETE FROM {table} WHERE source_id = ?", [source_id])


def _temp_path(db_path: Path) -> Path:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=dblock.temp_prefix(db_path), suffix=dblock.TEMP_SUFFIX, dir=db_path.parent)
    os.close(fd)
    os.unlink(name)  # DuckDB wants to create the file itself
    return Path(name)


def _commit_file(tmp: Path, db_path: Path) -> None:
    wal = Path(str(tmp) + ".wal")
    if wal.exists():
        wal.unlink()
    os.replace(tmp, db_path)


def _cleanup(tmp: Path) -> None:
    for p in (tmp, Path(str(tmp) + ".wal")):
        if p.exists():
            p.unlink()


def apply_curation(con, curation_dir: Path) -> list[str]:
    """Apply hand corrections from ``data/curation/*.csv`` (initiative_id;column;value;reason).

    Returns messages for rows that could not be applied; every applied change is
    recorded in ``curation_log`` with the old value, so corrections stay visible."""
    notes = []
    for path in sorted(curation_dir.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh, delimiter=";"), start=2):
                iid, col = (row.get("initiative_id") or "").strip(), (row.get("column") or "").strip()
                if not iid or iid.startswith("#"):
                    continue
                if col not in CURATABLE:
                    notes.append(f"{path.name}:{n}: column '{col}' cannot be curated")
                    continue
                old = row_or_none(con, f'SELECT CAST("{col}" AS VARCHAR) FROM initiatives WHERE initiative_id = ?',
                                  [iid])
                if old is None:
                    notes.append(f"{path.name}:{n}: no initiative {iid}")
                    continue
                value = row.get("value")
                value = None if value is None or value.strip() in ("", "NULL") else value.strip()
                con.execute(f'UPDATE initiatives SET "{col}" = ? WHERE initiative_id = ?', [value, iid])
                _insert_table(con, Columns.from_rows(CurationRow, [CurationRow(iid, col, old[0], value,
                                                                               row.get("reason"), path.name)]))
    return notes


def _derive(con) -> None:
    """Commit the inserted rows, then build the derived tables in a second transaction. Committed,
    the rows are blocks of the (temporary) database file that DuckDB may evict under
    :data:`MEMORY_LIMIT`; uncommitted, a 1,000,000-row load did not fit in it. The load stays
    atomic: nothing is renamed over the database unless both transactions succeed."""
    con.execute("COMMIT")
    try:
        _derived_transaction(con)
    except duckdb.OutOfMemoryException:
        # An operator DuckDB cannot spill (the similarity's term postings of a million long
        # descriptions need more than 2 GB): once more with DuckDB's own default limit, as before.
        con.execute("ROLLBACK")
        con.execute("RESET memory_limit")
        _derived_transaction(con)
    con.execute("CHECKPOINT")


def _derived_transaction(con) -> None:
    con.execute("BEGIN")
    refresh_derived(con)
    con.execute("COMMIT")


@contextlib.contextmanager
def _swapped_in(db_path: Path, *, copy: bool) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a temporary database beside ``db_path`` (a copy of it with ``copy``) that
    is renamed over ``db_path`` when the block ends without an error, and removed otherwise: the
    old file is replaced whole or not at all."""
    db_path = Path(db_path)
    tmp = _temp_path(db_path)
    try:
        if copy:
            shutil.copyfile(db_path, tmp)
        with connect(tmp) as con:
            yield con
        _commit_file(tmp, db_path)
    finally:
        _cleanup(tmp)


@dblock.exclusive
def build(db_path: Path, all_rows: list[Rows], curation_dir: Path | None = None) -> list[str]:
    """Write a fresh database with exactly these sources, then swap it in. Each source's row lists
    are emptied once inserted (:func:`_release`)."""
    with _swapped_in(db_path, copy=False) as con:
        keys = create_schema(con, keys_later=True)
        con.execute("BEGIN")
        for rows in all_rows:
            _insert(con, rows)
        for statement in keys:
            con.execute(statement)
        notes = apply_curation(con, curation_dir) if curation_dir and curation_dir.is_dir() else []
        _derive(con)
    return notes


@dblock.exclusive
def add(db_path: Path, all_rows: list[Rows]) -> None:
    """Add sources to an existing database, on a copy swapped in at the end.

    A source whose sha256 is already loaded is replaced, never duplicated."""
    with _swapped_in(db_path, copy=True) as con:
        con.execute("BEGIN")
        for rows in all_rows:
            for (sid,) in con.execute("SELECT source_id FROM sources WHERE sha256 = ?",
                                      [rows.source.sha256]).fetchall():
                _delete_source(con, sid)
            _insert(con, rows)
        _derive(con)
