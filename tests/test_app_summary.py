"""Per-filter summaries (app.summary): every figure summed from the one scan equals a plain SQL
computation over ``initiatives`` and its link tables for the same filter (hand-written here,
not app.filter_sql), with the filters bare and resolved to a bitmap as the app resolves them."""
import math

import pandas as pd
import pytest

from app import source_queries, summary
from app.filter_sql import resolve
from app.filters import Filters

#: name: (filters, the same filter as plain SQL on ``initiatives i``)
FILTERS = {
    "all": (Filters(), "TRUE"),
    "skole": (Filters(sector=("skole",)),
              "i.initiative_id IN (SELECT initiative_id FROM initiative_sectors WHERE sector = 'skole')"),
    "two_sectors_adopted": (Filters(sector=("dagtilbud", "teknik_miljoe"), adopted=True),
                            "i.adopted AND i.initiative_id IN (SELECT initiative_id FROM initiative_sectors "
                            "WHERE sector IN ('dagtilbud', 'teknik_miljoe'))"),
    "aarhus": (Filters(municipality=("Aarhus",)),
               "i.initiative_id IN (SELECT initiative_id FROM initiative_municipalities "
               "WHERE municipality = 'Aarhus')"),
    "years": (Filters(year_from=2016, year_to=2024), "i.full_phase_in_year BETWEEN 2016 AND 2024"),
    "type_udbud": (Filters(type=("Udbud",)),
                   "i.initiative_id IN (SELECT initiative_id FROM initiative_types WHERE measure_type = 'Udbud')"),
    "not_a_sector": (Filters(sector=("findes_ikke",)), "FALSE"),
    "nothing": (Filters(q="findes ikke"), "FALSE"),
}


def plain(con, where: str, sql: str) -> pd.DataFrame:
    return con.execute(f"WITH fi AS (SELECT * FROM initiatives i WHERE {where}) {sql}").df()


def variants(con, f: Filters) -> list[Filters]:
    return [f, resolve(con, f, True)]


@pytest.mark.parametrize("name", list(FILTERS))
def test_key_figures_equal_plain_sql(app_con, name):
    f, where = FILTERS[name]
    want = plain(app_con, where, """SELECT count(*) AS n, sum(expected_tkr) AS e, count(expected_tkr) AS ne,
        sum(realised_tkr) AS r, count(realised_tkr) AS nr, count(*) FILTER (WHERE adopted) AS na,
        count(adopted) AS nak FROM fi""").iloc[0]
    munis = plain(app_con, where, """SELECT count(DISTINCT m.municipality) FROM initiative_municipalities m
        WHERE m.initiative_id IN (SELECT initiative_id FROM fi)""" + (
        " AND m.municipality IN ('Aarhus')" if f.municipality else "")).iloc[0, 0]
    for g in variants(app_con, f):
        k = summary.kpis_from(summary.summary(app_con, g), summary.municipality_count(app_con, g)).iloc[0]
        assert (k["n_initiatives"], k["n_expected"], k["n_realised"], k["n_adopted"], k["n_adopted_known"],
                k["n_municipalities"]) == (want["n"], want["ne"], want["nr"], want["na"], want["nak"], munis)
        assert k["n_expected_missing"] == want["n"] - want["ne"]
        for got, exp in ((k["expected_tkr"], want["e"]), (k["realised_tkr"], want["r"])):
            assert math.isnan(got) if pd.isna(exp) else got == pytest.approx(exp)  # unknown stays unknown
        share = want["na"] / want["nak"] if want["nak"] else None
        assert math.isnan(k["share_adopted"]) if share is None else k["share_adopted"] == pytest.approx(share)


@pytest.mark.parametrize("name", list(FILTERS))
def test_years_and_staircase_equal_plain_sql(app_con, name):
    f, where = FILTERS[name]
    want = plain(app_con, where, """SELECT full_phase_in_year AS year, sum(expected_tkr) AS e, count(*) AS n
        FROM fi GROUP BY 1 ORDER BY 1 NULLS LAST""")
    for g in variants(app_con, f):
        by_year = summary.gains_by_year_from(summary.summary(app_con, g))
        assert [None if pd.isna(y) else int(y) for y in by_year["year"]] == \
               [None if pd.isna(y) else int(y) for y in want["year"]]
        assert list(by_year["n"]) == list(want["n"])
        assert by_year["expected_tkr"].tolist() == pytest.approx(want["e"].tolist(), nan_ok=True)
        stairs = summary.staircase_from(by_year)
        known = want[want["year"].notna()]
        assert [int(y) for y in stairs["year"]] == [int(y) for y in known["year"]]
        assert stairs["cumulative_tkr"].tolist() == pytest.approx(known["e"].fillna(0).cumsum().tolist())
        assert stairs["cumulative_n"].tolist() == known["n"].cumsum().tolist()


@pytest.mark.parametrize("name", list(FILTERS))
def test_per_sector_equals_plain_sql(app_con, name):
    f, where = FILTERS[name]
    want = plain(app_con, where, """
        SELECT s.sector, count(DISTINCT fi.initiative_id) AS n, sum(fi.expected_tkr) AS e
        FROM fi LEFT JOIN (SELECT DISTINCT initiative_id, sector FROM initiative_sectors WHERE sector IS NOT NULL) s
          ON s.initiative_id = fi.initiative_id
        GROUP BY 1""")
    multi = plain(app_con, where, """SELECT count(*) FROM fi WHERE (SELECT count(DISTINCT sector)
        FROM initiative_sectors s WHERE s.initiative_id = fi.initiative_id) > 1""").iloc[0, 0]
    want = {(None if pd.isna(r.sector) else r.sector): (r.n, r.e) for r in want.itertuples()}
    for g in variants(app_con, f):
        s = summary.summary(app_con, g)
        got = summary.by_sector_from(s, summary.sectors(app_con))
        assert {(None if pd.isna(r.sector) else r.sector): r.n for r in got.itertuples()} == \
               {k: v[0] for k, v in want.items()}
        for r in got.itertuples():
            e = want[None if pd.isna(r.sector) else r.sector][1]
            assert math.isnan(r.expected_tkr) if pd.isna(e) else r.expected_tkr == pytest.approx(e)
        assert summary.n_multi_from(s) == multi
        orders = [o for o in got["sort_order"] if not pd.isna(o)]
        assert orders == sorted(orders)


@pytest.mark.parametrize("name", list(FILTERS))
def test_expected_vs_realised_equal_plain_sql(app_con, name):
    f, where = FILTERS[name]
    want = plain(app_con, where, """SELECT
        count(*) FILTER (WHERE expected_tkr IS NOT NULL AND realised_tkr IS NOT NULL) AS nb,
        count(*) FILTER (WHERE expected_tkr IS NOT NULL AND realised_tkr IS NULL) AS ne,
        count(*) FILTER (WHERE expected_tkr IS NULL AND realised_tkr IS NOT NULL) AS nr,
        count(*) FILTER (WHERE expected_tkr IS NULL AND realised_tkr IS NULL) AS nn,
        sum(realised_tkr) FILTER (WHERE expected_tkr IS NOT NULL) AS rb FROM fi""").iloc[0]
    per = plain(app_con, where, """
        SELECT s.sector, count(*) FILTER (WHERE fi.expected_tkr IS NOT NULL AND fi.realised_tkr IS NOT NULL) AS nb,
               sum(fi.realised_tkr) FILTER (WHERE fi.expected_tkr IS NOT NULL)
                 / sum(fi.expected_tkr) FILTER (WHERE fi.realised_tkr IS NOT NULL) AS rate
        FROM fi LEFT JOIN (SELECT DISTINCT initiative_id, sector FROM initiative_sectors WHERE sector IS NOT NULL) s
          ON s.initiative_id = fi.initiative_id
        GROUP BY 1 HAVING count(fi.expected_tkr) + count(fi.realised_tkr) > 0""")
    for g in variants(app_con, f):
        es = summary.evr_summary(app_con, g)
        c = summary.evr_counts_from(es).iloc[0]
        assert (c["n_both"], c["n_expected_only"], c["n_realised_only"], c["n_neither"]) == \
               (want["nb"], want["ne"], want["nr"], want["nn"])
        assert math.isnan(c["realised_both_tkr"]) if pd.isna(want["rb"]) else \
            c["realised_both_tkr"] == pytest.approx(want["rb"])
        got = summary.realisation_from(es, summary.sectors(app_con))
        want_per = {key(r.sector): (r.nb, r.rate) for r in per.itertuples()}
        assert {key(r.sector): r.n_both for r in got.itertuples()} == {k: v[0] for k, v in want_per.items()}
        for r in got.itertuples():
            rate = want_per[key(r.sector)][1]
            assert math.isnan(r.rate) if pd.isna(rate) else r.rate == pytest.approx(rate)


def key(sector) -> str:
    return "-" if pd.isna(sector) else str(sector)


#: The sources page's parts: (filters, the documents they keep as plain SQL on ``sources s``).
SOURCE_FILTERS = {
    "all": (Filters(), "TRUE"),
    "one_by_id": (Filters(source=("cccccccccccc",)), "s.source_id = 'cccccccccccc'"),
    "skole": (Filters(sector=("skole",)), "TRUE"),
    "adopted_in_one": (Filters(adopted=True, source=("aaaaaaaaaaaa",)), "s.source_id = 'aaaaaaaaaaaa'"),
    "unknown_source": (Filters(source=("findes_ikke",)), "FALSE"),
}


@pytest.mark.parametrize("name", list(SOURCE_FILTERS))
def test_source_parts_equal_plain_sql(app_con, name):
    f, keep = SOURCE_FILTERS[name]
    where = FILTERS["skole"][1] if f.sector else ("i.adopted" if f.adopted else "TRUE")
    want = app_con.execute(f"""
        SELECT s.source_id,
               (SELECT count(*) FROM initiatives i WHERE i.source_id = s.source_id AND {where}) AS n,
               (SELECT count(*) FROM initiatives i WHERE i.source_id = s.source_id AND {where}
                  AND i.expected_tkr IS NULL) AS null_expected,
               (SELECT count(*) FROM appearances a WHERE a.source_id = s.source_id) AS n_appearances,
               (SELECT count(*) FROM parse_warnings w WHERE w.source_id = s.source_id) AS n_warnings
        FROM sources s WHERE {keep} ORDER BY s.file_name""").fetchall()
    for g in variants(app_con, f):
        got = source_queries.sources(app_con, g)
        assert list(got.columns) == list(source_queries.SOURCE_COLUMNS)
        assert [(r.source_id, r.n_initiatives, r.null_expected, r.n_appearances, r.n_warnings)
                for r in got.itertuples()] == want
    unmapped = app_con.execute(f"""
        SELECT s.file_name, x.source_sector, count(DISTINCT x.initiative_id) AS n
        FROM initiative_sectors x JOIN initiatives i USING (initiative_id) JOIN sources s ON s.source_id = i.source_id
        WHERE x.sector IS NULL AND {keep} GROUP BY 1, 2 ORDER BY 1, n DESC, 2""").fetchall()
    got = source_queries.unmapped_sectors(app_con, f)
    assert list(got.itertuples(index=False, name=None)) == unmapped
