"""What the derived tables cost, statement by statement: ``python bench/derived.py DB [--repeat 2]``.

Copies DB (a built database: the refresh writes), rewrites every derived table as a build does
(etl.load.refresh_derived, one transaction, then CHECKPOINT), and prints the CPU and wall seconds
of each statement that took 20 ms or more, the total, and the 1-minute load average. CPU seconds
are the process's (DuckDB's threads included): on a shared machine, compare those. The numpy work
of the search index between two statements is counted in the total only."""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from etl import load  # noqa: E402


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class _Timed:
    """A connection that records (CPU s, wall s, statement) of every ``execute``."""

    def __init__(self, con) -> None:
        self.con = con
        self.log: list[tuple[float, float, str]] = []

    def execute(self, sql, *args, **kwargs):
        cpu, wall = _cpu(), time.perf_counter()
        result = self.con.execute(sql, *args, **kwargs)
        self.log.append((_cpu() - cpu, time.perf_counter() - wall, " ".join(sql.split())))
        return result

    def __getattr__(self, name):
        return getattr(self.con, name)


def measure(db: Path) -> tuple[list[tuple[float, float, str]], float, float]:
    with tempfile.TemporaryDirectory(prefix="bench-derived-") as tmp:
        copy = Path(tmp) / db.name
        shutil.copyfile(db, copy)
        with load.connect(copy) as con:
            timed = _Timed(con)
            cpu, wall = _cpu(), time.perf_counter()
            timed.execute("BEGIN")
            load.refresh_derived(timed)
            timed.execute("COMMIT")
            timed.execute("CHECKPOINT")
            return timed.log, _cpu() - cpu, time.perf_counter() - wall


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    for run in range(1, args.repeat + 1):
        log, cpu, wall = measure(Path(args.db))
        print(f"run {run}: {Path(args.db).name}, load {os.getloadavg()[0]:.1f}")
        print(f"{'CPU s':>7} {'wall s':>7}  statement")
        for c, w, sql in log:
            if c >= 0.02 or w >= 0.02:
                print(f"{c:7.2f} {w:7.2f}  {sql[:100]}")
        print(f"{cpu:7.2f} {wall:7.2f}  all derived tables and the checkpoint")
    return 0


if __name__ == "__main__":
    sys.exit(main())
