"""Benchmarks of the ETL and the dashboard: ``python bench/run.py [--sizes builtin,1000000]``.

Measures, each repeated (median and p95 reported):

1. ``etl``: ``python -m etl build`` of the built-in data against its floor, the
   interpreter start plus the imports of the ETL modules (both as subprocesses,
   so the difference is what the ETL itself costs);
2. ``rerun``: per dashboard page and typical filter, the server-side time of a
   rerun after a filter change: the real page script in Streamlit's AppTest,
   the filter in its query string, query cache cleared (a new filter is a
   cache miss); beside it the database part, the queries that rerun asked for
   timed directly (see bench/pages.py);
3. ``pandas``: the same aggregations in pandas on DataFrames loaded once from
   the database, against the app's DuckDB functions (results checked equal);
4. ``browser`` (``--browser``): each page in headless Chromium against a real
   ``streamlit run`` server: first paint, a filter via the URL and one via the
   sidebar, no exception on the page or in the server log (bench/browser.py).

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

from bench import pages, pandas_ref, synth  # noqa: E402
from bench.stats import summary, timed  # noqa: E402

#: Targets of issue 7 (docs/performance.md).
RERUN_MAX_MS = 300
RERUN_MAX_RATIO = 2.0
ETL_MAX_ADDED_MS = 2000
PANDAS_MIN_RATIO = 5.0
FLOOR_CODE = "import etl.cli, etl.formats; etl.formats.names()"


class Report:
    """Collects results; prints each as a JSON line (and to ``--json`` if given)."""

    def __init__(self, json_path: str | None):
        self.rows: list[dict] = []
        self.fh = open(json_path, "w", encoding="utf-8") if json_path else None  # noqa: SIM115 (the report's life)

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


def load_1min() -> float | None:
    """The machine's 1-minute load average (None where the OS has none): printed with every figure,
    since on a shared machine the timings stretch with it."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


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
        rep.emit(bench="synth", size=size, reused=str(db), **derived_missing(db))
        return db
    start = time.perf_counter()
    counts = synth.write(db, n, seed)
    rep.emit(bench="synth", size=size, seconds=round(time.perf_counter() - start, 2), **counts)
    return db


def derived_missing(db: Path) -> dict:
    """``{"missing": [...]}`` naming the derived tables a reused file lacks (written by an older
    ``bench/synth.py``): the pages then read the facets, slower; ``bench/synth.py --upgrade --db
    FILE`` writes them in place. Also said on stderr."""
    from app import queries
    from etl import search_index
    con = duckdb.connect(str(db), read_only=True)
    try:
        missing = [name for name, ok in (("title index", search_index.titles_usable(con)),
                                         ("initiative_evr_points", queries.evr_points_usable(con))) if not ok]
    finally:
        con.close()
    if missing:
        print(f"warning: {db} has no {', no '.join(missing)}: the pages read the facets instead (slower); "
              f"python bench/synth.py --upgrade --db {db} writes them", file=sys.stderr)
        return {"missing": missing}
    return {}


def bench_reruns(rep: Report, size: str, db: Path, repeat: int, only: set[str] | None = None) -> None:
    """Every page × typical filter: the AppTest rerun and its database part, per filter change."""
    import logging
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest's bare-mode warnings
    con = duckdb.connect(str(db), read_only=True)
    try:
        n = con.execute("SELECT count(*) FROM initiatives").fetchone()[0]
        typical = {k: v for k, v in pages.typical_filters(con).items() if not only or k in only}
        for path in pages.PAGES:
            filters = pages.for_page(typical, path)  # the text search of this page (like for like)
            start = time.perf_counter()
            session = pages.PageSession(db, path)
            rep.emit(bench="open", size=size, page=path, ms=round((time.perf_counter() - start) * 1000, 1))
            rerun: dict[str, list[float]] = {f: [] for f in filters}
            cpu: dict[str, list[float]] = {f: [] for f in filters}
            dbt: dict[str, list[float]] = {f: [] for f in filters}
            asked: dict[str, list] = {}
            for r in range(repeat + 1):  # round 0 warms DuckDB's buffers and the imports; not measured
                for fname, flt in filters.items():
                    used = time.process_time()
                    seconds, calls = session.rerun(flt)
                    used = time.process_time() - used
                    if r:
                        rerun[fname].append(seconds)
                        cpu[fname].append(used)
                        dbt[fname].append(pages.query_time(con, flt, calls))
                        asked[fname] = sorted({q.__name__ for q, _ in calls})
            for fname in filters:
                d = summary(dbt[fname])
                extra = {"q": filters[fname].q} if filters[fname].q else {}
                if path in pages.PAGE_TEXT_WORD:  # what the page draws: initiatives with both figures
                    extra["both_figures"] = pages.both_figures(con, filters[fname])
                rep.emit(bench="rerun", size=size, initiatives=n, page=path, filter=fname,
                         **summary(rerun[fname]), db_median_ms=d["median_ms"], db_p95_ms=d["p95_ms"],
                         cpu_median_ms=summary(cpu[fname])["median_ms"],
                         queries=asked[fname], load_1min=load_1min(), **extra)
    finally:
        con.close()


def bench_pandas(rep: Report, size: str, db: Path, repeat: int) -> None:
    """DuckDB (the app's functions) against pandas for the same aggregations and filters."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        start = time.perf_counter()
        frames = pandas_ref.Frames(con)
        rep.emit(bench="pandas", size=size, what="load", ms=round((time.perf_counter() - start) * 1000, 1))
        filters = pages.typical_filters(con)
        for dfn, pfn, keys in pandas_ref.AGGREGATIONS:
            name = dfn.__name__
            for fname, flt in filters.items():
                same = pandas_ref.same_result(dfn(con, flt), pfn(frames, flt), keys)
                d = [timed(lambda dfn=dfn, flt=flt: dfn(con, flt)) for _ in range(repeat)]
                p = [timed(lambda pfn=pfn, flt=flt: pfn(frames, flt)) for _ in range(repeat)]
                ds, ps = summary(d), summary(p)
                rep.emit(bench="pandas", size=size, aggregation=name, filter=fname, same_result=same,
                         duckdb_median_ms=ds["median_ms"], duckdb_p95_ms=ds["p95_ms"],
                         pandas_median_ms=ps["median_ms"], pandas_p95_ms=ps["p95_ms"],
                         ratio=round(ps["median_ms"] / max(ds["median_ms"], 1e-3), 2))
    finally:
        con.close()


def browser_filter(db: Path) -> dict[str, str]:
    """The shared-link filter of the browser run: schools (the issue's example), else the most
    used sector, adopted, from 2020."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        used = {r[0] for r in con.execute("SELECT DISTINCT sector FROM initiative_sectors "
                                          "WHERE sector IS NOT NULL").fetchall()}
        sector = "skole" if "skole" in used or not used else pages.typical_filters(con)["sector"].sector[0]
    finally:
        con.close()
    return {"sector": sector, "adopted": "ja", "year_from": "2020"}


def bench_browser(rep: Report, size: str, db: Path, repeat: int, screenshots: Path | None) -> None:
    from bench import browser
    shots = screenshots / size if screenshots else None
    try:
        rows = browser.first_paints(db, list(pages.PAGES), repeat, url_filter=browser_filter(db),
                                    screenshots=shots)
    except Exception as exc:  # a server that does not start, a page that never completes
        rows = [{"page": "*", "error": f"{type(exc).__name__}: {str(exc).splitlines()[0]}"}]
    for row in rows:
        rep.emit(bench="browser", size=size, **row)


# --------------------------------------------------------------------------- summary

def _fmt(ms: float | None) -> str:
    return "-" if ms is None else (f"{ms:,.0f}" if ms >= 10 else f"{ms:.1f}")


def _fmt_load(x: float | None) -> str:
    return "-" if x is None else f"{x:.1f}"


def page_figures(rep: Report, size: str) -> dict[str, dict]:
    """Per page: the slowest typical filter's median rerun (and that filter's database part), and
    the p95 over all its reruns."""
    out = {}
    for page in pages.PAGES:
        rows = rep.find(bench="rerun", size=size, page=page)
        if rows:
            worst = max(rows, key=lambda r: r["median_ms"])
            out[page] = {"median_ms": worst["median_ms"], "filter": worst["filter"],
                         "db_median_ms": worst["db_median_ms"], "p95_ms": max(r["p95_ms"] for r in rows)}
    return out


#: The filters issue 17's targets name: each page within RERUN_MAX_RATIO of its built-in time and
#: under RERUN_MAX_MS, for these (bench.pages.typical_filters).
RATIO_FILTERS = ("sector", "text")


def print_filter_ratios(rep: Report, sizes: list[str]) -> list[str]:
    """Every page × (sector filter, text search): median rerun (database part) at each size and the
    ratio of the largest size to the first, same filter; returns the targets missed. Beside it the
    ratio of the CPU time the process spent on those reruns (all threads, DuckDB's included): on a
    shared machine the wall time stretches with the load average (printed per size), CPU time
    much less."""
    missed: list[str] = []
    if len(sizes) < 2:
        return missed
    base, last = sizes[0], sizes[-1]
    print()
    print(f"rerun per page and filter, median ms (database part); ratio {last} / {base}, target "
          f"<= {RERUN_MAX_RATIO}x and < {RERUN_MAX_MS} ms")
    print(f"{'page':<24}{'filter':<8}" + "".join(f"{s:>18}" for s in sizes)
          + "   ratio          CPU ms " + ", ".join(sizes) + " (ratio)   load 1 min " + ", ".join(sizes))
    for page in pages.PAGES:
        for fname in RATIO_FILTERS:
            got = {s: rep.find(bench="rerun", size=s, page=page, filter=fname) for s in sizes}
            if not all(got.values()):
                continue
            cells = "".join(f"{_fmt(got[s][0]['median_ms']) + ' (' + _fmt(got[s][0]['db_median_ms']) + ')':>18}"
                            for s in sizes)
            r = got[last][0]["median_ms"] / got[base][0]["median_ms"]
            ok_ratio, ok_abs = r <= RERUN_MAX_RATIO, got[last][0]["median_ms"] < RERUN_MAX_MS
            if not ok_ratio:
                missed.append(f"ratio {page} {fname}")
            if not ok_abs:
                missed.append(f"{RERUN_MAX_MS} ms {page} {fname}")
            loads = ", ".join(_fmt_load(got[s][0].get("load_1min")) for s in sizes)
            cpus = [got[s][0].get("cpu_median_ms") for s in sizes]
            cpu = ("-" if None in cpus else ", ".join(_fmt(c) for c in cpus)
                   + f" ({cpus[-1] / max(cpus[0], 1e-3):.2f}x)")
            note = ""
            if fname == "text" and any(got[s][0].get("q") != pages.TEXT_WORD for s in sizes):
                note = f"   q={got[last][0].get('q')}"
            if any("both_figures" in got[s][0] for s in sizes):
                note += ", with both figures: " + ", ".join(f"{got[s][0].get('both_figures', '-'):,}" for s in sizes)
            print(f"{page:<24}{fname:<8}{cells}   {r:5.2f}x  {'OK' if ok_ratio and ok_abs else 'MISSED':<6}  "
                  f"{cpu:>24}   {loads}{note}")
    return missed


def print_table(rep: Report, sizes: list[str]) -> list[str]:
    """The human summary; returns the targets missed (empty when all met)."""
    missed = []
    print()
    print(f"# machine: {os.cpu_count()} cores, {platform.python_version()}, duckdb {duckdb.__version__}, "
          f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, load average (1 min) now {_fmt_load(load_1min())}")
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
        print("rerun after a filter change, server side (AppTest), slowest typical filter: "
              "median ms (database part) [p95 over all filters]")
        print(f"{'page':<24}" + "".join(f"{s:>36}" for s in sizes) + "   ratio")
        base, last = sizes[0], sizes[-1]
        for page in pages.PAGES:
            cells = ""
            for s in sizes:
                g = figs[s].get(page)
                cell = (f"{_fmt(g['median_ms'])} ({_fmt(g['db_median_ms'])}) [{_fmt(g['p95_ms'])}] {g['filter']}"
                        if g else "-")
                cells += f" {cell:>35}"
            ratio = ""
            if len(sizes) > 1 and page in figs[base] and page in figs[last]:
                r = figs[last][page]["median_ms"] / figs[base][page]["median_ms"]
                ok_ratio = r <= RERUN_MAX_RATIO
                ok_abs = figs[last][page]["median_ms"] < RERUN_MAX_MS
                ratio = (f"{r:5.2f}x  {'OK' if ok_ratio and ok_abs else 'MISSED'}"
                         + ("" if ok_ratio else f" (> {RERUN_MAX_RATIO}x)")
                         + ("" if ok_abs else f" (>= {RERUN_MAX_MS} ms)"))
                if not ok_ratio:
                    missed.append(f"rerun ratio {page}")
                if not ok_abs:
                    missed.append(f"rerun {RERUN_MAX_MS} ms {page}")
            print(f"{page:<24}{cells}   {ratio}")
        missed += print_filter_ratios(rep, sizes)
        for s in sizes:
            opens = rep.find(bench="open", size=s)
            if opens:
                print(f"first open of each page in a new session at {s} (cold query cache for that page): "
                      + ", ".join(f"{o['page']} {_fmt(o['ms'])}" for o in opens) + " ms")
    for s in sizes:
        rows = [r for r in rep.find(bench="pandas", size=s) if "aggregation" in r]
        if rows:
            d = sum(r["duckdb_median_ms"] for r in rows)
            p = sum(r["pandas_median_ms"] for r in rows)
            same = all(r["same_result"] for r in rows)
            load = rep.find(bench="pandas", size=s, what="load")[0]["ms"]
            worst = min(rows, key=lambda r: r["ratio"])
            ok = p / d >= PANDAS_MIN_RATIO
            print(f"pandas vs DuckDB at {s}: {len(rows)} aggregation×filter runs, DuckDB {_fmt(d)} ms, "
                  f"pandas {_fmt(p)} ms (+ load {_fmt(load)} ms once): {p / d:.1f}x "
                  f"(lowest single ratio {worst['ratio']}x: {worst['aggregation']}/{worst['filter']}), "
                  f"results equal: {same}")
            if s == sizes[-1] and len(sizes) > 1 and not ok:
                missed.append("pandas")
            if not same:
                missed.append(f"pandas results differ at {s}")
    for s in sizes:
        for r in rep.find(bench="browser", size=s):
            if "error" in r or r.get("pages_with_exception") or r.get("url_filter_kept") is False:
                missed.append(f"browser {s} {r['page']}: " + (r.get("error") or (
                    "the page showed an exception" if r.get("pages_with_exception") else "URL filter dropped")))
            if "error" in r:
                continue
            print(f"browser {s:>8} {r['page']:<22} first contentful paint {_fmt(r.get('fcp_median_ms'))} ms, "
                  f"complete {_fmt(r.get('complete_median_ms'))} ms (cold {_fmt(r.get('complete_cold_ms'))}), "
                  f"URL filter {_fmt(r.get('url_filter_ms'))} ms, sidebar filter {_fmt(r.get('widget_filter_ms'))} ms, "
                  f"exceptions {r.get('pages_with_exception')}")
    print("targets: " + ("all met" if not missed else "MISSED " + ", ".join(missed)))
    return missed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="use this database as the 'builtin' size instead of building one")
    ap.add_argument("--sizes", default="builtin,1000000",
                    help="comma-separated: 'builtin' and/or numbers of synthetic initiatives")
    ap.add_argument("--repeat", type=int, default=5, help="measured repetitions (default 5)")
    ap.add_argument("--seed", type=int, default=7, help="seed of the synthetic databases")
    ap.add_argument("--browser", action="store_true",
                    help="also open and filter every page in headless Chromium (slow)")
    ap.add_argument("--screenshots", help="with --browser: a folder for one PNG per page and size")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: etl,rerun,pandas")
    ap.add_argument("--filters", default="",
                    help="comma-separated typical filters to time the reruns with (default: all nine)")
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
    only = {s.strip() for s in args.filters.split(",") if s.strip()} or None
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
                bench_reruns(rep, size, db, args.repeat, only)
            if "pandas" not in skip:
                bench_pandas(rep, size, db, args.repeat)
            if args.browser:
                bench_browser(rep, size, db, args.repeat, Path(args.screenshots) if args.screenshots else None)
        print_table(rep, sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
