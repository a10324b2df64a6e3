"""Every figure and table of the dashboard as a pure function ``(con, filters) -> DataFrame``.

Filtering and aggregation happen in DuckDB; only aggregated or paged rows come
back to Python, so the pages stay fast on a million initiatives (the benchmark
calls these functions directly). Nothing here imports Streamlit.

Conventions: money in t.kr.; an unknown figure is NULL and is *counted*
(``n_..._missing``) rather than silently dropped or treated as zero."""
from __future__ import annotations

import duckdb
import pandas as pd

from app import relevance, summary
from app.filter_sql import FACETS, Condition, Selection, filtered_cte, on_doc, source_condition, where
from app.filters import Filters

#: What the explorer may be sorted by (a whitelist: the sort key is user input); ties are broken
#: by ``initiative_id``. :data:`RELEVANCE` orders a text search by how well each row matches.
SORT_KEYS = ("expected_tkr", "realised_tkr", "title", "municipality", "full_phase_in_year", "adopted")
RELEVANCE = "relevance"
#: ``sectors`` are the canonical keys (the printed name where there is none); ``sectors_da`` and
#: ``sectors_en`` the same sectors as a reader calls them, in each UI language (joined with "; ":
#: a label may itself contain a comma, "Skole, SFO og klub").
EXPLORER_COLUMNS = ("initiative_id", "municipality", "title", "expected_tkr", "expected_text",
                    "realised_tkr", "realised_text", "full_phase_in_year", "adopted", "status",
                    "sectors", "sectors_da", "sectors_en", "types", "source", "page", "line")
EXPORT_COLUMNS = ("initiative_id", "municipality", "title", "description", "expected_tkr",
                  "expected_low_tkr", "expected_high_tkr", "expected_text", "realised_tkr",
                  "realised_text", "full_phase_in_year", "implementation_cost_tkr", "adopted",
                  "status", "sectors", "sectors_da", "sectors_en", "types", "source", "page", "line")


class FacetsMissing(Exception):
    """The database has no complete ``initiative_facets`` table: it was written by an ETL from
    before the table existed, or by other means. The cure is a rebuild (``python -m etl build``)."""


def check_facets(con) -> None:
    """Raise :class:`FacetsMissing` unless ``initiative_facets`` holds every initiative.

    Asked once per database file (``app.cached.facets_checked``), not per query. Both counts
    come from table statistics: no scan."""
    try:
        n_facets, n_ini = con.execute(f"SELECT (SELECT count(*) FROM {FACETS}), "
                                      "(SELECT count(*) FROM initiatives)").fetchone()
    except duckdb.CatalogException as exc:
        raise FacetsMissing(str(exc).splitlines()[0]) from exc
    if n_facets != n_ini:
        raise FacetsMissing(f"{FACETS} has {n_facets} rows for {n_ini} initiatives")


def _df(con, sql: str, params: list) -> pd.DataFrame:
    return con.execute(sql, params).df()


def kpis(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """One row: counts and sums of the filtered initiatives (app.summary: the summary's sums and
    the distinct municipalities)."""
    return summary.kpis_from(summary.summary(con, f), summary.municipality_count(con, f))


def gains_by_year(con, f: Filters) -> pd.DataFrame:
    """Expected annual gain and count per year of full phase-in; year NULL = unknown year (counted)."""
    return summary.gains_by_year_from(summary.summary(con, f))


def staircase(con, f: Filters) -> pd.DataFrame:
    """Cumulative expected annual gain by year of full phase-in (known years only)."""
    return summary.staircase_from(gains_by_year(con, f))


def yearly_gains(con, f: Filters, plan_only: bool = False) -> pd.DataFrame:
    """The ``gains`` table (gain in each year, by kind) summed over the filtered initiatives.

    ``plan_only`` keeps initiatives of documents that also print targets (a recovery
    plan), so the plan's own contributions can be drawn against its targets. ``n`` counts
    initiatives: ``gains`` has one row per initiative, year and kind (its primary key). Read from
    ``initiative_facet_gains`` (the same rows keyed by ``doc``; grouped by a boolean kind)."""
    keep = on_doc(f, "g")
    plan = ""
    if plan_only:  # the plans' ids as constants: a filter in the scan (a semi-join on text: 4x slower)
        plans = [r[0] for r in con.execute("SELECT DISTINCT source_id FROM targets ORDER BY 1").fetchall()]
        plan = f" AND g.source_id IN ({', '.join('?' * len(plans))})" if plans else " AND FALSE"
        keep = Condition(keep.sql, keep.params + plans)
    sql = f"""
        WITH y AS (SELECT year, realised, sum(amount_tkr) AS amount_tkr, count(*) AS n
                   FROM initiative_facet_gains g WHERE {keep.sql}{plan} GROUP BY year, realised)
        SELECT year, CASE WHEN realised THEN 'realised' ELSE 'expected' END AS kind, amount_tkr, n
        FROM y ORDER BY kind, year
    """
    return _df(con, sql, keep.params)


def targets(con, f: Filters) -> pd.DataFrame:
    """Targets per source, year and kind (a recovery plan's reduction targets, a meeting's savings
    requirement; only the source filter applies). Targets of different documents are never summed:
    each keeps its ``source_id``, ``file_name`` and document ``title``."""
    cond, params = source_condition(f.source, "t.source_id")
    sql = f"""
        SELECT t.source_id, s.file_name, s.title AS source_title, t.year, t.kind,
               sum(t.amount_tkr) AS amount_tkr, count(*) AS n_rows, count(t.amount_tkr) AS n_known
        FROM targets t JOIN sources s ON s.source_id = t.source_id
        WHERE {cond} AND t.year IS NOT NULL
        GROUP BY ALL ORDER BY s.file_name, t.kind, t.year
    """
    return _df(con, sql, params)


def plan_gains(con, f: Filters) -> pd.DataFrame:
    """Yearly gains of the filtered initiatives of documents that print targets, per source, year
    and kind: each plan's own contributions, drawn against that plan's targets (never summed
    across documents). Read from ``initiative_facet_gains`` as :func:`yearly_gains` is."""
    keep = on_doc(f, "g")
    plans = [r[0] for r in con.execute("SELECT DISTINCT source_id FROM targets ORDER BY 1").fetchall()]
    if not plans:
        return pd.DataFrame({"source_id": [], "year": [], "kind": [], "amount_tkr": [], "n": []})
    sql = f"""
        WITH y AS (SELECT source_id, year, realised, sum(amount_tkr) AS amount_tkr, count(*) AS n
                   FROM initiative_facet_gains g
                   WHERE {keep.sql} AND g.source_id IN ({', '.join('?' * len(plans))})
                   GROUP BY source_id, year, realised)
        SELECT source_id, year, CASE WHEN realised THEN 'realised' ELSE 'expected' END AS kind, amount_tkr, n
        FROM y ORDER BY source_id, kind, year
    """
    return _df(con, sql, keep.params + plans)


def by_sector(con, f: Filters) -> pd.DataFrame:
    """Per canonical sector: initiatives and sums. An initiative in several sectors is in each
    row (so the rows do not add up to the total); ``n_multi`` says how many such there are.
    Initiatives without a canonical sector form the row with ``sector`` NULL."""
    return summary.by_sector_from(summary.summary(con, f), summary.sectors(con))


def n_multi_sector(con, f: Filters) -> int:
    return summary.n_multi_from(summary.summary(con, f))


def evr_counts(con, f: Filters) -> pd.DataFrame:
    """How many filtered initiatives have both, one or neither of expected and realised."""
    return summary.evr_counts_from(summary.evr_summary(con, f))


def evr_points(con, f: Filters, limit: int = 2000) -> pd.DataFrame:
    """Initiatives with both figures, largest expected first, at most ``limit`` rows — read from
    the facets table alone (it keeps the title for this), never from a million ``initiatives``.
    Ties by ``doc``, the initiative's number in ``initiative_id`` order (etl/schema.sql): the same
    order as by the id, compared as an integer instead of a text (at 1 M: ~2× less CPU). The
    points are picked by number alone, then only their ids and titles are read: DuckDB read the two
    texts of every kept row before the ``LIMIT`` (at 1 M, a sector: 29 → 24 ms of CPU, no filter
    45 → 22). With a resolved filter on a database that has them, the points are read from
    ``initiative_evr_points`` (etl.load.refresh_evr_points: the same rows, already in this order):
    the first ``limit`` that pass the filter (at 1 M: ~5 ms)."""
    if isinstance(f, Selection) and f.bits is not None and f.points:
        return _df(con, "SELECT initiative_id, title, expected_tkr, realised_tkr FROM initiative_evr_points e "
                        "WHERE get_bit(?::BLOB::BIT, e.doc) = 1 ORDER BY e.expected_tkr DESC, e.doc LIMIT ?",
                   [f.bits, int(limit)])
    cte, params = filtered_cte(f)
    sql = f"""
        WITH {cte},
        top AS (SELECT doc FROM fi WHERE expected_tkr IS NOT NULL AND realised_tkr IS NOT NULL
                ORDER BY expected_tkr DESC, doc LIMIT ?)
        SELECT x.initiative_id, x.title, x.expected_tkr, x.realised_tkr
        FROM {FACETS} x WHERE x.doc IN (SELECT doc FROM top)
        ORDER BY x.expected_tkr DESC, x.doc
    """
    return _df(con, sql, params + [int(limit)])


def evr_points_usable(con) -> bool:
    """Whether ``initiative_evr_points`` holds exactly the initiatives with both figures of this
    file's facets (their number and the sum of their ``doc``s; asked once per file): an older
    database has no such table, and then the facets are read."""
    both = "WHERE expected_tkr IS NOT NULL AND realised_tkr IS NOT NULL"
    try:
        got = con.execute("SELECT count(*), coalesce(sum(doc), 0) FROM initiative_evr_points").fetchone()
    except duckdb.CatalogException:
        return False
    return got == con.execute(f"SELECT count(*), coalesce(sum(doc), 0) FROM {FACETS} {both}").fetchone()


def realisation_by_sector(con, f: Filters) -> pd.DataFrame:
    """Per sector: realised ÷ expected over initiatives with both figures, and the counts it rests
    on, including initiatives that have only one of the two figures."""
    return summary.realisation_from(summary.evr_summary(con, f), summary.sectors(con))


def _rows_sql(picked: Condition, columns: tuple[str, ...]) -> tuple[str, list]:
    """The SELECT of ``columns`` for the initiatives ``picked`` selects: a ``SELECT … FROM
    initiative_facets x …`` of ``x.initiative_id, x.sector_names, x.type_names`` (the filtered
    rows, or one page of them). Their sectors and types come with them, as the facets table keeps
    them ready to show: the link tables are not read at all (for a page of 50 rows at 1 M their
    scans cost ~0.2 s, busy machine)."""
    ctes = f"""picked AS ({picked.sql}),
        fi AS (SELECT i.*, p.* EXCLUDE (initiative_id) FROM initiatives i JOIN picked p USING (initiative_id))"""
    select = {
        "sectors": "fi.sector_names AS sectors",
        "sectors_da": "fi.sector_labels_da AS sectors_da",
        "sectors_en": "fi.sector_labels_en AS sectors_en",
        "types": "fi.type_names AS types",
        "source": "src.file_name AS source",
        "page": "fi.first_page AS page",
        "line": "fi.first_line AS line",
    }
    cols = ", ".join(select.get(c, f"fi.{c}") for c in columns)
    return (f"WITH {ctes} SELECT {cols} FROM fi LEFT JOIN sources src ON src.source_id = fi.source_id"), picked.params


#: The explorer's text sort keys as columns of ``initiative_facets``: each text as its rank in
#: Danish order (etl/schema.sql), so a page is picked without sorting texts.
_FACET_SORT = {"title": "title_rank", "municipality": "municipality_rank"}
#: What :func:`_rows_sql` takes of a picked facets row (the ranks order the page once more).
_PICKED = ("x.initiative_id, x.doc, x.sector_names, x.sector_labels_da, x.sector_labels_en, x.type_names, "
           "x.title_rank, x.municipality_rank")


def _order(f: Filters, sort: str, descending: bool, alias: str = "fi") -> tuple[str, list]:
    """``ORDER BY`` for the explorer and the downloads on a row that carries the facets' ranks
    (``alias``: the facets row ``x`` or the picked row ``fi``), and its parameters.

    :data:`RELEVANCE` (with a search text): app/relevance.py, every title tested. Titles and
    municipalities sort in Danish order (their ranks). Ties by id (as ``doc``, the number of the
    id in id order: an integer compared instead of a text)."""
    a = alias
    if sort == RELEVANCE and f.q:
        return relevance.order_by(f.q, a)
    if sort == RELEVANCE:
        sort, descending = "expected_tkr", True
    key = sort if sort in SORT_KEYS else "title"
    direction = "DESC" if descending else "ASC"
    return f"ORDER BY {a}.{_FACET_SORT.get(key, key)} {direction} NULLS LAST, {a}.doc", []


def explorer(con, f: Filters, limit: int = 50, offset: int = 0, sort: str = "expected_tkr",
             descending: bool = True) -> pd.DataFrame:
    """One page of filtered initiatives. Its ids are picked on ``initiative_facets`` (the filter,
    the sort key as a number), then only those rows of ``initiatives`` are read: no text is
    sorted and no million text ids are joined (a page at 1 M: ~1 s → ~0.1 s, busy machine). The
    total is :func:`explorer_count`, asked for separately: the page needs it first."""
    cond = where(f, "x")
    if sort == RELEVANCE and f.q:  # through the title index where there is one: the same order
        order, order_params = relevance.order(con, f, "x")
    else:
        order, order_params = _order(f, sort, descending, "x")
    pick = Condition(f"SELECT {_PICKED} FROM {FACETS} x WHERE {cond.sql} {order} LIMIT ? OFFSET ?",
                     cond.params + order_params + [int(limit), int(offset)])
    body, params = _rows_sql(pick, EXPLORER_COLUMNS)
    outer, outer_params = _order(f, sort, descending)  # the page's 50 rows: every title tested
    return _df(con, f"{body} {outer}", params + outer_params)


def explorer_count(con, f: Filters) -> int:
    if isinstance(f, Selection) and f.count is not None:
        return f.count  # counted when the filters were resolved
    cond = where(f, "x")
    return int(con.execute(f"SELECT count(*) FROM {FACETS} x WHERE {cond.sql}", cond.params).fetchone()[0])


def export_rows(con, f: Filters, sort: str = "expected_tkr", descending: bool = True) -> pd.DataFrame:
    """All filtered initiatives with every exported column (the downloads), in the explorer's order."""
    cond = where(f, "x")
    body, params = _rows_sql(Condition(f"SELECT {_PICKED} FROM {FACETS} x WHERE {cond.sql}", cond.params),
                             EXPORT_COLUMNS)
    order, order_params = _order(f, sort, descending)
    return _df(con, f"{body} {order}", params + order_params)


def initiative_detail(con, initiative_id: str) -> dict[str, pd.DataFrame]:
    """Everything known about one initiative: the row, printings, sectors, types, gains, warnings."""
    p = [initiative_id]
    return {
        "initiative": _df(con, "SELECT i.*, s.file_name, s.title AS source_title FROM initiatives i "
                               "LEFT JOIN sources s ON s.source_id = i.source_id WHERE i.initiative_id = ?", p),
        "appearances": _df(con, "SELECT s.file_name, a.seq, a.section, a.page, a.line FROM appearances a "
                                "LEFT JOIN sources s ON s.source_id = a.source_id "
                                "WHERE a.initiative_id = ? ORDER BY a.seq", p),
        "sectors": _df(con, "SELECT x.sector, x.source_sector, s.label_da, s.label_en FROM initiative_sectors x "
                            "LEFT JOIN sectors s ON s.sector = x.sector WHERE x.initiative_id = ? "
                            "ORDER BY s.sort_order NULLS LAST, x.source_sector", p),
        "types": _df(con, "SELECT measure_type FROM initiative_types WHERE initiative_id = ? "
                          "ORDER BY measure_type", p),
        "municipalities": _df(con, "SELECT municipality FROM initiative_municipalities WHERE initiative_id = ? "
                                   "ORDER BY municipality", p),
        "gains": _df(con, "SELECT year, kind, amount_tkr, text FROM gains WHERE initiative_id = ? "
                          "ORDER BY kind, year", p),
        "warnings": _df(con, "SELECT page, line, field, code, params, message, text FROM parse_warnings "
                             "WHERE initiative_id = ? ORDER BY page, line", p),
    }


def options(con) -> dict[str, pd.DataFrame]:
    """Values the sidebar offers (independent of the filters, so a choice never vanishes)."""
    return {
        "municipality": _df(con, "SELECT municipality, count(*) AS n FROM initiative_municipalities "
                                 "GROUP BY 1 ORDER BY 1", []),
        "sector": summary.sectors(con),
        "type": _df(con, "SELECT measure_type, count(*) AS n FROM initiative_types GROUP BY 1 "
                         "ORDER BY n DESC, 1 LIMIT 500", []),
        "source": _df(con, "SELECT source_id, file_name, title FROM sources ORDER BY file_name", []),
        "years": _df(con, "SELECT min(full_phase_in_year) AS lo, max(full_phase_in_year) AS hi "
                          "FROM initiatives", []),
    }
