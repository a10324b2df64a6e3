"""Filters: URL parsing (notices, never a crash), round trip, and parametrised SQL."""
import pytest

from app.filters import Filters, from_query_params, source_clause, to_query_params, where_clause
from tests.appdb import INITIATIVES, app_con, app_db_path  # noqa: F401


def test_defaults_from_empty_url():
    f, notices = from_query_params({})
    assert f == Filters() and notices == [] and f.is_empty()


def test_repeated_params_and_contract_values():
    f, notices = from_query_params({"municipality": ["Aarhus", "Odense", "Aarhus"], "sector": "skole",
                                    "adopted": "ja", "year_from": "2020", "year_to": "2025", "q": " vikar ",
                                    "lang": "en", "present": "1"})
    assert notices == []
    assert f.municipality == ("Aarhus", "Odense")
    assert f.sector == ("skole",) and f.adopted is True
    assert (f.year_from, f.year_to, f.q, f.lang, f.present) == (2020, 2025, "vikar", "en", True)
    assert from_query_params({"adopted": "nej"})[0].adopted is False


@pytest.mark.parametrize("params, reason", [
    ({"foo": "1"}, "unknown_param"),
    ({"year_from": "20x5"}, "bad_year"),
    ({"year_to": "99999"}, "bad_year"),
    ({"adopted": "måske"}, "bad_adopted"),
    ({"lang": "de"}, "bad_lang"),
    ({"present": "yes please"}, "bad_present"),
])
def test_malformed_params_give_notices_and_defaults(params, reason):
    f, notices = from_query_params(params)
    assert [n.reason for n in notices] == [reason]
    assert f == Filters()


def test_swapped_years_are_swapped_with_notice():
    f, notices = from_query_params({"year_from": "2026", "year_to": "2020"})
    assert (f.year_from, f.year_to) == (2020, 2026)
    assert [n.reason for n in notices] == ["year_order"]


def test_round_trip():
    f = Filters(municipality=("Aarhus", "Vejle"), sector=("skole",), type=("Udbud",), source=("x",),
                adopted=False, year_from=2015, year_to=2030, q="digital", lang="en", present=True)
    qp = to_query_params(f)
    assert qp["municipality"] == ["Aarhus", "Vejle"] and qp["adopted"] == "nej" and qp["present"] == "1"
    assert from_query_params(qp) == (f, [])
    assert to_query_params(Filters()) == {}


def test_where_clause_is_parametrised(app_con):
    evil = "x'); DROP TABLE initiatives; --"
    f = Filters(municipality=(evil,), sector=(evil,), type=(evil,), source=(evil,), q=evil)
    sql, params = where_clause(f)
    assert evil not in sql and "DROP" not in sql
    # municipality, sector, type: once each; source: as id and as file name; q: title and description
    assert params.count(evil) == 7
    assert sql.count("?") == len(params)
    assert app_con.execute(f"SELECT count(*) FROM initiatives i WHERE {sql}", params).fetchone()[0] == 0
    assert app_con.execute("SELECT count(*) FROM initiatives").fetchone()[0] == len(INITIATIVES)


def test_where_clause_matches_python_filter(app_con):
    f = Filters(municipality=("Odense",), adopted=True)
    sql, params = where_clause(f)
    got = {r[0] for r in app_con.execute(f"SELECT initiative_id FROM initiatives i WHERE {sql}", params).fetchall()}
    want = {i[0] for i in INITIATIVES if i[2] and "Odense" in i[2] and i[12] is True}
    assert got == want and got


def test_search_is_literal_and_case_insensitive(app_con):
    for q, want in (("VIKAR", {"i06"}), ("%", set()), ("_", set()), ("=hyperlink", {"i03"})):
        sql, params = where_clause(Filters(q=q))
        got = {r[0] for r in app_con.execute(f"SELECT initiative_id FROM initiatives i WHERE {sql}",
                                             params).fetchall()}
        assert got == want, q


def test_source_by_id_or_file_name(app_con):
    for s in ("bbbbbbbbbbbb", "001_b17.txt"):
        sql, params = where_clause(Filters(source=(s,)))
        n = app_con.execute(f"SELECT count(*) FROM initiatives i WHERE {sql}", params).fetchone()[0]
        assert n == sum(1 for i in INITIATIVES if i[1] == "bbbbbbbbbbbb")
    sql, params = source_clause(Filters(source=("cccccccccccc",)), "source_id")
    assert app_con.execute(f"SELECT count(*) FROM targets WHERE {sql}", params).fetchone()[0] == 8
