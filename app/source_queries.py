"""What the sources page reads (``/sources``): the loaded documents and what each contributed,
how their amounts were read, the PDF tables, the parse warnings and the printed sectors with no
canonical sector. Pure functions ``(con, …) -> value`` like :mod:`app.queries`; the parts that do
not depend on the filters (:func:`source_documents`, :func:`unmapped_all`) are asked once per
database file and narrowed in pandas (:func:`sources_from`, :func:`unmapped_from`)."""
from __future__ import annotations

import pandas as pd

from app.filter_sql import filtered_cte, source_condition
from app.filters import Filters


def _df(con, sql: str, params: list) -> pd.DataFrame:
    return con.execute(sql, params).df()


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
    cte, params = filtered_cte(f)
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
