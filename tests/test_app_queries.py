"""Query functions: every number equals a hand computation from tests/appdb.py's rows
or a hand-written SQL query on the same filter."""
import math

import duckdb
import pytest

from app import queries, relevance, source_queries
from app.filters import Filters
from etl.load import refresh_facets
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
    assert no_sector["n"] == sum(1 for r in INITIATIVES if not any(s for s, _ in r[SECTORS]))  # none canonical
    # bars add up to more than the total because multi-sector initiatives are in each bar ...
    assert df["expected_tkr"].sum() > queries.kpis(app_con, Filters()).iloc[0]["expected_tkr"]
    # ... and the difference is exactly the extra copies of the multi-sector ones
    extra = sum((len({s for s, _ in r[SECTORS]}) - 1) * (r[EXP] or 0) for r in INITIATIVES if r[SECTORS])
    assert df["expected_tkr"].sum() - queries.kpis(app_con, Filters()).iloc[0]["expected_tkr"] == pytest.approx(extra)
    assert queries.n_multi_sector(app_con, Filters()) == sum(1 for r in INITIATIVES
                                                              if len({s for s, _ in r[SECTORS] if s}) > 1)


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
    bad_sort = queries.explorer(app_con, Filters(), limit=100, sort="title; DROP TABLE x", descending=False)
    assert list(bad_sort["title"]) == list(queries.explorer(app_con, Filters(), limit=100, sort="title",
                                                            descending=False)["title"])  # unknown key → title


def test_explorer_default_order_is_the_largest_expected_gain_first(app_con):
    rows = queries.explorer(app_con, Filters(), limit=100)
    want = sorted(INITIATIVES, key=lambda r: (r[EXP] is None, -(r[EXP] or 0), r[ID]))
    assert list(rows["initiative_id"]) == [r[ID] for r in want]
    assert list(queries.export_rows(app_con, Filters())["initiative_id"]) == [r[ID] for r in want]


#: Titles in Danish order: leading quotation marks and other signs skipped, case ignored,
#: Æ Ø Å after Z and "Aa" as Å (ICU's Danish collation, as a Danish index sorts).
TITLE_ORDER = ["»Digital« post", "“Energirenovering”", "=HYPERLINK(x)", "ikke placeret", "Zebra",
               "Ældre", "Øget brug", "Åben skole", "Aarhus-modellen"]


@pytest.mark.parametrize("descending", [False, True])
def test_titles_sort_by_their_first_letter_in_danish_order(tmp_path, descending):
    import duckdb

    from tests.appdb import build
    db = build(tmp_path / "order.duckdb")
    with duckdb.connect(str(db)) as con:
        for n, title in enumerate(TITLE_ORDER[::-1]):  # stored in the wrong order
            con.execute("UPDATE initiatives SET title = ? WHERE initiative_id = ?", [title, f"i{n + 1:02d}"])
        refresh_facets(con)  # the ranks the explorer sorts by are computed by the ETL
        got = list(queries.explorer(con, Filters(), limit=100, sort="title", descending=descending)["title"])
    want = TITLE_ORDER[::-1] if descending else TITLE_ORDER
    assert [x for x in got if x in TITLE_ORDER] == want


@pytest.mark.parametrize("q, first", [
    ("rehabilitering", ["i07"]),  # the title starts with it
    ("fælles", ["i01", "i06"]),  # both titles start with it: the larger expected gain (1.000 > 800) first
    ("kommuner", ["i06"]),  # only a description has it
    ("SKOLER", ["i05"]),  # case ignored
])
def test_a_search_sorts_by_relevance(app_con, q, first):
    rows = queries.explorer(app_con, Filters(q=q), limit=100, sort=queries.RELEVANCE)
    assert list(rows["initiative_id"])[:len(first)] == first


def test_relevance_puts_title_matches_before_description_matches(app_con):
    # "rengøring": i01's title contains it (not at the start) and so does its description
    rows = queries.explorer(app_con, Filters(q="rengøring"), limit=100, sort=queries.RELEVANCE)
    assert list(rows["initiative_id"]) == ["i01"]
    rows = queries.explorer(app_con, Filters(q="e"), limit=100, sort=queries.RELEVANCE)
    in_title = [r[ID] for r in INITIATIVES if "e" in r[TITLE].lower()]
    assert set(list(rows["initiative_id"])[:len(in_title)]) == set(in_title)


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
    df = source_queries.sources(app_con, Filters())
    assert len(df) == 3
    for row in df.itertuples():
        rows = pick(lambda r, row=row: r[SRC] == row.source_id)
        assert row.n_initiatives == len(rows)
        assert row.null_expected == sum(1 for r in rows if r[EXP] is None)
        assert row.null_year == sum(1 for r in rows if r[YEAR] is None)
        assert row.n_warnings == sum(1 for w in WARNINGS if w[0] == row.source_id)
    w, n = source_queries.warnings(app_con, Filters())
    assert n == len(WARNINGS) == len(w)
    assert source_queries.warnings(app_con, Filters(source=("bbbbbbbbbbbb",)))[1] == 0
    by_field = source_queries.warnings_by_field(app_con, Filters())
    assert by_field["n"].sum() == len(WARNINGS)
    assert set(zip(by_field["code"], by_field["field"], by_field["n"])) >= {
        ("amount_missing", "expected_tkr", 1), ("year_unreadable", "full_phase_in_year", 1)}
    assert set(w.columns) >= {"code", "params", "text"}


def test_sources_say_what_each_contributed(app_con):
    df = source_queries.sources(app_con, Filters()).set_index("source_id")
    for source in df.index:
        kinds = [k for s, _, k, _, _ in TARGETS if s == source]
        assert df.loc[source, "n_requirements"] == kinds.count("requirement")
        assert df.loc[source, "n_target_figures"] == len(kinds) - kinds.count("requirement")
    assert df.loc["cccccccccccc", "n_target_figures"] == 8


def test_targets_keep_their_document(app_con):
    df = queries.targets(app_con, Filters())
    assert set(df["source_id"]) == {t[0] for t in TARGETS} and df["file_name"].notna().all()
    plan = queries.plan_gains(app_con, Filters())
    assert set(plan["source_id"]) <= {t[0] for t in TARGETS}
    assert plan["amount_tkr"].sum() == pytest.approx(sum(a for i, _, k, a in GAINS if k == "expected" and i in {
        r[ID] for r in INITIATIVES if r[SRC] in {t[0] for t in TARGETS}}))


def test_empty_filter_gives_empty_frames_not_errors(app_con):
    f = FILTERS["nothing"][0]
    assert queries.kpis(app_con, f).iloc[0]["n_initiatives"] == 0
    for fn in (queries.gains_by_year, queries.staircase, queries.by_sector, queries.realisation_by_sector,
               queries.evr_points, queries.export_rows):
        assert fn(app_con, f).empty, fn.__name__
    assert queries.explorer(app_con, f).empty and queries.explorer_count(app_con, f) == 0


@pytest.mark.parametrize("title, q, contains", [
    ("Ældreområdet: færre vagter", "ældre", True),  # Danish capitals fold like lower()
    ("ÅBENT KONTOR", "åbent k", True),
    ("Besparelse på 50% af taxakørsel", "50% af", True),  # % taken literally ...
    ("Besparelse på 50 kr. af taxakørsel", "50% af", False),  # ... not as a wildcard
    ("Vej_drift", "j_d", True),
    ("Vejdrift", "j_d", False),  # _ is not "any character"
    ("C:\\drev\\mapper", "\\drev", True),  # a backslash is itself
    ("Digital post", "DIGITAL", True),
    ("Digital post", "post ", False),
])
def test_title_containment_is_literal_and_case_blind(title, q, contains):
    """The explorer's relevance asks ``title ILIKE contains_pattern(q)``: the same answer as
    ``strpos(lower(title), lower(q)) > 0``, whatever the text holds."""
    con = duckdb.connect()
    got, plain = con.execute("SELECT ? ILIKE ? ESCAPE '\\', strpos(lower(?), lower(?)) > 0",
                             [title, relevance.contains_pattern(q), title, q]).fetchone()
    assert got is contains and plain is contains
