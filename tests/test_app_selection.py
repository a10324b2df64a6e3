"""Filters resolved once per filter and file (app.filter_sql.Selection): every query answers the
same with the resolved filters as with the bare ones, through the word index or the scan."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from app import queries, source_queries
from app.filter_sql import filtered_ids, resolve, where
from app.filters import Filters
from app.planner import data as planner_data

#: Every query of the dashboard that takes filters, with the extra arguments the pages pass.
QUERIES = [
    (queries.kpis, ()), (queries.gains_by_year, ()), (queries.staircase, ()), (queries.yearly_gains, ()),
    (queries.yearly_gains, (True,)), (queries.by_sector, ()), (queries.n_multi_sector, ()),
    (queries.evr_counts, ()), (queries.evr_points, ()), (queries.realisation_by_sector, ()),
    (queries.explorer, ()), (queries.explorer, (50, 0, "expected_tkr", True)), (queries.explorer_count, ()),
    (queries.export_rows, ()), (source_queries.sources, ()),
    (planner_data.candidates, (("Aarhus",), (350000,), "per_inhabitant", 20, 0)),
]

FILTERS = [
    Filters(),
    Filters(sector=("skole",)),
    Filters(municipality=("Aarhus", "Odense"), adopted=True),
    Filters(type=("Udbud",), year_from=2016),
    Filters(q="rengøring"),
    Filters(q="kommune skole"),
    Filters(q="--"),
    Filters(q="findes ikke"),
    Filters(q="aarhus", sector=("dagtilbud",), source=("004_idebank.txt",)),
    Filters(adopted=False),
]


def same(a, b) -> bool:
    if isinstance(a, pd.DataFrame):
        return a.reset_index(drop=True).equals(b.reset_index(drop=True))
    return a == b


@pytest.mark.parametrize("f", FILTERS, ids=repr)
@pytest.mark.parametrize("indexed", [True, False], ids=["index", "scan"])
def test_resolved_filters_give_the_same_answers(app_con, f, indexed):
    sel = resolve(app_con, f, indexed)
    assert (sel.bits is not None) == (indexed and bool(f.municipality or f.sector or f.type or f.q))
    for query, args in QUERIES:
        assert same(query(app_con, sel, *args), query(app_con, f, *args)), (query.__name__, args)


@pytest.mark.parametrize("q", ["digital", "rengøring", "udbud skole", "Århus", "velfærdsteknologi", "2025"])
def test_index_and_scan_agree_on_the_builtin_data(built_db, q):
    with duckdb.connect(str(built_db), read_only=True) as con:
        by_index, by_scan = resolve(con, Filters(q=q), True), resolve(con, Filters(q=q), False)
        assert by_index.count and by_index.count > 0
        assert queries.explorer_count(con, by_index) == queries.explorer_count(con, by_scan)
        assert same(queries.export_rows(con, by_index), queries.export_rows(con, by_scan))


def test_resolved_filters_are_one_bit_test(app_con):
    sel = resolve(app_con, Filters(sector=("skole",), q="skole"), True)
    cond = where(sel, "x")
    assert cond.sql == "get_bit(?::BLOB::BIT, x.doc) = 1" and cond.params == [sel.bits]
    n = app_con.execute("SELECT count(*) FROM initiative_facets").fetchone()[0]
    assert len(sel.bits) == (n + 7) // 8


@pytest.mark.parametrize("key", queries.SORT_KEYS)
@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
def test_explorer_pages_follow_the_sort_of_the_texts(built_db, key, descending):
    """The explorer picks its page by the facets' ranks (title, municipality) and numbers: the
    same rows in the same order as sorting ``initiatives`` itself, page after page."""
    with duckdb.connect(str(built_db), read_only=True) as con:
        for f in (Filters(), Filters(q="kommune"), Filters(sector=("administration",))):
            sel = resolve(con, f, True)
            ids = filtered_ids(f)
            # texts in Danish order, a title's leading quotation marks skipped (README: the explorer)
            column = {"title": "regexp_replace(i.title, '^[^\\p{L}\\p{N}]+', '') COLLATE da",
                      "municipality": "i.municipality COLLATE da"}.get(key, f"i.{key}")
            want = [r[0] for r in con.execute(
                f"SELECT initiative_id FROM initiatives i WHERE i.initiative_id IN ({ids.sql}) "
                f"ORDER BY {column} {'DESC' if descending else 'ASC'} NULLS LAST, i.initiative_id", ids.params
            ).fetchall()]
            got = []
            for offset in range(0, len(want), 50):
                got += list(queries.explorer(con, sel, 50, offset, key, descending)["initiative_id"])
            assert got == want
