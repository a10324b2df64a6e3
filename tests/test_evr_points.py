"""The expected-vs-realised scatter's rows (``initiative_evr_points``, etl.load.refresh_evr_points)
and ``app.queries.evr_points`` read through them: the same points as from the facets, for every
filter, on the test database and the built-in data; an older or out-of-step file is not read."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from app import queries
from app.filter_sql import resolve
from app.filters import Filters
from etl import load
from tests.appdb import changed_copy

#: Filters and how many points each keeps (tests/appdb.py: i06, i07 and i09 have both figures).
FILTERS = {
    "none": (Filters(), 3),
    "a sector": (Filters(sector=("dagtilbud",)), 1),
    "two sectors": (Filters(sector=("aeldre_sundhed", "tvaergaaende")), 2),
    "a search": (Filters(q="fælles"), 1),
    "a search and a year": (Filters(q="e", year_to=2016), 2),
    "a municipality": (Filters(municipality=("Vejle", "Odense")), 2),
    "a type, not adopted": (Filters(type=("Bygninger",), adopted=False), 1),
    "no point kept": (Filters(sector=("skole",)), 0),
    "nothing kept": (Filters(q="zzzz-no-such-text"), 0),
}


def _both(con, f: Filters, limit: int):
    """The points three ways: bare filters (facets), resolved without and with the table."""
    return [queries.evr_points(con, g, limit) for g in
            (f, resolve(con, f, True, True, False), resolve(con, f, True, True, True))]


@pytest.mark.parametrize("limit", [2000, 1])
@pytest.mark.parametrize("name", list(FILTERS))
def test_points_through_the_table_equal_the_facets(app_con, name, limit):
    assert queries.evr_points_usable(app_con)
    f, n = FILTERS[name]
    bare, facets, table = _both(app_con, f, limit)
    assert table.equals(facets) and table.equals(bare)
    assert len(table) == min(n, limit)
    assert table["realised_tkr"].notna().all()  # only initiatives with both figures, largest expected first
    assert list(table["expected_tkr"]) == sorted(table["expected_tkr"], reverse=True)


def test_points_through_the_table_on_the_built_in_data(built_db):
    with duckdb.connect(str(built_db), read_only=True) as con:
        assert queries.evr_points_usable(con)
        n_both = con.execute("SELECT count(*) FROM initiative_evr_points").fetchone()[0]
        assert n_both > 0
        sectors = [r[0] for r in con.execute("SELECT sector FROM sectors").fetchall()]
        drawn = 0
        for f in [Filters(sector=(s,)) for s in sectors] + [Filters(q=q) for q in ("kommune", "udbud", "skole")]:
            bare, facets, table = _both(con, f, 3)
            assert table.equals(facets) and table.equals(bare), f
            drawn += len(table)
        assert drawn >= 5  # not a comparison of empty frames


@pytest.mark.parametrize("change", [
    "DROP TABLE initiative_evr_points",
    "DELETE FROM initiative_evr_points WHERE doc = (SELECT max(doc) FROM initiative_evr_points)",
    "UPDATE initiative_facets SET realised_tkr = NULL WHERE doc = (SELECT min(doc) FROM initiative_evr_points)",
])
def test_an_older_or_out_of_step_file_is_read_from_the_facets(app_db_path, tmp_path, change):
    db = changed_copy(app_db_path, tmp_path / "copy.duckdb", change)
    with duckdb.connect(str(db), read_only=True) as con:
        assert not queries.evr_points_usable(con)


def test_refresh_writes_the_rows_in_the_scatters_order(app_db_path, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copyfile(app_db_path, db)
    with duckdb.connect(str(db)) as con:
        con.execute("DROP TABLE initiative_evr_points")  # an older file: created again
        n = load.refresh_evr_points(con)
        rows = con.execute("SELECT expected_tkr, doc FROM initiative_evr_points").fetchall()
        assert n == len(rows) > 0 and rows == sorted(rows, key=lambda r: (-r[0], r[1]))
        assert queries.evr_points_usable(con)
