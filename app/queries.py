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
from app.filter_sql import FACETS, Condition, Selection, on_doc, source_condition, where
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


def _filtered(f: Filters) -> tuple[str, list]:
    """CTE ``fi``: the filtered initiatives as rows of ``initiative_facets`` (ids, figures, year,
    adopted, and the lists ``municipalities``, ``sectors``, ``types``, ``gains``)."""
    cond = where(f, "x")
    return f"fi AS NOT MATERIALIZED (SELECT x.* FROM {FACETS} x WHERE {cond.sql})", cond.params


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
    cte, params = _filtered(f)
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


def source_documents(con) -> pd.DataFrame:
    """Every loaded document with what does not depend on the filters: its printings, parse
    warnings, target figures and savings requirements (asked once per database file: at 1 M the
    printings alone are 1.1 million rows to count)."""
    return _df(con, """
        WITH a AS (SELECT source_id, count(*) AS n_appearances FROM appearances GROUP BY source_id),
        w AS (SELECT source_id, count(*) AS n_warnings FROM parse_warnings GROUP BY source_id),
        t AS (SELECT source_id, count(*) AS n_targets,
                     count(*) FILTER (WHERE kind = 'requirement') AS n_requirements
              FROM targets GROUP BY source_id)
        SELECT s.source_id, s.file_name, s.format, s.layout_score, s.reader, s.words_outside,
               s.title, s.published_year, s.loaded_at,
               coalesce(a.n_appearances, 0) AS n_appearances, coalesce(w.n_warnings, 0) AS n_warnings,
               coalesce(t.n_targets, 0) AS n_targets, coalesce(t.n_targets - t.n_requirements, 0) AS n_target_figures,
               coalesce(t.n_requirements, 0) AS n_requirements
        FROM sources s LEFT JOIN a USING (source_id) LEFT JOIN w USING (source_id) LEFT JOIN t USING (source_id)
        ORDER BY s.file_name""", [])


def source_figures(con, f: Filters) -> pd.DataFrame:
    """Per document the source filter keeps: its initiatives the filters keep, and how many of
    those lack each figure (one scan)."""
    cte, params = _filtered(f)
    cond, sparams = source_condition(f.source, "s.source_id")
    return _df(con, f"""
        WITH {cte},
        c AS (SELECT source_id, count(*) AS n_initiatives,
                     count(*) - count(expected_tkr) AS null_expected,
                     count(*) - count(realised_tkr) AS null_realised,
                     count(*) - count(full_phase_in_year) AS null_year,
                     count(*) - count(adopted) AS null_adopted
              FROM fi GROUP BY source_id)
        SELECT s.source_id, coalesce(c.n_initiatives, 0) AS n_initiatives,
               coalesce(c.null_expected, 0) AS null_expected, coalesce(c.null_realised, 0) AS null_realised,
               coalesce(c.null_year, 0) AS null_year, coalesce(c.null_adopted, 0) AS null_adopted
        FROM sources s LEFT JOIN c USING (source_id) WHERE {cond}""", params + sparams)


#: The columns of :func:`sources`, in order.
SOURCE_COLUMNS = ("source_id", "file_name", "format", "layout_score", "reader", "words_outside", "title",
                  "published_year", "loaded_at", "n_initiatives", "n_appearances", "n_warnings", "n_targets",
                  "n_target_figures", "n_requirements", "null_expected", "null_realised", "null_year",
                  "null_adopted")


def sources_from(documents: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """:func:`source_documents` of the documents in ``figures`` (:func:`source_figures`), with
    their figures, by file name."""
    merged = documents.merge(figures, on="source_id", how="inner", sort=False)
    return merged[list(SOURCE_COLUMNS)].reset_index(drop=True)


def sources(con, f: Filters) -> pd.DataFrame:
    """Loaded documents with counts; initiative counts and NULL figures follow all filters (the
    page asks for the two parts apart: the documents once per file, the figures per filter)."""
    return sources_from(source_documents(con), source_figures(con, f))


def amount_readings(con, f: Filters) -> pd.DataFrame:
    """How each source's amounts were read: unit, price level and sign convention (each with
    whether it was inferred rather than printed), and its printed totals against their rows."""
    cond, params = source_condition(f.source, "s.source_id")
    return _df(con, f"""
        WITH w AS (SELECT source_id,
                          bool_or(code = 'unit_inferred') AS unit_inferred,
                          bool_or(code = 'price_level_inferred') AS price_level_inferred,
                          bool_or(code = 'sign_convention_inferred') AS sign_inferred,
                          count(*) FILTER (WHERE code = 'table_does_not_add_up' AND field = 'table_totals')
                              AS n_differ
                   FROM parse_warnings GROUP BY source_id),
             t AS (SELECT source_id, count(*) AS n_totals, max(abs(difference_tkr)) AS max_difference_tkr
                   FROM table_totals GROUP BY source_id)
        SELECT s.file_name, s.unit_text, coalesce(w.unit_inferred, FALSE) AS unit_inferred, s.price_level,
               coalesce(w.price_level_inferred, FALSE) AS price_level_inferred, s.sign_convention,
               coalesce(w.sign_inferred, FALSE) AS sign_inferred, coalesce(t.n_totals, 0) AS n_totals,
               coalesce(w.n_differ, 0) AS n_differ, t.max_difference_tkr
        FROM sources s LEFT JOIN w USING (source_id) LEFT JOIN t USING (source_id)
        WHERE {cond} AND (s.unit_text IS NOT NULL OR s.price_level IS NOT NULL OR s.sign_convention IS NOT NULL
                          OR t.n_totals > 0)
        ORDER BY s.file_name""", params)


def pdf_tables(con, f: Filters) -> pd.DataFrame:
    """Tables read from the filtered PDF sources, with their reader's confidence."""
    cond, params = source_condition(f.source, "p.source_id")
    return _df(con, f"""SELECT s.file_name, p.page, p.method, p.n_rows, p.n_cols, p.accuracy / 100 AS accuracy,
                               p.whitespace / 100 AS whitespace, p.words_outside
                        FROM pdf_tables p JOIN sources s ON s.source_id = p.source_id
                        WHERE {cond} ORDER BY s.file_name, p.seq""", params)


def warnings(con, f: Filters, limit: int = 500, offset: int = 0) -> tuple[pd.DataFrame, int]:
    """Parse warnings of the filtered sources, paged, and their total count."""
    cond, params = source_condition(f.source, "w.source_id")
    rows = _df(con, f"""SELECT s.file_name, w.initiative_id, w.page, w.line, w.field, w.code, w.params,
                               w.message, w.text
                        FROM parse_warnings w LEFT JOIN sources s ON s.source_id = w.source_id
                        WHERE {cond} ORDER BY s.file_name, w.page NULLS LAST, w.line NULLS LAST
                        LIMIT ? OFFSET ?""", params + [int(limit), int(offset)])
    total = con.execute(f"SELECT count(*) FROM parse_warnings w WHERE {cond}", params).fetchone()[0]
    return rows, int(total)


def warnings_by_field(con, f: Filters) -> pd.DataFrame:
    """Parse warnings counted per source, kind (``code``) and field (which figures the parser
    could not read, and why)."""
    cond, params = source_condition(f.source, "w.source_id")
    return _df(con, f"""SELECT s.file_name, w.code, coalesce(w.field, '') AS field, count(*) AS n
                        FROM parse_warnings w LEFT JOIN sources s ON s.source_id = w.source_id
                        WHERE {cond} GROUP BY 1, 2, 3 ORDER BY 1, n DESC, 2, 3""", params)


def unmapped_all(con) -> pd.DataFrame:
    """Sector names as printed that map to no canonical sector, per source (``source_id``,
    ``file_name``), with how many initiatives carry each: once per database file (at 1 M a join of
    1.4 million sector rows with the initiatives)."""
    return _df(con, """SELECT i.source_id, s.file_name, x.source_sector, count(DISTINCT x.initiative_id) AS n
                       FROM initiative_sectors x JOIN initiatives i ON i.initiative_id = x.initiative_id
                       JOIN sources s ON s.source_id = i.source_id
                       WHERE x.sector IS NULL GROUP BY 1, 2, 3""", [])


def unmapped_from(everything: pd.DataFrame, source_ids) -> pd.DataFrame:
    """:func:`unmapped_all` of the sources ``source_ids`` (those the source filter keeps), per
    file name and printed name (an initiative is in one source: the counts add up)."""
    rows = everything[everything["source_id"].isin(list(source_ids))]
    out = rows.groupby(["file_name", "source_sector"], as_index=False, sort=False)["n"].sum()
    out = out.sort_values(["n", "source_sector"], ascending=[False, True], kind="stable")
    out = out.sort_values("file_name", kind="stable").reset_index(drop=True)
    return out.astype({"n": "int64"})


def unmapped_sectors(con, f: Filters) -> pd.DataFrame:
    """Sector names as printed that map to no canonical sector, per source, with how many
    initiatives carry each (loaded with sector NULL, never dropped: etl/sectors.py can learn them)."""
    return unmapped_from(unmapped_all(con), source_figures(con, f)["source_id"])


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
