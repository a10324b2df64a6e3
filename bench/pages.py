"""What one rerun of each dashboard page asks the database, and the typical filters to time.

WHY a list here: a filter change reruns the page script, and the page's cost on
the server is the sum of the ``app.queries`` functions it calls (the rest is
rendering, the same at any size). Keep :data:`PAGE_QUERIES` in step with
``pages/*.py``; ``tests/test_bench.py`` checks every name exists in app.queries.
"""
from __future__ import annotations

from collections.abc import Callable

import duckdb

from app import queries as Q
from app.filters import Filters, from_query_params

#: URL path → (view script, the ``cached.run`` calls it makes: query name and extra arguments).
#: A repeated call within one rerun is answered by Streamlit's cache, so it is listed once.
PAGE_QUERIES: dict[str, tuple[str, tuple[tuple[str, tuple], ...]]] = {
    "/": ("pages/overview.py", (("kpis", ()), ("gains_by_year", ()), ("staircase", ()), ("by_sector", ()))),
    "/expected-vs-realised": ("pages/expected_vs_realised.py", (
        ("evr_counts", ()), ("evr_points", (2000,)), ("realisation_by_sector", ()))),
    "/phase-in": ("pages/phase_in.py", (("gains_by_year", ()), ("staircase", ()), ("targets", ()),
                                        ("yearly_gains", ()))),
    "/sectors": ("pages/sectors.py", (("by_sector", ()), ("kpis", ()), ("n_multi_sector", ()))),
    "/explorer": ("pages/explorer.py", (("explorer_count", ()), ("explorer", (50, 0, "title", False)))),
    "/sources": ("pages/sources.py", (("sources", ()), ("warnings", (1000, 0)))),
}


def rerun(page: str) -> Callable[[duckdb.DuckDBPyConnection, Filters], None]:
    """A callable doing what ``page`` asks the database on one rerun."""
    calls = [(getattr(Q, name), args) for name, args in PAGE_QUERIES[page][1]]

    def run(con, f: Filters) -> None:
        for fn, args in calls:
            fn(con, f, *args)
    return run


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
        "text": {"q": "digital"},
        "combined": {"municipality": munis, "sector": sectors, "adopted": "ja", "year_from": "2018"},
    }
    out = {}
    for name, params in queries.items():
        params = {k: v for k, v in params.items() if v not in ([], None)}
        out[name] = from_query_params(params)[0]
    return out
