"""``bench/load.py --cursors N``: N threads asking the overview's queries on one shared DuckDB cursor
against a cursor each (why app/db.py gives each script thread its own)."""
from __future__ import annotations

import statistics
import time
from pathlib import Path

import duckdb

from bench.users import load_1min


def cursor_concurrency(db: Path, threads: int, rounds: int = 3) -> dict:
    """Wall time of ``threads`` threads each asking the overview's queries (resolved filters, as
    the app asks them) once, on one shared DuckDB cursor against one cursor per thread (app/db.py
    gives each script thread its own). A shared cursor runs one statement at a time: DuckDB 2.0
    refuses a second caller ("connection is busy") rather than making it wait, so the shared case
    takes a lock around each statement — what sessions sharing one cursor would have to do. A
    thread that fails is counted (``errors``), never silently faster."""
    import threading

    from app import queries
    from app.filter_sql import resolve
    from app.filters import Filters
    from etl import search_index

    con = duckdb.connect(str(db), read_only=True)
    indexed = search_index.usable(con)
    work = [Filters(sector=(s,)) for s in ("skole", "social", "administration", "dagtilbud")]
    overview = (queries.kpis, queries.gains_by_year, queries.staircase, queries.by_sector)
    errors: list[str] = []

    class Serialised:
        """A cursor shared by all threads, one statement at a time (the lock held while the
        statement runs and its result is fetched)."""

        def __init__(self, cur):
            self.cur, self.lock = cur, threading.Lock()

        def execute(self, sql, params=None):
            with self.lock:
                return _Fetched(self.cur.execute(sql, params or []))

    def user(cur, f):
        try:
            sel = resolve(cur, f, indexed)
            for q in overview:
                q(cur, sel)
        except Exception as exc:  # counted in the result, not a traceback on stderr
            errors.append(f"{type(exc).__name__}: {exc}")

    def wall(shared: bool) -> float:
        cursors = [con.cursor() for _ in range(threads)]
        one = Serialised(con.cursor())
        ts = [threading.Thread(target=user, args=(one if shared else cursors[i], work[i % len(work)]))
              for i in range(threads)]
        start = time.perf_counter()
        for th in ts:
            th.start()
        for th in ts:
            th.join()
        for c in cursors + [one.cur]:
            c.close()
        return time.perf_counter() - start

    wall(False)  # warm the buffers
    shared = statistics.median(wall(True) for _ in range(rounds))
    own = statistics.median(wall(False) for _ in range(rounds))
    con.close()
    return {"bench": "cursors", "threads": threads, "shared_cursor_ms": round(shared * 1000),
            "cursor_per_thread_ms": round(own * 1000), "errors": len(errors), "error_examples": errors[:3],
            "load_1min": round(load_1min(), 2)}


class _Fetched:
    """A statement's result, fetched while the shared cursor's lock was held (the app's queries
    call ``.df()``, ``.fetchone()``, ``.fetchall()`` or ``.fetchnumpy()`` on what ``execute``
    returns)."""

    def __init__(self, res):
        self._df = res.df()

    def df(self):
        return self._df

    def fetchone(self):
        return tuple(self._df.iloc[0]) if len(self._df) else None

    def fetchall(self):
        return [tuple(r) for r in self._df.itertuples(index=False)]

    def fetchnumpy(self):
        return {c: self._df[c].to_numpy() for c in self._df.columns}
