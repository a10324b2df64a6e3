"""The dashboard's read-only DuckDB database: one instance per database file, a cursor per script thread.

**Concurrency.** A DuckDB connection object runs one statement at a time, and DuckDB 2.0 does not
make a second thread wait for it: the second call fails ("Resource In Use Error: connection is
busy with another call"). The file is opened once per process (one buffer pool, one set of worker
threads); every thread that runs a script gets its own cursor — a DuckDB connection to that same
instance. WHY per thread and not per session: Streamlit's fast reruns (``runner.fastReruns``, on
by default) start a *new* script thread for a filter change or a page switch while the session's
previous run may still be inside a query, so one session can have two threads in DuckDB at once
(bench/load.py saw the error with a single user clicking on before a page had settled, when the
cursor was kept per session). A script thread runs one script at a time, and its cursor goes with
it when the thread ends. Queries of different sessions and runs therefore run side by side;
DuckDB releases the GIL while it works. A cursor costs ~0.2 ms to make and a little memory
(bench/load.py measures the server's memory per session).

**A rebuilt file.** ``python -m etl build`` writes a new file and renames it over the old one;
the open instance keeps reading the old inode. Each run compares the file's identity (inode,
mtime, size) with the one the instance was opened on. When it changed, the new file is opened
*beside* the old one — DuckDB keeps one instance per path in a process, so it is opened through
a temporary hard link, a different path to the new inode — and every session moves to it on its
next run. Queries still running on the old instance finish undisturbed; the old instance is
closed :data:`RETIRE_AFTER_S` later. Where no link can be made (a read-only folder), the old
instance is closed first, as a restart would: a query running at that moment fails once and the
page says so (the session reruns on the new file)."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import duckdb
import streamlit as st

DEFAULT_DB = "data/savings.duckdb"
#: Seconds an instance of a replaced file stays open for the queries still running on it.
RETIRE_AFTER_S = 120.0


def db_path() -> str:
    return os.environ.get("SAVINGS_DB", DEFAULT_DB)


def file_identity(path: str) -> tuple[int, int, int] | None:
    """(inode, mtime in ns, size), or None when the file is missing."""
    try:
        s = os.stat(path)
    except OSError:
        return None
    return (s.st_ino, s.st_mtime_ns, s.st_size)


def _open_beside(path: str, ident: tuple) -> duckdb.DuckDBPyConnection | None:
    """Open the file now at ``path`` through a hard link of its own (a path DuckDB has no instance
    for), then drop the link: DuckDB keeps its file handle. None when no link can be made."""
    link = Path(path).with_name(f".{Path(path).name}.open-{ident[0]}-{ident[1]}-{os.getpid()}")
    try:
        os.link(path, link)
    except OSError:
        return None
    try:
        return duckdb.connect(str(link), read_only=True)
    finally:
        link.unlink(missing_ok=True)


class _Handle:
    """The instance of one database path, reopened when the file is replaced."""

    def __init__(self, path: str):
        self.path = path
        self.lock = threading.Lock()
        self.con: duckdb.DuckDBPyConnection | None = None
        self.identity: tuple | None = None
        self.retired: list[tuple[float, duckdb.DuckDBPyConnection]] = []

    def connection(self) -> tuple[duckdb.DuckDBPyConnection | None, tuple | None]:
        ident = file_identity(self.path)
        with self.lock:
            self._close_retired()
            if ident != self.identity or self.con is None:
                old, self.con = self.con, None
                if old is not None and ident is not None:
                    self.con = _open_beside(self.path, ident)
                    if self.con is not None:
                        self.retired.append((time.monotonic() + RETIRE_AFTER_S, old))
                        old = None
                if old is not None:  # no link possible, or the file is gone: close first
                    old.close()  # closes the sessions' cursors on it too; they take new ones
                self.identity = ident
                if ident is not None and self.con is None:
                    self.con = duckdb.connect(self.path, read_only=True)
            return self.con, self.identity

    def _close_retired(self) -> None:
        now = time.monotonic()
        for _, con in [r for r in self.retired if r[0] <= now]:
            con.close()
        self.retired = [r for r in self.retired if r[0] > now]


@st.cache_resource(show_spinner=False)
def _handle(path: str) -> _Handle:
    return _Handle(path)


class DatabaseMissing(Exception):
    pass


#: This thread's cursors: {(path, file identity): cursor} (the current file of each path only).
_local = threading.local()


def cursor() -> tuple[duckdb.DuckDBPyConnection, tuple]:
    """This script thread's cursor and the identity of the file it reads.

    Raises DatabaseMissing when the file does not exist (the page explains how to build it);
    duckdb errors (a corrupt or locked file) propagate for the page to show. When the file was
    replaced since this session's last run, the session is told (``_db_reloaded``: a toast)."""
    path = str(Path(db_path()))
    handle = _handle(path)
    con, ident = handle.connection()
    if con is None or ident is None:
        raise DatabaseMissing(path)
    key = (path, ident)
    cursors: dict = _local.__dict__.setdefault("cursors", {})
    cur = cursors.get(key)
    if cur is None:
        for old in [k for k in cursors if k[0] == path]:  # a cursor on the replaced file's instance
            try:
                cursors.pop(old).close()
            except duckdb.Error:
                pass
        cur = cursors[key] = con.cursor()
    seen = st.session_state.get("_db_file")
    if seen is not None and seen != key and seen[0] == path:
        st.session_state["_db_reloaded"] = True
    st.session_state["_db_file"] = key
    return cur, ident
