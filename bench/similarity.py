"""What computing ``initiative_similar`` costs (etl/similarity.py), per database size:
``python bench/similarity.py DB [DB …] [--repeat 3]`` (e.g. the built-in build and synthetic ones
from bench/synth.py). Each database is copied first (the refresh writes), then refreshed
``--repeat`` times; prints one JSON line per database (median seconds, rows written, postings,
and the pair products the join had to form, Σ over terms of p_t², the figure the cost grows with)
and the machine's load, then a table."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from etl import similarity, text_pieces  # noqa: E402


def measure(db: Path, repeat: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-similarity-") as tmp:
        copy = Path(tmp) / db.name
        shutil.copyfile(db, copy)
        con = duckdb.connect(str(copy))
        try:
            n = con.execute("SELECT count(*) FROM initiatives").fetchone()[0]
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                rows = similarity.refresh(con)
                times.append(time.perf_counter() - start)
            pieces = text_pieces.cut(con)
            con.execute(f"CREATE TEMP TABLE tf AS {similarity.tf_sql(pieces)}", {"stopwords": similarity.STOPWORDS})
            terms, = con.execute("SELECT count(DISTINCT term) FROM tf").fetchone()
            covered, = con.execute("SELECT count(DISTINCT initiative_id) FROM initiative_similar").fetchone()
        finally:
            con.close()
    return {"bench": "similarity", "db": db.name, "initiatives": n, "median_s": round(statistics.median(times), 2),
            "min_s": round(min(times), 2), "rows": rows, "with_similar": covered, "distinct_terms": terms,
            "load_1min": round(os.getloadavg()[0], 1), "cpus": os.cpu_count()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dbs", nargs="+")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    results = []
    for db in args.dbs:
        r = measure(Path(db), args.repeat)
        results.append(r)
        print(json.dumps(r, ensure_ascii=False), flush=True)
    print()
    print(f"similarity refresh (machine load {results[-1]['load_1min']} on {results[-1]['cpus']} cores)")
    for r in results:
        print(f"  {r['initiatives']:>10,} initiatives: {r['median_s']:>7.2f} s  ({r['rows']:,} rows, "
              f"{r['with_similar']:,} initiatives with similar ones, {r['distinct_terms']:,} terms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
