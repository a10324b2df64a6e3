"""What one rerun of a dashboard page costs on the server after a filter change, and the typical
filters to time it with.

WHY the real page script (Streamlit's AppTest) rather than a list of queries: a filter change
reruns ``dashboard.py`` and the page — sidebar, every query the page asks for (each one a cache
miss, since the filter is new), DataFrame formatting, Plotly figures, Arrow serialisation. A
hand-kept list of queries drifts from the pages (it had already missed one query and passed the
wrong arguments to another); recording the ``app.cached.run`` calls the page really makes does
not. The recorded calls are then timed again directly against DuckDB, so the report can say how
much of a rerun is the database and how much is Python rendering.

The filter is changed through the query string (as an edited or shared link does; the sidebar's
widgets take it over), and the query cache is cleared before every timed rerun, so a repeat of the
same filter costs what a new one would. The sidebar's options (one query per database file) stay
cached, as on a running server.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from app import cached, queries
from app import pages as app_pages
from app.filter_sql import resolve, where
from app.filters import Filters, from_query_params, to_query_params
from bench.stats import timed
from etl import search_index

ROOT = Path(__file__).resolve().parent.parent
ENTRYPOINT = ROOT / "dashboard.py"

#: The URL paths of the dashboard's pages (contract §3), in navigation order.
PAGES: tuple[str, ...] = tuple(p.path for p in app_pages.PAGES)

Call = tuple[cached.Query, tuple]  # (app.queries function, extra arguments after the filters)


def switch_page(at, path: str):
    """Make the next ``at.run()`` show the page at URL ``path`` (``/``, ``/explorer``, …).

    WHY not ``AppTest.switch_page``: it finds only pages that are files, and the dashboard's
    pages are functions (app/pages/__init__.py). ``st.navigation`` registers every page's URL
    path in the run before; the page is selected by that, as a browser's URL selects it.
    Uses AppTest's page registry (``_registered_pages``, ``_page_hash``): Streamlit offers no
    public way to switch to a callable page in AppTest (1.67)."""
    wanted = path.strip("/")
    hashes = [h for h, info in at._registered_pages.items() if info.get("url_pathname") == wanted]
    if not hashes:
        known = sorted("/" + str(info.get("url_pathname", "?")) for info in at._registered_pages.values())
        raise ValueError(f"no page at {path!r}; run the app once first (known: {known})")
    at._page_hash = hashes[0]
    return at


@contextmanager
def recorded_queries() -> Iterator[list[tuple[cached.Query, tuple, Filters]]]:
    """Every ``app.cached.run`` call made inside the block, in order, with the filters it was
    given (pages call it by attribute, so replacing the module attribute sees them all)."""
    calls: list[tuple[cached.Query, tuple, Filters]] = []
    original = cached.run

    def recording(con, db_key, query, f, *args):
        calls.append((query, tuple(args), f))
        return original(con, db_key, query, f, *args)

    cached.run = recording
    try:
        yield calls
    finally:
        cached.run = original


def set_filters(at, f: Filters) -> None:
    """Make the next run of ``at`` use ``f``: as an edited query string, which ``app.state.begin``
    takes over the widgets' state (``lang=da`` keeps an empty filter a non-empty URL, so it too
    replaces the filter before it). WHY not the widgets: AppTest drops the sidebar from its
    element tree after a page stops early (an empty result), and setting widget values through
    its session state did not reach every widget (number inputs kept the old year); the URL
    path is the one a shared link takes and leaves nothing to chance. ``PageSession.rerun``
    checks that every query of the run saw exactly ``f``."""
    at.query_params = to_query_params(f) or {"lang": "da"}


class PageSession:
    """One browser-less session of the dashboard showing one page, against database ``db``.

    ``SAVINGS_DB`` is set in this process's environment (the app reads it on every run)."""

    def __init__(self, db: Path, path: str, timeout_s: float = 600):
        from streamlit.testing.v1 import AppTest
        os.environ["SAVINGS_DB"] = str(db)
        self.path = path
        self.at = AppTest.from_file(str(ENTRYPOINT), default_timeout=timeout_s)
        self.at.run()
        if path != "/":
            switch_page(self.at, path).run()
        self._check()

    def _check(self) -> None:
        errors = [e.value for e in self.at.exception]
        if errors:
            raise RuntimeError(f"{self.path}: the page raised: {errors[0]}")

    def rerun(self, f: Filters) -> tuple[float, list[Call]]:
        """Seconds of one rerun after changing the widgets to ``f`` (query cache cleared first),
        and the queries that rerun asked for."""
        set_filters(self.at, f)
        cached._run.clear()
        cached._selection.clear()  # the filters are resolved anew too, as for a new filter
        with recorded_queries() as calls:
            seconds = timed(self.at.run)
        self._check()
        wrong = [(cached.query_name(q), seen) for q, _, seen in calls if seen.data_part() != f.data_part()]
        if wrong or not calls:
            raise RuntimeError(f"{self.path}: the rerun did not query with the filter set "
                               f"({wrong or 'no queries'})")
        return seconds, [(query, args) for query, args, _ in calls]


def query_time(con: duckdb.DuckDBPyConnection, f: Filters, calls: list[Call]) -> float:
    """Seconds the database needs for ``calls`` (the queries of one rerun), called directly, as
    the app calls them: the filters resolved once (app.filter_sql.resolve), then each query.
    A query a rerun asks twice is answered once by Streamlit's cache, so it is timed once."""
    unique = list(dict.fromkeys(calls))
    indexed = search_index.usable(con)  # the app asks once per file: not part of a rerun
    titles = search_index.titles_usable(con)
    points = queries.evr_points_usable(con)

    def run() -> None:
        sel = resolve(con, f.data_part(), indexed, titles, points)
        for query, args in unique:
            query(con, sel, *args)
    return timed(run)


#: The word of the ``text`` filter (issue 7's word) ...
TEXT_WORD = "digital"
#: ... and where that is not like for like, the page's own word. ``/expected-vs-realised`` draws
#: its scatter, rates and table only for initiatives with both an expected and a realised figure:
#: on the built-in data "digital" keeps none (58 initiatives, 0 with both: the page stops after its
#: counts), at 1,000,000 it keeps 270,681 with both (the page draws 2,000 points, the rates and the
#: table), so its ratio compared a page with half its content against the whole page. "kommune"
#: keeps all 5 of the built-in initiatives with both figures (240 initiatives) and 825,981 at
#: 1,000,000 (318,809 with both; more rows than "digital": no easier). :func:`both_figures` counts
#: them per database; bench/run.py prints the count beside the figures, so a database where the
#: word keeps none shows.
PAGE_TEXT_WORD = {"/expected-vs-realised": "kommune"}


def for_page(filters: dict[str, Filters], path: str) -> dict[str, Filters]:
    """``filters`` (:func:`typical_filters`) with the text search of page ``path``
    (:data:`PAGE_TEXT_WORD`)."""
    word = PAGE_TEXT_WORD.get(path)
    if word is None or "text" not in filters:
        return filters
    return {**filters, "text": from_query_params({**to_query_params(filters["text"]), "q": word})[0]}


def both_figures(con: duckdb.DuckDBPyConnection, f: Filters) -> int:
    """How many initiatives ``f`` keeps that have both an expected and a realised figure (what the
    expected-vs-realised page draws)."""
    cond = where(f, "x")
    return int(con.execute(f"SELECT count(*) FROM initiative_facets x WHERE {cond.sql} AND "
                           "x.expected_tkr IS NOT NULL AND x.realised_tkr IS NOT NULL", cond.params).fetchone()[0])


def typical_filters(con: duckdb.DuckDBPyConnection) -> dict[str, Filters]:
    """Filters a user typically sets, as query strings, with values taken from the database itself
    (most common municipality, sector, type, source) so the same set is meaningful at every size.
    Parsed by the app's own ``from_query_params``, like a URL."""
    def top(sql: str, n: int = 1) -> list[str]:
        return [str(r[0]) for r in con.execute(sql).fetchall()[:n]]

    munis = top("SELECT municipality FROM initiative_municipalities GROUP BY 1 ORDER BY count(*) DESC, 1", 2)
    sectors = top("SELECT sector FROM initiative_sectors WHERE sector IS NOT NULL GROUP BY 1 "
                  "ORDER BY count(*) DESC, 1", 2)
    types = top("SELECT measure_type FROM initiative_types GROUP BY 1 ORDER BY count(*) DESC, 1")
    sources = top("SELECT source_id FROM initiatives GROUP BY 1 ORDER BY count(*) DESC, 1")
    queries: dict[str, dict] = {
        "none": {},
        "municipality": {"municipality": munis[:1]},
        "sector": {"sector": sectors[:1]},
        "type": {"type": types[:1]},
        "source": {"source": sources[:1]},
        "years": {"year_from": "2020", "year_to": "2025"},
        "adopted": {"adopted": "ja"},
        "text": {"q": TEXT_WORD},
        "combined": {"municipality": munis, "sector": sectors, "adopted": "ja", "year_from": "2018"},
    }
    out = {}
    for name, params in queries.items():
        params = {k: v for k, v in params.items() if v not in ([], None)}
        out[name] = from_query_params(params)[0]
    return out
