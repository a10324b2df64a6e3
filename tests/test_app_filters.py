"""Filters: URL parsing (notices, never a crash), round trip, and parametrised SQL."""
import pytest

from app.filter_sql import filtered_ids, source_condition, where
from app.filters import Filters, from_query_params, to_query_params
from tests.appdb import INITIATIVES


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


def ids(con, f: Filters) -> set[str]:
    """The initiative ids the one filter translation selects."""
    sql, params = filtered_ids(f)
    return {r[0] for r in con.execute(sql, params).fetchall()}


# column positions in tests.appdb.INITIATIVES
ID, SOURCE, MUNS, TITLE, DESC, YEAR, ADOPTED, SECTORS, TYPES = 0, 1, 2, 3, 4, 11, 12, 13, 14


def keep(pred) -> set[str]:
    return {r[ID] for r in INITIATIVES if pred(r)}


@pytest.mark.parametrize("f, want", [
    (Filters(), keep(lambda r: True)),
    (Filters(municipality=("Odense",), adopted=True), keep(lambda r: "Odense" in (r[MUNS] or []) and r[ADOPTED])),
    (Filters(municipality=("Aalborg", "Vejle")), keep(lambda r: {"Aalborg", "Vejle"} & set(r[MUNS] or []))),
    (Filters(sector=("skole",)), keep(lambda r: "skole" in [s for s, _ in r[SECTORS]])),
    (Filters(sector=("skole", "social")), keep(lambda r: {"skole", "social"} & {s for s, _ in r[SECTORS]})),
    (Filters(type=("Udbud",), sector=("administration",)),
     keep(lambda r: "Udbud" in r[TYPES] and "administration" in [s for s, _ in r[SECTORS]])),
    (Filters(source=("bbbbbbbbbbbb",)), keep(lambda r: r[SOURCE] == "bbbbbbbbbbbb")),
    (Filters(source=("001_b17.txt",)), keep(lambda r: r[SOURCE] == "bbbbbbbbbbbb")),  # by file name
    (Filters(adopted=False), keep(lambda r: r[ADOPTED] is False)),  # unknown is neither yes nor no
    (Filters(year_from=2024), keep(lambda r: r[YEAR] is not None and r[YEAR] >= 2024)),
    (Filters(year_from=2016, year_to=2017), keep(lambda r: r[YEAR] in (2016, 2017))),  # NULL year excluded
    (Filters(q="VIKAR"), {"i06"}),  # case-insensitive, title or description
    (Filters(q="institutioner"), {"i01"}),  # in the description only
    (Filters(q="%"), keep(lambda r: True)),  # no word, only punctuation: no text filter ...
    (Filters(q="_"), keep(lambda r: True)),  # ... (tests/test_search_index.py has the search's own table)
    (Filters(q="rengoering institutioner"), {"i01"}),  # every word, folded
    (Filters(q="=hyperlink"), {"i03"}),
    (Filters(q="rengøring", municipality=("Odense",)), set()),
], ids=lambda v: repr(sorted(v)) if isinstance(v, set) else repr(v))  # sorted: the same ids in every process
def test_one_translation_selects(app_con, f, want):
    assert ids(app_con, f) == want


def test_where_is_parametrised(app_con):
    evil = "x'); DROP TABLE initiatives; --"
    f = Filters(municipality=(evil,), sector=(evil,), type=(evil,), source=(evil,), q=evil)
    sql, params = where(f)
    assert evil not in sql and "DROP" not in sql
    # municipality, sector, type: once each; source: as id and as file name; q: as its words
    assert params.count(evil) == 5
    assert {"x", "drop", "table", "initiatives"} <= set(params)
    assert sql.count("?") == len(params)
    assert ids(app_con, f) == set()
    assert app_con.execute("SELECT count(*) FROM initiatives").fetchone()[0] == len(INITIATIVES)


def test_source_condition_for_tables_of_a_source(app_con):
    sql, params = source_condition(("cccccccccccc",), "source_id")
    assert app_con.execute(f"SELECT count(*) FROM targets WHERE {sql}", params).fetchone()[0] == 8
    assert source_condition((), "source_id") == ("TRUE", [])
