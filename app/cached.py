"""Query results cached per (query, filters, database file identity).

The key holds the file's identity, so a rebuilt database is never answered
from a stale cache; the language is not part of the key (``Filters.data_part``)
because the numbers do not depend on it."""
from __future__ import annotations

import importlib

import streamlit as st

from app import queries
from app.filters import Filters


@st.cache_data(show_spinner=False, max_entries=1024)
def _run(name: str, f: Filters, db_key: tuple, args: tuple, _con):
    return getattr(queries, name)(_con, f, *args)


def run(con, db_key: tuple, name: str, f: Filters, *args):
    """``queries.<name>(con, f, *args)`` through the cache."""
    return _run(name, f.data_part(), db_key, tuple(args), con)


@st.cache_data(show_spinner=False, max_entries=16)
def _options(db_key: tuple, _con):
    return queries.options(_con)


def options(con, db_key: tuple):
    return _options(db_key, con)


@st.cache_data(show_spinner=False, max_entries=256)
def _detail(initiative_id: str, db_key: tuple, _con):
    return queries.initiative_detail(_con, initiative_id)


def detail(con, db_key: tuple, initiative_id: str):
    return _detail(initiative_id, db_key, con)


@st.cache_data(show_spinner=False, max_entries=512)
def _call(module: str, name: str, db_key: tuple, args: tuple, _con):
    return getattr(importlib.import_module(module), name)(_con, *args)


def call(con, db_key: tuple, fn, *args):
    """``fn(con, *args)`` through the cache: ``fn`` is a function of a module (its name is the key)."""
    return _call(fn.__module__, fn.__name__, db_key, tuple(args), con)


@st.cache_resource(show_spinner=False)
def _by_id_store() -> dict:
    return {}


#: Rows kept per function and database file; beyond it the store starts afresh.
BY_ID_MAX = 20_000


def by_id(con, db_key: tuple, fn, ids: tuple[str, ...]) -> dict:
    """``fn(con, ids) -> {id: row}`` with each id read once per database file, for all sessions: a
    plan that grows by one initiative reads that one row, and a change of year or municipality
    reads none (at a million initiatives a lookup scans a table: ~0.1 s whatever the count)."""
    stores = _by_id_store()
    name = f"{fn.__module__}.{fn.__qualname__}"
    store = stores.get(name)
    if store is None or store[0] != db_key or len(store[1]) > BY_ID_MAX:
        store = stores[name] = (db_key, {})
    rows = store[1]
    missing = tuple(i for i in dict.fromkeys(ids) if i not in rows)
    if missing:
        found = fn(con, missing)
        rows.update({i: found.get(i) for i in missing})
    return {i: rows[i] for i in ids if rows.get(i) is not None}
