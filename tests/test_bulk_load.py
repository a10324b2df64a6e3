"""Large tables load every row, with every value (each table in one INSERT … SELECT from an Arrow
table, etl/load.py), deterministically; a terminal shows a progress bar while a workbook is read.

The tables are generated (bench/tables.py), never committed: the values each row must become
come from the same generator. The 200,000-row case is marked ``slow`` (``pytest --run-slow``,
and ``make test``)."""
from __future__ import annotations

import dataclasses
import gc
import io
import json
from pathlib import Path

import duckdb
import pytest

from bench import loads, tables
from etl import cli, load
from etl.progress import Progress
from etl.spreadsheet import xlsx_sheets
from tests.conftest import etl_built
from tests.test_cli import TABLES, dump


def _expected(n: int) -> dict[str, tuple]:
    """title → (municipality, expected_tkr, realised_tkr, year, adopted, {year: gain}) as loaded."""
    out = {}
    for r in tables.records(n):
        expected = r[3] if isinstance(r[3], float) else None  # '-485,6' under 'Forventet gevinst' = a cost
        gains = {2025: r[10], 2026: r[11], 2027: r[12]}
        out[r[1]] = (r[0].removesuffix(" Kommune"), expected, r[4], r[5], r[7] == "Ja", gains)
    return out


def _loaded(con) -> dict[str, tuple]:
    gains: dict[str, dict[int, float]] = {}
    for iid, year, amount in con.execute("SELECT initiative_id, year, amount_tkr FROM gains").fetchall():
        gains.setdefault(iid, {})[year] = amount
    rows = con.execute("SELECT initiative_id, title, municipality, expected_tkr, realised_tkr, full_phase_in_year, "
                       "adopted FROM initiatives").fetchall()
    return {t: (m, e, r, y, a, gains.get(iid, {})) for iid, t, m, e, r, y, a in rows}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_every_row_and_value_of_a_generated_table(tmp_path, suffix):
    n = 3000
    src = tables.write(tmp_path / f"forslag{suffix}", n)
    with etl_built(tmp_path / "s.duckdb", src) as (out, con):
        assert out.strip() == f"{src.name}: table, {n} initiatives, {n} appearances, {n // 97} warnings"
        assert _loaded(con) == _expected(n)
        unreadable = con.execute("SELECT count(*) FROM parse_warnings WHERE code = 'amount_unreadable'").fetchone()
        assert unreadable == (n // 97,)  # 'se note' in the amount column: NULL with a warning
        sectors = con.execute("SELECT count(*), count(sector) FROM initiative_sectors").fetchone()
        assert sectors == (n, n)  # every printed sector mapped


def test_bulk_loads_are_deterministic(tmp_path):
    src = tables.write(tmp_path / "forslag.csv", 2000)
    with etl_built(tmp_path / "a.duckdb", src):
        pass
    with etl_built(tmp_path / "b.duckdb", src):
        pass
    a, b = dump(tmp_path / "a.duckdb"), dump(tmp_path / "b.duckdb")
    for table in TABLES:
        assert a[table] == b[table], table


@pytest.mark.slow
def test_a_200000_row_csv_loads_every_row(tmp_path):
    n = 200_000
    src = tables.write(tmp_path / "budget.csv", n)
    with etl_built(tmp_path / "s.duckdb", src) as (out, con):
        counts = con.execute("SELECT (SELECT count(*) FROM initiatives), (SELECT count(*) FROM appearances), "
                             "(SELECT count(*) FROM gains), (SELECT count(*) FROM initiative_facets), "
                             "(SELECT count(expected_tkr) FROM initiatives)").fetchone()
        assert counts == (n, n, 3 * n, n, n - n // 97)
        assert _loaded(con) == _expected(n)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream, drawn", [(_Terminal(), True), (io.StringIO(), False)])
def test_progress_bar_only_on_a_terminal(stream, drawn):
    with Progress("reading sheet 'Forslag'", total=10_000, stream=stream) as bar:
        for n in range(1, 10_001):
            bar.update(n)
    text = stream.getvalue()
    assert ("reading sheet 'Forslag' [" in text and " of 10,000 rows (" in text) is drawn
    assert text.endswith("\r\x1b[K") is drawn  # the bar is cleared when done


def test_reading_a_workbook_shows_its_progress_on_a_terminal(tmp_path, monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setattr("etl.progress.REDRAW_S", 0.0)  # redraw at every look: no clock in the test
    data = tables.write(tmp_path / "forslag.xlsx", 5000).read_bytes()
    (name, rows), = xlsx_sheets(data, "forslag.xlsx")
    assert name == "Forslag" and len(rows) == 5001
    # openpyxl's streaming writer states no sheet dimension, so the bar counts rows without a total
    # (a workbook saved by Excel states it, and the bar shows "… of N rows (p %)")
    assert "\rreading sheet 'Forslag': 4,096 rows" in terminal.getvalue()


def test_the_load_benchmark_checks_its_rows(tmp_path, capsys):
    """bench/loads.py end to end at a small size: it loads, counts every row back, and compares
    with pandas; the bomb part refuses its bomb and leaves the database unchanged."""
    assert loads.main(["--sizes", "500", "--formats", "csv", "--workdir", str(tmp_path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    load, bomb = rows
    assert load["all_rows"] and load["loaded"] == 500 and load["etl_peak_mb"] > 0 and load["ratio_wall"] > 0
    assert bomb["exit"] == 1 and bomb["database_unchanged"] and "zip bomb" in bomb["error"]


# --- memory: what a load holds, and for how long -------------------------------------------------

@pytest.mark.parametrize("setting, want", [(None, load.MEMORY_LIMIT), ("", load.MEMORY_LIMIT), ("2GB", "2GB"),
                                           ("300MB", "300MB")])
def test_the_etl_connection_caps_duckdb_memory_and_spills(tmp_path, monkeypatch, setting, want):
    if setting is None:
        monkeypatch.delenv("SAVINGS_ETL_MEMORY", raising=False)
    else:
        monkeypatch.setenv("SAVINGS_ETL_MEMORY", setting)
    ask = "SELECT current_setting('memory_limit')"
    (limit,) = duckdb.connect(config={"memory_limit": want}).execute(ask).fetchone()
    (default,) = duckdb.connect().execute(ask).fetchone()  # 80 % of the machine's memory
    with load.connect(tmp_path / "x.duckdb") as con:
        got, spill = con.execute(f"SELECT ({ask}), current_setting('temp_directory')").fetchone()
        assert got == limit != default
        assert Path(spill) == tmp_path / "x.duckdb.spill" and Path(spill).is_dir()
    assert not Path(spill).exists()  # the spill folder goes with the connection


@pytest.mark.parametrize("command", ["build", "add"])
def test_rows_are_released_once_inserted(tmp_path, command):
    src = tables.write(tmp_path / "forslag.csv", 200)
    db = tmp_path / "s.duckdb"
    if command == "add":
        load.build(db, [cli.process(tables.write(tmp_path / "andet.csv", 20, seed=3), None, cli.loaded_at())[2]])
    rows = cli.process(src, None, cli.loaded_at())[2]
    n = len(rows.initiatives)
    getattr(load, command)(db, [rows])
    assert n == 200 and rows.source.n_initiatives == n
    assert all(len(getattr(rows, f.name)) == 0 for f in dataclasses.fields(rows) if f.name != "source")
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM initiatives WHERE source_id = ?",
                           [rows.source.source_id]).fetchone() == (n,)
    finally:
        con.close()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_read_table_leaves_no_garbage_for_the_collector(tmp_path, suffix):
    """The table reader and its cells are freed by reference counting the moment the parse
    returns (a cycle through the reader kept every cell alive until a full collection)."""
    from etl.parse import table as table_parser
    from etl.parse.table_rows import TableReader
    from etl.read import read

    doc = read(tables.write(tmp_path / f"forslag{suffix}", 300))
    gc.collect()
    gc.disable()
    try:
        parsed = table_parser.parse(doc)
        alive = [o for o in gc.get_objects() if isinstance(o, TableReader)]
    finally:
        gc.enable()
    assert len(parsed.initiatives) == 300 and alive == []


def test_what_a_paused_block_made_is_frozen_until_the_run_ends(tmp_path):
    """Objects made while the collector was paused are moved out of its generations (the next
    collection does not rescan a table's cells), and the ETL run gives them back when it ends."""
    from etl import collector

    gc.unfreeze()
    with collector.paused():
        made = [[n] for n in range(1000)]
    assert gc.get_freeze_count() >= len(made) and gc.isenabled()
    src = tables.write(tmp_path / "forslag.csv", 300)
    assert cli.main(["build", "--db", str(tmp_path / "x.duckdb"), str(src)]) == 0
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("failures", [0, 1])
def test_derived_tables_retry_without_the_cap_when_duckdb_cannot_spill(tmp_path, monkeypatch, failures):
    """DuckDB runs out of its capped memory in an operator it cannot spill: the derived tables
    are built once more under its default limit, and the database is the same as without."""
    src = tables.write(tmp_path / "forslag.csv", 300)
    plain = tmp_path / "plain.duckdb"
    load.build(plain, [cli.process(src, None, cli.loaded_at())[2]])
    real, limits = load.refresh_derived, []

    def refresh(con):
        limits.append(con.execute("SELECT current_setting('memory_limit')").fetchone()[0])
        if len(limits) <= failures:
            raise duckdb.OutOfMemoryException("could not allocate block")
        real(con)

    monkeypatch.setattr(load, "refresh_derived", refresh)
    db = tmp_path / "s.duckdb"
    load.build(db, [cli.process(src, None, cli.loaded_at())[2]])
    assert len(limits) == failures + 1 and len(set(limits)) == failures + 1  # the retry: another limit
    assert dump(db) == dump(plain)


def test_out_of_memory_after_the_retry_is_one_line_and_changes_nothing(tmp_path, monkeypatch, capsys):
    """DuckDB out of memory under its default limit too: ``etl add`` says so in one line, exits
    non-zero and leaves the database byte for byte as it was."""
    db = tmp_path / "s.duckdb"
    load.build(db, [cli.process(tables.write(tmp_path / "a.csv", 50), None, cli.loaded_at())[2]])
    before = db.read_bytes()

    def refresh(con):
        raise duckdb.OutOfMemoryException("could not allocate block")

    monkeypatch.setattr(load, "refresh_derived", refresh)
    capsys.readouterr()
    assert cli.main(["add", "--db", str(db), str(tables.write(tmp_path / "b.csv", 60))]) == 1
    err = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("error")]
    assert err == ["error: s.duckdb: out of memory; the database was not changed"]
    assert db.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".s.duckdb")] in ([], [".s.duckdb.lock"])
