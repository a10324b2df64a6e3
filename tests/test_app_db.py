"""The dashboard's database handle (app/db.py): a rebuilt file is opened beside the old one, and
queries still running on the old one are not cut off."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from app import db
from tests.appdb import INITIATIVES, build


def _count(con) -> int:
    return con.execute("SELECT count(*) FROM initiatives").fetchone()[0]


def _rebuild_with_one_fewer(tmp_path, live):
    new = tmp_path / "second.duckdb"
    build(new)
    with duckdb.connect(str(new)) as con:
        con.execute("DELETE FROM initiatives WHERE initiative_id = 'i01'")
    new.replace(live)


@pytest.fixture()
def live(tmp_path):
    path = tmp_path / "live.duckdb"
    shutil.copy(build(tmp_path / "first.duckdb"), path)
    return path


def test_replaced_file_is_opened_beside_the_old_one(tmp_path, live, monkeypatch):
    handle = db._Handle(str(live))
    con, ident = handle.connection()
    old_cursor = con.cursor()  # a session in the middle of a run
    assert _count(old_cursor) == len(INITIATIVES)
    assert handle.connection() == (con, ident)  # same file: same instance

    _rebuild_with_one_fewer(tmp_path, live)
    new, new_ident = handle.connection()
    assert new_ident != ident
    assert _count(new.cursor()) == len(INITIATIVES) - 1
    assert _count(old_cursor) == len(INITIATIVES)  # the running session is not cut off
    assert not list(tmp_path.glob(".live.duckdb.open-*"))  # the temporary link is gone

    monkeypatch.setattr(db, "RETIRE_AFTER_S", 0.0)
    handle.retired = [(0.0, c) for _, c in handle.retired]
    handle.connection()
    assert handle.retired == []
    with pytest.raises(duckdb.Error):  # retired: closed with its cursors
        _count(old_cursor)


def test_without_a_link_the_old_instance_is_closed_first(tmp_path, live, monkeypatch):
    def no_link(*_):
        raise PermissionError("read-only folder")

    monkeypatch.setattr(db.os, "link", no_link)
    handle = db._Handle(str(live))
    con, _ = handle.connection()
    old_cursor = con.cursor()
    _rebuild_with_one_fewer(tmp_path, live)
    new, _ = handle.connection()
    assert _count(new.cursor()) == len(INITIATIVES) - 1
    with pytest.raises(duckdb.Error):
        _count(old_cursor)


def test_missing_file_gives_no_connection(tmp_path):
    handle = db._Handle(str(tmp_path / "nope.duckdb"))
    assert handle.connection() == (None, None)


def test_each_script_thread_has_its_own_cursor(live, monkeypatch):
    # Streamlit's fast reruns start a new script thread while the session's previous run may still
    # be in a query: a cursor shared by the two fails ("connection is busy with another call").
    import threading

    monkeypatch.setenv("SAVINGS_DB", str(live))
    mine, ident = db.cursor()
    assert db.cursor() == (mine, ident)  # the same thread keeps its cursor
    other: list = []
    th = threading.Thread(target=lambda: other.append(db.cursor()))
    th.start()
    th.join()
    assert other[0][0] is not mine and other[0][1] == ident

    slow = "SELECT count(*) FROM range(200000000) r(i) WHERE i % 7 = 3"
    errors: list[Exception] = []

    def busy():
        try:
            db.cursor()[0].execute(slow).fetchone()
        except duckdb.Error as exc:
            errors.append(exc)

    th = threading.Thread(target=busy)
    th.start()
    for _ in range(20):  # while the other thread's statement runs
        assert _count(mine) == len(INITIATIVES)
    th.join()
    assert errors == []


def test_a_session_is_told_when_the_file_was_rebuilt(tmp_path, live, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("SAVINGS_DB", str(live))
    for key in ("_db_file", "_db_reloaded"):
        st.session_state.pop(key, None)
    first, ident = db.cursor()
    assert "_db_reloaded" not in st.session_state  # a first run is no reload
    _rebuild_with_one_fewer(tmp_path, live)
    second, new_ident = db.cursor()
    assert new_ident != ident and second is not first
    assert _count(second) == len(INITIATIVES) - 1
    assert st.session_state.pop("_db_reloaded") is True
