"""The benchmark's own correctness: the synthetic database is a database of the contract's schema
the app can read, the derived ``initiative_facets`` agrees with the tables it is built from, the
app's one filter translation selects the rows the pandas reference selects, the pandas reference
computes the same figures as DuckDB, and ``bench/run.py`` runs end to end.

WHY: a benchmark on a database the app would not accept, or comparing two computations that
give different answers, measures nothing. No test here looks at a duration."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from app import queries
from app.filter_sql import filtered_ids
from app.filters import Filters
from bench import pages, pandas_ref, synth
from etl.load import create_schema

ROOT = Path(__file__).resolve().parent.parent
ROWS = 2000


@pytest.fixture(scope="module")
def synth_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("synth") / "synth.duckdb"
    counts = synth.write(db, ROWS, seed=3)
    assert counts["initiatives"] == ROWS
    return db


@pytest.fixture()
def con(synth_db):
    c = duckdb.connect(str(synth_db), read_only=True)
    yield c
    c.close()


def columns(c) -> dict[tuple[str, str], str]:
    return {(t, col): typ for t, col, typ in c.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns").fetchall()}


def one(c, sql: str, params=()):
    return c.execute(sql, list(params)).fetchone()[0]


def test_synth_has_exactly_the_schema_of_etl_schema_sql(con):
    fresh = duckdb.connect()
    create_schema(fresh)
    assert columns(con) == columns(fresh)
    assert con.execute("SELECT * FROM sectors ORDER BY sort_order").fetchall() == \
        fresh.execute("SELECT * FROM sectors ORDER BY sort_order").fetchall()


def test_synth_rows_keep_the_contract(con):
    # every link row points at an initiative, every initiative at a source
    for table in ("appearances", "initiative_municipalities", "initiative_sectors", "initiative_types", "gains"):
        assert one(con, f"SELECT count(*) FROM {table} WHERE initiative_id NOT IN "
                        "(SELECT initiative_id FROM initiatives)") == 0, table
    assert one(con, "SELECT count(*) FROM initiatives WHERE source_id NOT IN (SELECT source_id FROM sources)") == 0
    assert one(con, "SELECT count(DISTINCT initiative_id) FROM initiatives") == ROWS
    # canonical sectors only (or NULL beside a printed name); gains of the two kinds, positive
    assert one(con, "SELECT count(*) FROM initiative_sectors WHERE sector IS NOT NULL AND sector NOT IN "
                    "(SELECT sector FROM sectors)") == 0
    assert one(con, "SELECT count(*) FROM gains WHERE kind NOT IN ('expected', 'realised') OR amount_tkr <= 0") == 0
    # money: a saving is positive, unknown is NULL (never 0); a range's midpoint is the figure
    assert one(con, "SELECT count(*) FROM initiatives WHERE expected_tkr <= 0 OR realised_tkr <= 0") == 0
    assert one(con, "SELECT count(*) FROM initiatives WHERE expected_tkr IS NULL") > 0
    assert one(con, """SELECT count(*) FROM initiatives WHERE expected_tkr IS NOT NULL AND NOT
                       (expected_low_tkr <= expected_tkr AND expected_tkr <= expected_high_tkr
                        AND abs((expected_low_tkr + expected_high_tkr) / 2 - expected_tkr) < 0.06)""") == 0
    # appearances: seq is 1..n within each source; every initiative printed at least once
    assert one(con, """SELECT count(*) FROM (SELECT source_id, min(seq) AS lo, max(seq) AS hi, count(*) AS n
                       FROM appearances GROUP BY 1) WHERE lo <> 1 OR hi <> n""") == 0
    assert one(con, "SELECT count(*) FROM initiatives WHERE initiative_id NOT IN "
                    "(SELECT initiative_id FROM appearances)") == 0
    # the counts the sources table states are the counts of the rows
    assert one(con, """SELECT count(*) FROM sources s WHERE n_initiatives <>
                       (SELECT count(*) FROM initiatives i WHERE i.source_id = s.source_id)""") == 0
    # realistic shape: several municipalities, some initiatives in several sectors, NULL years
    assert one(con, "SELECT count(DISTINCT municipality) FROM initiative_municipalities") > 50
    assert queries.n_multi_sector(con, Filters()) > 0
    assert one(con, "SELECT count(*) FROM initiatives WHERE full_phase_in_year IS NULL") > 0


def test_synth_is_deterministic(tmp_path, synth_db):
    again = synth.write(tmp_path / "again.duckdb", ROWS, seed=3)
    a, b = (duckdb.connect(str(p), read_only=True) for p in (synth_db, tmp_path / "again.duckdb"))
    try:
        for table in ("initiatives", "initiative_sectors", "gains"):
            q = f"SELECT md5(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR)) FROM {table} t"
            assert one(a, q) == one(b, q), table
        assert again["initiatives"] == ROWS
    finally:
        a.close()
        b.close()


@pytest.mark.parametrize("which", ["synth", "etl"])
def test_facets_table_equals_its_view(which, synth_db, built_db):
    c = duckdb.connect(str(synth_db if which == "synth" else built_db), read_only=True)
    try:
        assert one(c, "SELECT count(*) FROM initiative_facets") == one(c, "SELECT count(*) FROM initiatives") > 0
        for t in ("initiative_facets", "initiative_facet_gains"):
            for a, b in ((t, f"{t}_view"), (f"{t}_view", t)):
                assert one(c, f"SELECT count(*) FROM (SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b})") == 0
        queries.check_facets(c)  # complete: the app reads the table
    finally:
        c.close()


@pytest.mark.parametrize("damage", ["DROP TABLE initiative_facets", "DELETE FROM initiative_facets"])
def test_a_database_without_a_complete_facets_table_is_refused(tmp_path, synth_db, damage):
    """An older ETL wrote no ``initiative_facets`` (or something else wrote the file): the app
    says to rebuild (AppTest: tests/test_app_pages.py) instead of answering from another table."""
    old = tmp_path / "old.duckdb"
    old.write_bytes(synth_db.read_bytes())
    with duckdb.connect(str(old)) as c:
        c.execute(damage)
    with duckdb.connect(str(old), read_only=True) as c, pytest.raises(queries.FacetsMissing):
        queries.check_facets(c)


def _filters(c) -> dict[str, Filters]:
    out = dict(pages.typical_filters(c))
    sectors = [r[0] for r in c.execute("SELECT sector FROM sectors ORDER BY sort_order").fetchall()]
    file_name = one(c, "SELECT file_name FROM sources ORDER BY file_name LIMIT 1")
    out.update({
        "three sectors": Filters(sector=tuple(sectors[:3])),
        "not adopted": Filters(adopted=False),
        "source by file name": Filters(source=(file_name,)),
        "upper-case text": Filters(q="DIGITAL"),
        "text and year": Filters(q="skole", year_to=2020),
        "type and municipality": Filters(type=out["type"].type, municipality=out["combined"].municipality),
        "nothing matches": Filters(q="zzzz-no-such-text"),
    })
    return out


def test_the_filter_translation_selects_the_rows_pandas_selects(con):
    frames = pandas_ref.Frames(con)
    for name, f in _filters(con).items():
        sql, params = filtered_ids(f)
        fast = {r[0] for r in con.execute(sql, params).fetchall()}
        base = set(pandas_ref.filtered(frames, f)["initiative_id"])
        assert fast == base, name
        assert queries.explorer_count(con, f) == len(base) == queries.kpis(con, f).iloc[0]["n_initiatives"], name


def test_pandas_reference_equals_duckdb(con):
    frames = pandas_ref.Frames(con)
    for query, pfn, keys in pandas_ref.AGGREGATIONS:
        for fname, f in _filters(con).items():
            assert pandas_ref.same_result(query(con, f), pfn(frames, f), keys), (query.__name__, fname)


def test_a_page_rerun_records_the_queries_it_made(synth_db, monkeypatch):
    monkeypatch.setenv("SAVINGS_DB", str(synth_db))  # PageSession sets it; restored after the test
    flt = Filters(sector=("skole",), adopted=True)
    for path in pages.PAGES:
        session = pages.PageSession(synth_db, path, timeout_s=120)
        _, calls = session.rerun(flt)  # raises when a query saw other filters than these
        # each recorded query is a module's own function (app.queries, app.planner.data), callable again
        assert calls and all(getattr(sys.modules[q.__module__], q.__name__) is q for q, _ in calls), path
    with duckdb.connect(str(synth_db), read_only=True) as c:
        assert pages.query_time(c, flt, calls) >= 0


def test_run_py_end_to_end(tmp_path):
    out = tmp_path / "bench.jsonl"
    res = subprocess.run([sys.executable, "bench/run.py", "--sizes", f"builtin,{ROWS}", "--repeat", "2",
                          "--workdir", str(tmp_path), "--json", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stderr[-2000:]
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["what"] for r in rows if r["bench"] == "etl"} == {"floor", "build", "added"}
    for size in ("builtin", str(ROWS)):
        reruns = [r for r in rows if r["bench"] == "rerun" and r["size"] == size]
        assert {r["page"] for r in reruns} == set(pages.PAGES), size
        assert all(r["n"] == 2 and r["queries"] and r["db_median_ms"] >= 0 for r in reruns), size
        agg = [r for r in rows if r["bench"] == "pandas" and r["size"] == size and "aggregation" in r]
        assert agg and all(r["same_result"] for r in agg), size
    assert [r["initiatives"] for r in rows if r["bench"] == "rerun" and r["size"] == str(ROWS)][0] == ROWS
    assert "targets:" in res.stdout and "rerun after a filter change" in res.stdout


@pytest.mark.parametrize(("message", "kind"), [
    ("exception on /sectors: KeyError: 'n'", "server"),
    ("the server logged a traceback; see /tmp/x.log", "server"),
    ("open /explorer: TimeoutError: Page.wait_for_function: Timeout 180000ms exceeded.", "open"),
    ("/phase-in: TimeoutError: Page.wait_for_function: Timeout 60000ms exceeded.", "unsettled"),
    ("switch to /sources: TimeoutError: Locator.click: Timeout 60000ms exceeded.", "unsettled"),
    ("/: Error: Target page, context or browser has been closed", "browser"),
])
def test_load_errors_are_classified_by_whose_they_are(message, kind):
    from bench import users
    assert users.error_kind(message) == kind


@pytest.mark.parametrize(("argv", "think"), [([], 4.0), (["--think", "0"], 0.0), (["--think", "2.5"], 2.5)])
def test_load_think_time_defaults_to_a_person_in_a_seminar_room(argv, think, monkeypatch):
    from bench import browser_users, load
    seen = {}

    async def fake(db, n, seconds, seed, timeout_ms, log_dir, chromium, think):
        seen["think"] = think
        return {"sessions": n, "think_s": think, "changes": {"n": 0}, "page_switches": {"n": 0}, "errors": 0,
                "rss_baseline_mb": 0, "rss_peak_mb": 0, "rss_growth_per_session_mb": 0}

    monkeypatch.setattr(browser_users, "run_sessions", fake)
    assert load.main(["--db", str(ROOT / "dashboard.py"), "--sessions", "1", *argv]) == 0
    assert seen["think"] == think


def test_derived_py_times_every_statement_of_the_refresh(built_db, capsys):
    """bench/derived.py rewrites the derived tables of a copy (the database itself untouched) and
    prints a total line."""
    from bench import derived
    before = built_db.stat().st_mtime_ns
    assert derived.main([str(built_db)]) == 0
    out = capsys.readouterr().out
    assert "all derived tables and the checkpoint" in out
    assert built_db.stat().st_mtime_ns == before
