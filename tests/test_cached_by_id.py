"""app.cached.by_id: each id is read once per database file, unknown ids are remembered as
unknown, and a rebuilt database (a new file identity) is read afresh."""
from __future__ import annotations

import pytest

from app import cached


@pytest.fixture(autouse=True)
def fresh_store():
    cached._by_id_store().clear()
    yield
    cached._by_id_store().clear()


ROWS = {"a": 1, "b": 2, "c": 3}


def make_reader():
    asked: list[tuple[str, ...]] = []

    def read(con, ids):
        asked.append(tuple(ids))
        return {i: ROWS[i] for i in ids if i in ROWS}
    return read, asked


@pytest.mark.parametrize("calls, want_asked, want_last", [
    ([("a", "b")], [("a", "b")], {"a": 1, "b": 2}),
    ([("a", "b"), ("a", "b", "c")], [("a", "b"), ("c",)], {"a": 1, "b": 2, "c": 3}),  # only the new one
    ([("a", "b"), ("b",)], [("a", "b")], {"b": 2}),                                    # nothing new
    ([("a", "x"), ("x", "a")], [("a", "x")], {"a": 1}),                                # unknown asked once
    ([("b", "a", "b")], [("b", "a")], {"b": 2, "a": 1}),                               # repeats read once
])
def test_each_id_read_once(calls, want_asked, want_last):
    read, asked = make_reader()
    for ids in calls:
        got = cached.by_id(None, ("db", 1), read, ids)
    assert asked == want_asked
    assert got == want_last


def test_a_new_database_file_is_read_afresh():
    read, asked = make_reader()
    cached.by_id(None, ("db", 1), read, ("a",))
    cached.by_id(None, ("db", 2), read, ("a",))
    assert asked == [("a",), ("a",)]
