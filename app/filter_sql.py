"""The one translation of :class:`app.filters.Filters` into SQL, for every query of the app.

Every filtered query reads rows of ``initiative_facets`` (etl/schema.sql: one row per
initiative, its municipalities, sectors and types folded into lists, lower-case copies of
its texts), so one condition serves the figures, the explorer, the downloads and the
benchmark. Tables that belong to a source rather than an initiative (targets, parse
warnings) take :func:`source_condition`, the same source rule on their own column.

Every value travels as a bound parameter; the SQL text depends only on which filters are
set and how many values each has. Table and column names are constants here."""
from __future__ import annotations

from typing import NamedTuple

from app.filters import Filters

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


#: Filters answered by a list column of the facets row: filter field, list column.
_LIST_FILTERS = (("municipality", "municipalities"), ("sector", "sectors"), ("type", "types"))


def source_condition(sources: tuple[str, ...], column: str) -> Condition:
    """``column`` holds one of ``sources``, each named by its id or by its file name."""
    if not sources:
        return Condition("TRUE", [])
    n = _placeholders(len(sources))
    return Condition(f"{column} IN (SELECT source_id FROM sources WHERE source_id IN ({n}) OR file_name IN ({n}))",
                     list(sources) * 2)


def text_condition(q: str, alias: str) -> Condition:
    """The free-text filter: ``q`` occurs, literally and ignoring case, in the title or the
    description (the facets row holds both in lower case)."""
    return Condition(f"(strpos({alias}.title_lower, lower(?)) > 0 OR strpos({alias}.description_lower, lower(?)) > 0)",
                     [q, q])


def where(f: Filters, alias: str = "x") -> Condition:
    """The condition on ``initiative_facets AS <alias>`` selecting the initiatives ``f`` keeps.

    Values of one filter are alternatives (OR), the filters together must all hold (AND); a
    year filter excludes initiatives without a known year."""
    a = alias
    parts: list[Condition] = []
    for field, column in _LIST_FILTERS:
        values = getattr(f, field)
        if values:  # one list_contains per value: several times faster than list_has_any (DuckDB 2.0)
            parts.append(Condition("(" + " OR ".join([f"list_contains({a}.{column}, ?)"] * len(values)) + ")",
                                   list(values)))
    parts.append(source_condition(f.source, f"{a}.source_id"))
    if f.adopted is not None:
        parts.append(Condition(f"{a}.adopted = ?", [f.adopted]))
    if f.year_from is not None:
        parts.append(Condition(f"{a}.full_phase_in_year >= ?", [f.year_from]))
    if f.year_to is not None:
        parts.append(Condition(f"{a}.full_phase_in_year <= ?", [f.year_to]))
    if f.q:
        parts.append(text_condition(f.q, a))
    return Condition.all_of(parts)


def where_on_initiatives(f: Filters, alias: str = "i") -> Condition | None:
    """:func:`where` applied to ``initiatives AS <alias>`` itself, when ``f`` filters only columns
    that table has under the same names (source, adopted, years); None when it needs the facets
    row (a municipality, sector or type list, the free text).

    WHY: a page of rows is read from ``initiatives`` (titles, printed texts); a semi-join through
    ``initiative_facets`` costs a hash join on a million text ids (adopted filter at 1 M: 160 ms
    directly, 640 ms through the join), while for the list filters it is the faster way."""
    if f.municipality or f.sector or f.type or f.q:
        return None
    return where(f, alias)


def filtered_ids(f: Filters) -> Condition:
    """``SELECT initiative_id`` of the initiatives ``f`` keeps (for ``… IN (…)`` on other tables)."""
    cond = where(f, "x")
    return Condition(f"SELECT x.initiative_id FROM {FACETS} x WHERE {cond.sql}", cond.params)
