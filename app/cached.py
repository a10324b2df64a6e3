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
from app.filters import Filters

#: A query of app.queries: ``(cursor, filters, *args) -> result``.
Query = Callable[..., Any]


def query_name(query: Query) -> str:
    """The cache-key name of ``query``: module and qualified name (unique per function)."""
    return f"{query.__module__}.{query.__qualname__}"


@st.cache_data(show_spinner=False, max_entries=1024)
def _run(name: str, f: Filters, db_key: tuple, args: tuple, _query: Query, _con):
    return _query(_con, f, *args)


def run(con, db_key: tuple, query: Query, f: Filters, *args):
    """``query(con, f, *args)`` through the cache."""
    return _run(query_name(query), f.data_part(), db_key, tuple(args), query, con)


@st.cache_data(show_spinner=False, max_entries=16)
def _options(db_key: tuple, _con):
    return queries.options(_con)


def options(con, db_key: tuple):
    return _options(db_key, con)


@st.cache_data(show_spinner=False, max_entries=16)
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
