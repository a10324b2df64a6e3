"""What a change on the savings planner (/planner) costs on the server: ``python bench/planner.py
--db PATH [--repeat 5] [--plan-size 10]`` (a synthetic database: ``python bench/synth.py``).

Each change is made the way a shared link or a click makes it, as a new query string, and the
rerun of the real page (dashboard.py + app/pages/planner.py in Streamlit's AppTest) is timed:

- ``add``: one more initiative (a new one each time, never read before: a database lookup);
- ``remove``, ``start``, ``home``, ``target``, ``phase``, ``prudent``, ``prices``: the plan is
  re-computed from rows already read (the per-id store of app.cached.by_id), no table scan;
- ``filter``: a new sector filter narrows the candidate list (its query is a cache miss).

``open`` is the first run of a shared link in a new server process (every cache empty). The
database part of the ``add`` change (the one lookup) is timed directly beside it. Output: one
JSON line per measurement, then a table; the target is < 300 ms per change (issue 16).
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from bench.pages import switch_page  # noqa: E402
from bench.stats import summary, timed  # noqa: E402

TARGET_MS = 300
ENTRYPOINT = ROOT / "dashboard.py"


def sample_ids(con, n: int, skip: int = 0) -> list[str]:
    """``n`` initiatives with an expected amount, spread over the table, the same every run."""
    rows = con.execute("""SELECT initiative_id FROM initiatives WHERE expected_tkr IS NOT NULL
                          ORDER BY hash(initiative_id), initiative_id LIMIT ? OFFSET ?""", [n, skip]).fetchall()
    return [r[0] for r in rows]


def clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


class PlannerSession:
    """One browser-less session showing /planner with the query string ``params``."""

    def __init__(self, db: Path, params: dict):
        from streamlit.testing.v1 import AppTest
        os.environ["SAVINGS_DB"] = str(db)
        self.at = AppTest.from_file(str(ENTRYPOINT), default_timeout=600)
        self.at.query_params = params
        self.at.run()
        switch_page(self.at, "/planner").run()
        self.check()

    def check(self) -> None:
        if self.at.exception:
            raise RuntimeError(f"/planner raised: {self.at.exception[0].value}")

    def rerun(self, params: dict) -> tuple[float, float]:
        """(wall seconds, CPU seconds of this process: every thread, DuckDB's included) of one rerun.
        On a machine shared with other work the CPU time is the steadier figure."""
        self.at.query_params = params
        cpu = time.process_time()
        seconds = timed(self.at.run)
        cpu = time.process_time() - cpu
        self.check()
        return seconds, cpu


def changes(base: dict, fresh: list[str], sector: str) -> dict[str, list[dict]]:
    """Per kind of change, the successive query strings (each differs from the one before)."""
    plan = list(base["plan"])
    out: dict[str, list[dict]] = {
        "add": [dict(base, plan=plan + [iid]) for iid in fresh],
        "remove": [dict(base, plan=plan[:k] + plan[k + 1:]) for k in range(len(fresh))],
        "start": [dict(base, start=str(2027 + k)) for k in range(1, len(fresh) + 1)],
        "home": [dict(base, home=h) for h in ("Aarhus", "Odense", "Vejle", "Herning", "Gentofte", "Viborg",
                                              "Holbæk", "Faxe", "Skive", "Varde")[:len(fresh)]],
        "target": [dict(base, target=f"2027:{5000 + k},2028:{10000 + k}") for k in range(len(fresh))],
        "phase": [dict(base, phase=f"{plan[0]}:{10 + k}/50/100/100") for k in range(len(fresh))],
        "prudent": [dict(base, prudent="0" if k % 2 == 0 else "1") for k in range(len(fresh))],
        "prices": [dict(base, prices=str(2025 - k)) for k in range(len(fresh))],
        "filter": [dict(base, sector=sector, year_from=str(2015 + k)) for k in range(len(fresh))],
    }
    return out


def run(db: Path, repeat: int, plan_size: int) -> list[dict]:
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    con = duckdb.connect(str(db), read_only=True)
    n = con.execute("SELECT count(*) FROM initiatives").fetchone()[0]
    ids = sample_ids(con, plan_size + 2 * repeat + 2)
    plan, fresh = ids[:plan_size], ids[plan_size:]
    sector = con.execute("SELECT sector FROM initiative_sectors WHERE sector IS NOT NULL GROUP BY 1 "
                         "ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
    base = {"plan": plan, "start": "2027", "home": "Odense", "target": "2027:5000,2028:10000", "prices": "2024",
            "prudent": "1"}
    rows = []

    def emit(**row) -> None:
        row = {"bench": "planner", "initiatives": n, "plan_size": plan_size, **row,
               "load_1min": round(os.getloadavg()[0], 1), "cpus": os.cpu_count()}
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)

    clear_caches()
    start = time.perf_counter()
    session = PlannerSession(db, base)
    emit(change="open", ms=round((time.perf_counter() - start) * 1000, 1))
    session.rerun(base)  # warm the imports and DuckDB's buffers; not measured
    from app.planner import data

    for kind, urls in changes(base, fresh[repeat:repeat * 2 + 1], sector).items():
        times, cpu = [], []
        for url in urls[:repeat]:
            wall, used = session.rerun(url)
            times.append(wall)
            cpu.append(used)
            session.rerun(base)  # back to the plan, so every change starts from the same state
        extra = {}
        if kind == "add":
            extra["db_lookup_ms"] = summary([timed(lambda i=i: data.plan_initiatives(con, (i,)))
                                             for i in fresh[:repeat]])["median_ms"]
        emit(change=kind, **summary(times), cpu_median_ms=summary(cpu)["median_ms"], **extra)
    con.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="the database (e.g. from bench/synth.py)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--plan-size", type=int, default=10)
    args = ap.parse_args(argv)
    rows = run(Path(args.db), args.repeat, args.plan_size)
    print()
    print(f"/planner at {rows[0]['initiatives']:,} initiatives, plan of {args.plan_size}: server-side rerun "
          f"per change, median [p95] ms of wall time, median CPU ms (target < {TARGET_MS} wall); "
          f"machine load {rows[-1]['load_1min']} on {rows[-1]['cpus']} cores")
    missed = []
    for r in rows:
        if r["change"] == "open":
            print(f"  {'open (all caches empty)':<26}{r['ms']:>8,.0f}")
            continue
        ok = r["median_ms"] < TARGET_MS
        missed += [] if ok else [r["change"]]
        db_part = f"  (database lookup {r['db_lookup_ms']:,.0f})" if "db_lookup_ms" in r else ""
        print(f"  {r['change']:<26}{r['median_ms']:>8,.0f} [{r['p95_ms']:,.0f}]  CPU {r['cpu_median_ms']:>6,.0f}  "
              f"{'OK' if ok else 'MISSED'}{db_part}")
    print("targets: " + ("all met" if not missed else "MISSED " + ", ".join(missed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
