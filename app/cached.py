"""Query results cached per (query, filters, database file identity).

A query is passed as the function itself (``cached.run(con, db_key, queries.kpis, f)``);
its cache entry is keyed by the function's qualified name, the filters' data part and the
arguments. The key holds the file's identity, so a rebuilt database is never answered from
a stale cache; the language is not part of the key (``Filters.data_part``) because the
numbers do not depend on it."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from app import queries
from app.filter_sql import Selection, resolve
from app.filters import Filters
from etl import search_index

#: A query of app.queries: ``(cursor, filters, *args) -> result``.
Query = Callable[..., Any]


def query_name(query: Query) -> str:
    """The cache-key name of ``query``: module and qualified name (unique per function)."""
    return f"{query.__module__}.{query.__qualname__}"


#: How many query results, resolved filters and database files are kept (shared by all sessions;
#: least recently used dropped first). A result is an aggregate or one page of rows (kB); a
#: selection is a bitmap of one bit per initiative (125 kB at 1,000,000).
RESULTS, SELECTIONS, FILES = 1024, 64, 16


@st.cache_data(show_spinner=False, max_entries=RESULTS)
def _run(name: str, f: Filters, db_key: tuple, args: tuple, _query: Query, _con):
    return _query(_con, selection(_con, db_key, f), *args)


def run(con, db_key: tuple, query: Query, f: Filters, *args):
    """``query(con, f, *args)`` through the cache. On a miss the query is given the filters
    resolved once per filter and file (:func:`selection`), not the bare filters."""
    return _run(query_name(query), f.data_part(), db_key, tuple(args), query, con)


@st.cache_data(show_spinner=False, max_entries=FILES)
def _search_indexed(db_key: tuple, _con) -> bool:
    return search_index.usable(_con)


@st.cache_data(show_spinner=False, max_entries=FILES)
def _titles_indexed(db_key: tuple, _con) -> bool:
    return search_index.titles_usable(_con)


@st.cache_data(show_spinner=False, max_entries=FILES)
def _points_ordered(db_key: tuple, _con) -> bool:
    return queries.evr_points_usable(_con)


@st.cache_data(show_spinner=False, max_entries=SELECTIONS)
def _selection(f: Filters, db_key: tuple, _con) -> Selection:
    return resolve(_con, f, _search_indexed(db_key, _con), _titles_indexed(db_key, _con),
                   _points_ordered(db_key, _con))


def selection(con, db_key: tuple, f: Filters) -> Selection:
    """The initiatives ``f`` keeps in this file (app.filter_sql.Selection): computed once per
    filter and file for every query, page and session that asks; whether the file's word index,
    title index and scatter rows are used is decided once per file."""
    return _selection(f.data_part(), db_key, con)


@st.cache_data(show_spinner=False, max_entries=FILES)
def _options(db_key: tuple, _con):
    return queries.options(_con)


def options(con, db_key: tuple):
    return _options(db_key, con)


@st.cache_data(show_spinner=False, max_entries=FILES)
def _facets_problem(db_key: tuple, _con) -> str | None:
    try:
        queries.check_facets(_con)
    except queries.FacetsMissing as why:
        return str(why)
    return None


def facets_problem(con, db_key: tuple) -> str | None:
    """Why this database file cannot be read (no complete ``initiative_facets``), or None;
    asked once per file identity."""
    return _facets_problem(db_key, con)


@st.cache_data(show_spinner=False, max_entries=256)
def _detail(initiative_id: str, db_key: tuple, _con):
    return queries.initiative_detail(_con, initiative_id)


def detail(con, db_key: tuple, initiative_id: str):
    return _detail(initiative_id, db_key, con)


@st.cache_data(show_spinner=False, max_entries=512)
def _call(name: str, db_key: tuple, args: tuple, _fn: Query, _con):
    return _fn(_con, *args)


def call(con, db_key: tuple, fn: Query, *args):
    """``fn(con, *args)`` through the cache, for a query that takes no filters (the planner's reads
    by id, a source's targets); keyed like :func:`run` by the function's qualified name."""
    return _call(query_name(fn), db_key, tuple(args), fn, con)


@st.cache_resource(show_spinner=False)
def _by_id_store() -> dict:
    return {}


#: Rows kept per function and database file; beyond it the store starts afresh.
BY_ID_MAX = 20_000


def by_id(con, db_key: tuple, fn: Query, ids: tuple[str, ...]) -> dict:
    """``fn(con, ids) -> {id: row}`` with each id read once per database file, for all sessions: a
    plan that grows by one initiative reads that one row, and a change of year or municipality
    reads none (at a million initiatives a lookup scans a table: ~0.1 s whatever the count)."""
    stores = _by_id_store()
    name = query_name(fn)
    store = stores.get(name)
    if store is None or store[0] != db_key or len(store[1]) > BY_ID_MAX:
        store = stores[name] = (db_key, {})
    rows: dict = store[1]
    missing = tuple(i for i in dict.fromkeys(ids) if i not in rows)
    if missing:
        found = fn(con, missing)
        rows.update({i: found.get(i) for i in missing})
    return {i: rows[i] for i in ids if rows.get(i) is not None}
