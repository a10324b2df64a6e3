"""The dashboard's one read-only DuckDB connection, and a cursor per session.

``python -m etl build`` writes a new file and renames it over the old one, so
the open connection keeps reading the old inode. Each rerun compares the file's
identity (inode, mtime, size) with the one the connection was opened on and
reopens when it changed — no server restart after a rebuild. DuckDB shares one
database instance per path inside a process, so the old connection must be
closed *before* the new one is opened, or the new one would see the old data."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb
import streamlit as st

DEFAULT_DB = "data/savings.duckdb"


def db_path() -> str:
    return os.environ.get("SAVINGS_DB", DEFAULT_DB)


def file_identity(path: str) -> tuple[int, int, int] | None:
    """(inode, mtime in ns, size), or None when the file is missing."""
    try:
        s = os.stat(path)
    except OSError:
        return None
    return (s.st_ino, s.st_mtime_ns, s.st_size)


class _Handle:
    """One connection per database path, reopened when the file is replaced."""

    def __init__(self, path: str):
        self.path = path
        self.lock = threading.Lock()
        self.con: duckdb.DuckDBPyConnection | None = None
        self.identity: tuple | None = None

    def connection(self) -> tuple[duckdb.DuckDBPyConnection | None, tuple | None]:
        ident = file_identity(self.path)
        with self.lock:
            if ident != self.identity or self.con is None:
                if self.con is not None:
                    self.con.close()  # closes other sessions' cursors too; they reopen on their next run
                    self.con = None
                self.identity = ident
                if ident is not None:
                    self.con = duckdb.connect(self.path, read_only=True)
            return self.con, self.identity


@st.cache_resource(show_spinner=False)
def _handle(path: str) -> _Handle:
    return _Handle(path)


class DatabaseMissing(Exception):
    pass


def cursor() -> tuple[duckdb.DuckDBPyConnection, tuple]:
    """This session's cursor and the identity of the file it reads.

    Raises DatabaseMissing when the file does not exist (the page explains how to build it);
    duckdb errors (a corrupt or locked file) propagate for the page to show."""
    path = str(Path(db_path()))
    handle = _handle(path)
    con, ident = handle.connection()
    if con is None or ident is None:
        raise DatabaseMissing(path)
    cached = st.session_state.get("_db_cursor")
    if cached and cached[0] == (path, ident):
        return cached[1], ident
    if cached:
        try:
            cached[1].close()
        except duckdb.Error:
            pass
    cur = con.cursor()
    st.session_state["_db_cursor"] = ((path, ident), cur)
    if cached and cached[0][0] == path:
        st.session_state["_db_reloaded"] = True
    return cur, ident
