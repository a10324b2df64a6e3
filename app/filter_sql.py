"""The one translation of :class:`app.filters.Filters` into SQL, for every query of the app.

Every filtered query reads rows of ``initiative_facets`` (etl/schema.sql: one row per
initiative, its municipalities, sectors and types folded into lists, lower-case copies of
its texts), so one condition serves the figures, the explorer, the downloads and the
benchmark. Tables that belong to a source rather than an initiative (targets, parse
warnings) take :func:`source_condition`, the same source rule on their own column.

Every value travels as a bound parameter; the SQL text depends only on which filters are
set and how many values each has. Table and column names are constants here."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import NamedTuple

import duckdb
import numpy as np

from app.filters import Filters
from etl import search_index

#: The relation every filtered query reads (one row per initiative).
FACETS = "initiative_facets"


class Condition(NamedTuple):
    """A SQL boolean expression and its bound parameters, in placeholder order."""

    sql: str
    params: list

    @staticmethod
    def all_of(parts: list[Condition]) -> Condition:
        parts = [p for p in parts if p.sql != "TRUE"]
        return Condition(" AND ".join(p.sql for p in parts) or "TRUE", [v for p in parts for v in p.params])


def _placeholders(n: int) -> str:
    return ", ".join("?" * n)


#: Filters answered by a list column of the facets row: filter field, list column. (The sector
#: filter is answered by ``sector_mask``: :func:`sector_condition`.)
_LIST_FILTERS = (("municipality", "municipalities"), ("type", "types"))


def source_condition(sources: tuple[str, ...], column: str) -> Condition:
    """``column`` holds one of ``sources``, each named by its id or by its file name."""
    if not sources:
        return Condition("TRUE", [])
    n = _placeholders(len(sources))
    return Condition(f"{column} IN (SELECT source_id FROM sources WHERE source_id IN ({n}) OR file_name IN ({n}))",
                     list(sources) * 2)


def sector_condition(sectors: tuple[str, ...], alias: str) -> Condition:
    """The initiative has one of the canonical ``sectors``: its ``sector_mask`` (bit k = the sector
    of ``sort_order`` k + 1) shares a bit with theirs. One integer test per row where
    ``list_contains`` on the sector list compared texts (a sector filter at 1,000,000: 20 → 8 ms of
    CPU to resolve). Same rows: ``sectors`` holds the canonical sectors only, each from the
    ``sectors`` table (etl/sectors.py; the mask and the list are written together,
    etl/schema.sql); a value that is not a canonical sector has no bit and keeps nothing."""
    if not sectors:
        return Condition("TRUE", [])
    return Condition(f"({alias}.sector_mask & (SELECT coalesce(bit_or(1 << (sort_order - 1)), 0) FROM sectors "
                     f"WHERE sector IN ({_placeholders(len(sectors))}))::INTEGER) <> 0", list(sectors))


def text_condition(q: str, alias: str, indexed: bool = True) -> Condition:
    """The free-text filter: every word of ``q`` occurs inside a word of the title, description or
    municipality names, folded (README; the rules and the index: etl/search_index.py). ``indexed``:
    read the ETL's word index; else scan the texts (same rows), for a database without one."""
    return Condition(*search_index.condition(q, alias, indexed))


@dataclass(frozen=True)
class Selection(Filters):
    """Filters resolved against one database file (:func:`resolve`, once per filter and file:
    app.cached): the initiatives they keep as a bitmap over ``initiative_facets.doc``, and
    whether the text filter reads the word index. Every query given a Selection tests one bit
    per row instead of evaluating the filters again — the filters (a text search through the
    index, list lookups) are evaluated once per filter change, not once per query of a page.
    ``bits`` is None when the filters are cheap enough to evaluate in each query (none, or
    only source, adoption and years) or the database has no index (an older ETL's)."""

    bits: bytes | None = None
    count: int | None = None  # initiatives kept, with ``bits``
    indexed: bool = True
    titles: bool = False  # the file has a usable title index (app/relevance.py)
    points: bool = False  # the file has the scatter's rows in order (app.queries.evr_points)


def resolve(con: duckdb.DuckDBPyConnection, f: Filters, indexed: bool, titles: bool = False,
            points: bool = False) -> Selection:
    """``f`` against the database of ``con``; ``indexed``: it has a usable word index
    (``etl.search_index.usable``, asked once per file), ``titles``: and a title index
    (``etl.search_index.titles_usable``), ``points``: the scatter's rows
    (``app.queries.evr_points_usable``). The bitmap is the AND of the other filters' rows (one
    scan of the facets table) and of each search word's postings (read from the index alone: no
    join)."""
    plain = Selection(**{k.name: getattr(f, k.name) for k in fields(Filters)}, indexed=indexed,
                      titles=indexed and titles, points=points)
    if not indexed or not (f.municipality or f.sector or f.type or f.q):
        return plain
    (n,) = con.execute(f"SELECT count(*) FROM {FACETS}").fetchone() or (0,)  # from table statistics

    def rows(sql: str, params: list) -> np.ndarray:
        keep = np.zeros(n, dtype=bool)
        keep[con.execute(sql, params).fetchnumpy()["doc"].astype(np.int64)] = True
        return keep

    keep = np.ones(n, dtype=bool)
    others = where(replace(plain, q=None), "x")
    if others.sql != "TRUE":
        keep &= rows(f"SELECT x.doc FROM {FACETS} x WHERE {others.sql}", others.params)
    for word in search_index.words(f.q or ""):
        keep &= rows(search_index.DOCS_WITH_WORD, [word])
    return replace(plain, bits=np.packbits(keep).tobytes(), count=int(keep.sum()))


def where(f: Filters, alias: str = "x") -> Condition:
    """The condition on ``initiative_facets AS <alias>`` selecting the initiatives ``f`` keeps.

    Values of one filter are alternatives (OR), the filters together must all hold (AND); a
    year filter excludes initiatives without a known year. A resolved :class:`Selection` is one
    bit test (the bitmap is in the order of ``np.packbits``: doc 0 is the first byte's high bit,
    as DuckDB's ``get_bit`` counts)."""
    a = alias
    if isinstance(f, Selection) and f.bits is not None:
        return Condition(f"get_bit(?::BLOB::BIT, {a}.doc) = 1", [f.bits])
    parts: list[Condition] = []
    for field, column in _LIST_FILTERS:
        values = getattr(f, field)
        if values:  # one list_contains per value: several times faster than list_has_any (DuckDB 2.0)
            parts.append(Condition("(" + " OR ".join([f"list_contains({a}.{column}, ?)"] * len(values)) + ")",
                                   list(values)))
    parts.append(sector_condition(f.sector, a))
    parts.append(source_condition(f.source, f"{a}.source_id"))
    if f.adopted is not None:
        parts.append(Condition(f"{a}.adopted = ?", [f.adopted]))
    if f.year_from is not None:
        parts.append(Condition(f"{a}.full_phase_in_year >= ?", [f.year_from]))
    if f.year_to is not None:
        parts.append(Condition(f"{a}.full_phase_in_year <= ?", [f.year_to]))
    if f.q:
        parts.append(text_condition(f.q, a, f.indexed if isinstance(f, Selection) else True))
    return Condition.all_of(parts)


def on_doc(f: Filters, alias: str) -> Condition:
    """:func:`where` for a table keyed by ``doc`` (``<alias>.doc``, e.g. initiative_facet_gains): the
    bit test of a resolved :class:`Selection` (or no condition), else a semi-join through the
    facets rows."""
    cond = where(f, "x")
    if cond.sql == "TRUE" or (isinstance(f, Selection) and f.bits is not None):
        return where(f, alias)
    return Condition(f"{alias}.doc IN (SELECT x.doc FROM {FACETS} x WHERE {cond.sql})", cond.params)


def filtered_ids(f: Filters) -> Condition:
    """``SELECT initiative_id`` of the initiatives ``f`` keeps (for ``… IN (…)`` on other tables)."""
    cond = where(f, "x")
    return Condition(f"SELECT x.initiative_id FROM {FACETS} x WHERE {cond.sql}", cond.params)


def filtered_cte(f: Filters) -> tuple[str, list]:
    """CTE ``fi``: the filtered initiatives as rows of ``initiative_facets`` (ids, figures, year,
    adopted, and the lists ``municipalities``, ``sectors``, ``types``, ``gains``)."""
    cond = where(f, "x")
    return f"fi AS NOT MATERIALIZED (SELECT x.* FROM {FACETS} x WHERE {cond.sql})", cond.params
