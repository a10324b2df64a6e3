"""Benchmarks of the ETL and the dashboard: ``python bench/run.py [--sizes builtin,1000000]``.

Measures, each repeated (median and p95 reported):

1. ``etl``: ``python -m etl build`` of the built-in data against its floor, the
   interpreter start plus the imports of the ETL modules (both as subprocesses,
   so the difference is what the ETL itself costs);
2. ``rerun``: per dashboard page and typical filter, the server-side database
   time of a rerun after a filter change (the page's ``app.queries`` calls,
   see bench/pages.py), at every size;
3. ``pandas``: the same aggregations in pandas on DataFrames loaded once from
   the database, against the app's DuckDB functions (results checked equal);
4. ``browser`` (``--browser``): the first paint of each page in headless
   Chromium against a real ``streamlit run`` server.

Output: one JSON object per line as measurements finish, then a short table.
Timings on a shared 2-core machine are noisy: compare the ratios measured in
the same run rather than absolutes across runs (docs/performance.md).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from bench import pandas_ref, pages, synth  # noqa: E402
from bench.stats import summary, timed  # noqa: E402

#: Targets of issue 7 (docs/performance.md).
RERUN_MAX_MS = 300
RERUN_MAX_RATIO = 2.0
ETL_MAX_ADDED_MS = 2000
PANDAS_MIN_RATIO = 5.0
FLOOR_CODE = "import etl.cli, etl.formats; etl.formats.available()"


class Report:
    """Collects results; prints each as a JSON line (and to ``--json`` if given)."""

    def __init__(self, json_path: str | None):
        self.rows: list[dict] = []
        self.fh = open(json_path, "w", encoding="utf-8") if json_path else None

    def emit(self, **row) -> dict:
        self.rows.append(row)
        line = json.dumps(row, ensure_ascii=False, default=str)
        print(line, flush=True)
        if self.fh:
            self.fh.write(line + "\n")
            self.fh.flush()
        return row

    def find(self, **match) -> list[dict]:
        return [r for r in self.rows if all(r.get(k) == v for k, v in match.items())]


def _env() -> dict:
    return {k: v for k, v in os.environ.items() if k != "SAVINGS_DB"}


def _run_ok(cmd: list[str]) -> None:
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=_env(), timeout=600)
    if res.returncode != 0:
        last = (res.stderr.strip().splitlines() or [f"exit status {res.returncode}"])[-1]
        raise RuntimeError(f"{' '.join(cmd[1:4])}: {last}")


def bench_etl(rep: Report, repeat: int, workdir: Path) -> Path | None:
    """Floor and build, interleaved so drift on the machine hits both alike. Returns the built DB."""
    db = workdir / "builtin.duckdb"
    floor_cmd = [sys.executable, "-c", FLOOR_CODE]
    build_cmd = [sys.executable, "-m", "etl", "build", "--db", str(db)]
    floor, build = [], []
    try:
        _run_ok(floor_cmd)  # warm the file cache and .pyc files once, not measured
        _run_ok(build_cmd)
        for _ in range(repeat):
            floor.append(timed(lambda: _run_ok(floor_cmd)))
            build.append(timed(lambda: _run_ok(build_cmd)))
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        rep.emit(bench="etl", what="build", error=str(exc))
        return None
    f, b = summary(floor), summary(build)
    rep.emit(bench="etl", what="floor", command=f"python -c '{FLOOR_CODE}'", **f)
    rep.emit(bench="etl", what="build", command="python -m etl build --db tmp", **b)
    con = duckdb.connect(str(db), read_only=True)
    n = con.execute("SELECT count(*) FROM initiatives").fetchone()[0]
    con.close()
    added = b["median_ms"] - f["median_ms"]
    rep.emit(bench="etl", what="added", added_ms=round(added, 1), ratio=round(b["median_ms"] / f["median_ms"], 2),
             initiatives=n, target_ms=ETL_MAX_ADDED_MS, ok=added < ETL_MAX_ADDED_MS)
    return db


def database_for(size: str, builtin: Path | None, workdir: Path, seed: int, rep: Report,
                 reuse: bool = False) -> Path | None:
    if size == "builtin":
        return builtin
    n = int(size)
    db = workdir / f"synth-{n}-seed{seed}.duckdb"
    if reuse and db.exists():
        rep.emit(bench="synth", size=size, reused=str(db))
        return db
    start = time.perf_counter()
    counts = synth.write(db, n, seed)
    rep.emit(bench="synth", size=size, seconds=round(time.perf_counter() - start, 2), **counts)
    return db


def bench_reruns(rep: Report, size: str, db: Path, repeat: int) -> None:
    """Every page × typical filter; the filter changes between consecutive runs of a page."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        n = con.execute("SELECT count(*) FROM initiatives").fetchone()[0]
        filters = pages.typical_filters(con)
        runs = {p: pages.rerun(p) for p in pages.PAGE_QUERIES}
        times: dict[tuple[str, str], list[float]] = {(p, f): [] for p in runs for f in filters}
        for r in range(repeat + 1):  # round 0 warms DuckDB's buffers; not measured
            for fname, flt in filters.items():
                for page, run in runs.items():
                    t = timed(lambda: run(con, flt))
                    if r:
                        times[(page, fname)].append(t)
        for (page, fname), ts in times.items():
            rep.emit(bench="rerun", size=size, initiatives=n, page=page, filter=fname, **summary(ts))
    finally:
        con.close()


def bench_pandas(rep: Report, size: str, db: Path, repeat: int) -> None:
    """DuckDB (the app's functions) against pandas for the same aggregations and filters."""
    from app import queries
    con = duckdb.connect(str(db), read_only=True)
    try:
        start = time.perf_counter()
        frames = pandas_ref.Frames(con)
        rep.emit(bench="pandas", size=size, what="load", ms=round((time.perf_counter() - start) * 1000, 1))
        filters = pages.typical_filters(con)
        for name, (pfn, keys) in pandas_ref.AGGREGATIONS.items():
            dfn = getattr(queries, name)
            for fname, flt in filters.items():
                same = pandas_ref.same_result(dfn(con, flt), pfn(frames, flt), keys)
                d = [timed(lambda: dfn(con, flt)) for _ in range(repeat)]
                p = [timed(lambda: pfn(frames, flt)) for _ in range(repeat)]
                ds, ps = summary(d), summary(p)
                rep.emit(bench="pandas", size=size, aggregation=name, filter=fname, same_result=same,
                         duckdb_median_ms=ds["median_ms"], duckdb_p95_ms=ds["p95_ms"],
                         pandas_median_ms=ps["median_ms"], pandas_p95_ms=ps["p95_ms"],
                         ratio=round(ps["median_ms"] / max(ds["median_ms"], 1e-3), 2))
    finally:
        con.close()


def bench_browser(rep: Report, size: str, db: Path, repeat: int) -> None:
    from bench import browser
    for row in browser.first_paints(db, list(pages.PAGE_QUERIES), repeat):
        rep.emit(bench="browser", size=size, **row)


# --------------------------------------------------------------------------- summary

def _fmt(ms: float | None) -> str:
    return "-" if ms is None else (f"{ms:,.0f}" if ms >= 10 else f"{ms:.1f}")


def page_figures(rep: Report, size: str) -> dict[str, dict]:
    """Per page: the slowest typical filter's median, and the p95 over all its reruns."""
    out = {}
    for page in pages.PAGE_QUERIES:
        rows = rep.find(bench="rerun", size=size, page=page)
        if rows:
            worst = max(rows, key=lambda r: r["median_ms"])
            out[page] = {"median_ms": worst["median_ms"], "filter": worst["filter"],
                         "p95_ms": max(r["p95_ms"] for r in rows)}
    return out


def print_table(rep: Report, sizes: list[str]) -> list[str]:
    """The human summary; returns the targets missed (empty when all met)."""
    missed = []
    print()
    print(f"# machine: {os.cpu_count()} cores, {platform.python_version()}, duckdb {duckdb.__version__}, "
          f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    floor, build, added = (rep.find(bench="etl", what=w) for w in ("floor", "build", "added"))
    if added:
        a = added[0]
        print(f"ETL built-in data ({a['initiatives']} initiatives): build {_fmt(build[0]['median_ms'])} ms, "
              f"floor {_fmt(floor[0]['median_ms'])} ms, added {_fmt(a['added_ms'])} ms "
              f"(target < {ETL_MAX_ADDED_MS}) ratio {a['ratio']}x  {'OK' if a['ok'] else 'MISSED'}")
        if not a["ok"]:
            missed.append("etl")
    figs = {s: page_figures(rep, s) for s in sizes}
    if any(figs.values()):
        print()
        head = "".join(f"{s:>22}" for s in sizes)
        print(f"{'rerun (slowest filter median / p95, ms)':<40}{head}   ratio")
        base = sizes[0]
        for page in pages.PAGE_QUERIES:
            cells = "".join(f"{_fmt(figs[s].get(page, {}).get('median_ms')):>13} / "
                            f"{_fmt(figs[s].get(page, {}).get('p95_ms')):>6}" for s in sizes)
            ratio = ""
            if len(sizes) > 1 and page in figs[base] and page in figs[sizes[-1]]:
                r = figs[sizes[-1]][page]["median_ms"] / figs[base][page]["median_ms"]
                ok = r <= RERUN_MAX_RATIO and figs[sizes[-1]][page]["median_ms"] < RERUN_MAX_MS
                ratio = f"{r:6.2f}x {'OK' if ok else 'MISSED'}"
                if not ok:
                    missed.append(f"rerun {page}")
            print(f"{page:<40}{cells}   {ratio}")
    for s in sizes:
        rows = rep.find(bench="pandas", size=s)
        rows = [r for r in rows if "aggregation" in r]
        if rows:
            d = sum(r["duckdb_median_ms"] for r in rows)
            p = sum(r["pandas_median_ms"] for r in rows)
            same = all(r["same_result"] for r in rows)
            load = rep.find(bench="pandas", size=s, what="load")[0]["ms"]
            ok = p / d >= PANDAS_MIN_RATIO
            print(f"pandas vs DuckDB at {s}: {len(rows)} aggregation×filter runs, DuckDB {_fmt(d)} ms, "
                  f"pandas {_fmt(p)} ms (+ load {_fmt(load)} ms once): {p / d:.1f}x, results equal: {same}")
            if s == sizes[-1] and len(sizes) > 1 and not ok:
                missed.append("pandas")
            if not same:
                missed.append(f"pandas results differ at {s}")
    for s in sizes:
        rows = rep.find(bench="browser", size=s)
        for r in rows:
            if "error" in r or r.get("pages_with_exception"):
                missed.append(f"browser {s} {r['page']}: {r.get('error') or 'the page showed an exception'}")
            if "error" in r:
                continue
            print(f"browser {s:>10} {r['page']:<24} first contentful paint {_fmt(r.get('fcp_median_ms'))} ms, "
                  f"page complete {_fmt(r.get('complete_median_ms'))} ms (cold {_fmt(r.get('complete_cold_ms'))})")
    print("targets: " + ("all met" if not missed else "MISSED " + ", ".join(missed)))
    return missed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="use this database as the 'builtin' size instead of building one")
    ap.add_argument("--sizes", default="builtin,1000000",
                    help="comma-separated: 'builtin' and/or numbers of synthetic initiatives")
    ap.add_argument("--repeat", type=int, default=5, help="measured repetitions (default 5)")
    ap.add_argument("--seed", type=int, default=7, help="seed of the synthetic databases")
    ap.add_argument("--browser", action="store_true", help="also time first paint in headless Chromium (slow)")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: etl,rerun,pandas")
    ap.add_argument("--workdir", help="where databases are written (default: a temporary folder)")
    ap.add_argument("--json", help="also write the JSON lines to this file")
    ap.add_argument("--reuse", action="store_true",
                    help="reuse synthetic databases already in --workdir (same size and seed)")
    args = ap.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    bad = [s for s in sizes if s != "builtin" and not s.isdigit()]
    if bad or not sizes or args.repeat < 1:
        print(f"error: --sizes takes 'builtin' and numbers, --repeat at least 1 (got {args.sizes!r})",
              file=sys.stderr)
        return 2
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    rep = Report(args.json)
    with tempfile.TemporaryDirectory(prefix="savings-bench-") as tmp:
        workdir = Path(args.workdir or tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        builtin = Path(args.db) if args.db else None
        if "etl" not in skip:
            built = bench_etl(rep, args.repeat, workdir)
            builtin = builtin or built
        elif "builtin" in sizes and builtin is None:
            builtin = workdir / "builtin.duckdb"
            _run_ok([sys.executable, "-m", "etl", "build", "--db", str(builtin)])
        for size in sizes:
            db = database_for(size, builtin, workdir, args.seed, rep, args.reuse)
            if db is None:
                rep.emit(bench="rerun", size=size, error="no database (the ETL build failed; pass --db)")
                continue
            if "rerun" not in skip:
                bench_reruns(rep, size, db, args.repeat)
            if "pandas" not in skip:
                bench_pandas(rep, size, db, args.repeat)
            if args.browser:
                bench_browser(rep, size, db, args.repeat)
        print_table(rep, sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
