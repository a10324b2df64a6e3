"""Query functions: every number equals a hand computation from tests/appdb.py's rows
or a hand-written SQL query on the same filter."""
import math

import pytest

from app import queries
from app.filters import Filters
from tests.appdb import GAINS, INITIATIVES, TARGETS, WARNINGS

# column positions in tests.appdb.INITIATIVES
ID, SRC, MUNS, TITLE, DESC, EXP, LOW, HIGH, ETXT, REAL, RTXT, YEAR, ADOPTED, SECTORS, TYPES = range(15)


def pick(pred=lambda r: True):
    return [r for r in INITIATIVES if pred(r)]


def total(rows, col):
    vals = [r[col] for r in rows if r[col] is not None]
    return sum(vals) if vals else None


FILTERS = {
    "all": (Filters(), lambda r: True),
    "skole": (Filters(sector=("skole",)), lambda r: any(s == "skole" for s, _ in r[SECTORS])),
    "aarhus_adopted": (Filters(municipality=("Aarhus",), adopted=True),
                       lambda r: r[MUNS] and "Aarhus" in r[MUNS] and r[ADOPTED] is True),
    "years": (Filters(year_from=2016, year_to=2024), lambda r: r[YEAR] is not None and 2016 <= r[YEAR] <= 2024),
    "type_udbud": (Filters(type=("Udbud",)), lambda r: "Udbud" in r[TYPES]),
    "randers": (Filters(municipality=("Randers",)), lambda r: r[MUNS] and "Randers" in r[MUNS]),
    "nothing": (Filters(q="findes ikke"), lambda r: False),
}


@pytest.mark.parametrize("name", list(FILTERS))
def test_kpis_match_hand_computation(app_con, name):
    f, pred = FILTERS[name]
    rows = pick(pred)
    k = queries.kpis(app_con, f).iloc[0]
    assert k["n_initiatives"] == len(rows)
    exp = total(rows, EXP)
    assert (k["expected_tkr"] == pytest.approx(exp)) if exp is not None else math.isnan(k["expected_tkr"])
    assert k["n_expected_missing"] == sum(1 for r in rows if r[EXP] is None)
    real = total(rows, REAL)
    assert (k["realised_tkr"] == pytest.approx(real)) if real is not None else math.isnan(k["realised_tkr"])
    known = [r for r in rows if r[ADOPTED] is not None]
    if known:
        assert k["share_adopted"] == pytest.approx(sum(r[ADOPTED] for r in known) / len(known))
    muns = {m for r in rows for m in (r[MUNS] or []) if not f.municipality or m in f.municipality}
    assert k["n_municipalities"] == len(muns)


def test_kpis_equal_direct_sql(app_con):
    f = Filters(sector=("dagtilbud", "teknik_miljoe"), adopted=True)
    direct = app_con.execute("""SELECT count(*), sum(expected_tkr) FROM initiatives i WHERE adopted AND EXISTS
        (SELECT 1 FROM initiative_sectors s WHERE s.initiative_id = i.initiative_id
         AND s.sector IN ('dagtilbud', 'teknik_miljoe'))""").fetchone()
    k = queries.kpis(app_con, f).iloc[0]
    assert (k["n_initiatives"], k["expected_tkr"]) == direct


def test_gains_by_year_counts_unknown_year(app_con):
    df = queries.gains_by_year(app_con, Filters())
    assert df["n"].sum() == len(INITIATIVES)  # nothing silently dropped
    unknown = df[df["year"].isna()].iloc[0]
    assert unknown["n"] == sum(1 for r in INITIATIVES if r[YEAR] is None)
    for row in df[df["year"].notna()].itertuples():
        assert row.expected_tkr == pytest.approx(total(pick(lambda r, row=row: r[YEAR] == row.year), EXP))


def test_staircase_is_cumulative(app_con):
    df = queries.staircase(app_con, Filters())
    years = sorted({r[YEAR] for r in INITIATIVES if r[YEAR] is not None})
    assert list(df["year"]) == years
    for row in df.itertuples():
        want = sum(r[EXP] for r in INITIATIVES if r[YEAR] is not None and r[YEAR] <= row.year and r[EXP])
        assert row.cumulative_tkr == pytest.approx(want)
    assert list(df["cumulative_tkr"]) == sorted(df["cumulative_tkr"])


def test_targets_and_yearly_gains(app_con):
    df = queries.targets(app_con, Filters())
    assert len(df) == len(TARGETS)
    got = {(r.year, r.kind): r.amount_tkr for r in df.itertuples()}
    assert got == {(y, k): a for _, y, k, a, _ in TARGETS}
    assert queries.targets(app_con, Filters(source=("aaaaaaaaaaaa",))).empty
    plan = queries.yearly_gains(app_con, Filters(source=("cccccccccccc",)))
    for row in plan.itertuples():
        assert row.amount_tkr == sum(a for i, y, k, a in GAINS if y == row.year and k == row.kind
                                     and i in {"i10", "i11", "i12"})


def test_plan_gains_only_from_documents_with_targets(app_con):
    plan = queries.yearly_gains(app_con, Filters(), True)
    with_targets = {t[0] for t in TARGETS}
    plan_ids = {r[ID] for r in INITIATIVES if r[SRC] in with_targets}
    assert set(zip(plan["year"], plan["kind"])) == {(y, k) for i, y, k, _ in GAINS if i in plan_ids}
    assert "realised" not in set(plan["kind"])  # i06's realised gain is from a catalogue without targets
    assert "realised" in set(queries.yearly_gains(app_con, Filters())["kind"])


def test_by_sector_shows_multi_sector_in_each_but_total_once(app_con):
    df = queries.by_sector(app_con, Filters())
    for row in df[df["sector"].notna()].itertuples():
        rows = pick(lambda r, row=row: any(s == row.sector for s, _ in r[SECTORS]))
        assert row.n == len(rows)
        assert row.expected_tkr == pytest.approx(total(rows, EXP))
    no_sector = df[df["sector"].isna()].iloc[0]
    assert no_sector["n"] == sum(1 for r in INITIATIVES if not r[SECTORS])
    # bars add up to more than the total because multi-sector initiatives are in each bar ...
    assert df["expected_tkr"].sum() > queries.kpis(app_con, Filters()).iloc[0]["expected_tkr"]
    # ... and the difference is exactly the extra copies of the multi-sector ones
    extra = sum((len({s for s, _ in r[SECTORS]}) - 1) * (r[EXP] or 0) for r in INITIATIVES if r[SECTORS])
    assert df["expected_tkr"].sum() - queries.kpis(app_con, Filters()).iloc[0]["expected_tkr"] == pytest.approx(extra)
    assert queries.n_multi_sector(app_con, Filters()) == sum(1 for r in INITIATIVES if len(r[SECTORS]) > 1)


def test_expected_vs_realised_counts_single_figures(app_con):
    c = queries.evr_counts(app_con, Filters()).iloc[0]
    both = pick(lambda r: r[EXP] is not None and r[REAL] is not None)
    assert c["n_both"] == len(both)
    assert c["n_expected_only"] == len(pick(lambda r: r[EXP] is not None and r[REAL] is None))
    assert c["n_realised_only"] == len(pick(lambda r: r[EXP] is None and r[REAL] is not None))
    assert c["n_neither"] == len(pick(lambda r: r[EXP] is None and r[REAL] is None))
    assert c[["n_both", "n_expected_only", "n_realised_only", "n_neither"]].sum() == len(INITIATIVES)
    assert c["realised_both_tkr"] == sum(r[REAL] for r in both)
    pts = queries.evr_points(app_con, Filters(), 2)
    assert len(pts) == 2 and list(pts["expected_tkr"]) == sorted((r[EXP] for r in both), reverse=True)[:2]


def test_realisation_rate_per_sector(app_con):
    df = queries.realisation_by_sector(app_con, Filters())
    for row in df[df["sector"].notna()].itertuples():
        rows = pick(lambda r, row=row: any(s == row.sector for s, _ in r[SECTORS]))
        both = [r for r in rows if r[EXP] is not None and r[REAL] is not None]
        assert row.n_both == len(both)
        assert row.n_realised_only == sum(1 for r in rows if r[EXP] is None and r[REAL] is not None)
        if both:
            assert row.rate == pytest.approx(sum(r[REAL] for r in both) / sum(r[EXP] for r in both))
        else:
            assert math.isnan(row.rate)


def test_explorer_pages_and_total(app_con):
    f = Filters(q="e")
    want = pick(lambda r: "e" in r[TITLE].lower() or "e" in (r[DESC] or "").lower())
    seen = []
    for offset in range(0, len(want) + 3, 3):
        rows = queries.explorer(app_con, f, limit=3, offset=offset, sort="expected_tkr", descending=True)
        assert len(rows) <= 3
        assert queries.explorer_count(app_con, f) == len(want)
        seen += list(rows["initiative_id"])
    assert sorted(seen) == sorted(r[ID] for r in want)  # every row exactly once over the pages
    rows = queries.explorer(app_con, Filters(), limit=100, sort="expected_tkr", descending=True)
    vals = [v for v in rows["expected_tkr"] if v == v]
    assert vals == sorted(vals, reverse=True) and rows["expected_tkr"].isna().sum() == 2  # NULLs last
    bad_sort = queries.explorer(app_con, Filters(), limit=100, sort="title; DROP TABLE x")
    assert list(bad_sort["title"]) == sorted(r[TITLE] for r in INITIATIVES)  # unknown sort key → title


def test_export_rows_are_exactly_the_filtered_rows(app_con):
    f = Filters(sector=("dagtilbud",))
    df = queries.export_rows(app_con, f)
    in_dagtilbud = pick(lambda r: any(s == "dagtilbud" for s, _ in r[SECTORS]))
    assert sorted(df["initiative_id"]) == sorted(r[ID] for r in in_dagtilbud)
    i05 = df[df["initiative_id"] == "i05"].iloc[0]
    assert i05["sectors"] == "dagtilbud, skole, teknik_miljoe"
    assert (i05["expected_low_tkr"], i05["expected_high_tkr"], i05["expected_text"]) == (1500.0, 2500.0, "1.500-2.500")


def test_initiative_detail_has_provenance(app_con):
    d = queries.initiative_detail(app_con, "i07")
    assert d["initiative"].iloc[0]["expected_text"] == "3 mio. kr."
    assert len(d["appearances"]) == 2 and d["appearances"]["page"].notna().all()
    assert d["appearances"]["line"].notna().all()
    assert list(d["sectors"]["source_sector"]) == ["Ældre og sundhed"]


def test_sources_counts_and_nulls(app_con):
    df = queries.sources(app_con, Filters())
    assert len(df) == 3
    for row in df.itertuples():
        rows = pick(lambda r, row=row: r[SRC] == row.source_id)
        assert row.n_initiatives == len(rows)
        assert row.null_expected == sum(1 for r in rows if r[EXP] is None)
        assert row.null_year == sum(1 for r in rows if r[YEAR] is None)
        assert row.n_warnings == sum(1 for w in WARNINGS if w[0] == row.source_id)
    w, n = queries.warnings(app_con, Filters())
    assert n == len(WARNINGS) == len(w)
    assert queries.warnings(app_con, Filters(source=("bbbbbbbbbbbb",)))[1] == 0
    by_field = queries.warnings_by_field(app_con, Filters())
    assert by_field["n"].sum() == len(WARNINGS)
    assert set(zip(by_field["field"], by_field["n"])) >= {("expected_tkr", 1), ("full_phase_in_year", 1)}


def test_empty_filter_gives_empty_frames_not_errors(app_con):
    f = FILTERS["nothing"][0]
    assert queries.kpis(app_con, f).iloc[0]["n_initiatives"] == 0
    for fn in (queries.gains_by_year, queries.staircase, queries.by_sector, queries.realisation_by_sector,
               queries.evr_points, queries.export_rows):
        assert fn(app_con, f).empty, fn.__name__
    assert queries.explorer(app_con, f).empty and queries.explorer_count(app_con, f) == 0
