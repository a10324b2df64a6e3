"""AppTest of every page: URL filters change the numbers, the numbers equal direct SQL,
language switch, empty results, malformed URLs, clear filters, page switches keep filters."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from app import pages as app_pages
from app.i18n import fmt_mio, fmt_num, fmt_pct, t, tn
from bench.pages import switch_page
from etl.load import refresh_facets
from tests.appdb import INITIATIVES, WARNINGS, build

ROOT = Path(__file__).resolve().parent.parent
PAGES = [p.path for p in app_pages.PAGES]  # "/", "/expected-vs-realised", …


@pytest.fixture()
def app(app_db_path, monkeypatch):
    monkeypatch.setenv("SAVINGS_DB", str(app_db_path))

    def make(**params) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.query_params = params
        return at
    return make


def sql_one(db, sql, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchone()
    finally:
        con.close()


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_overview_numbers_equal_direct_sql(app, app_db_path):
    at = ok(app(sector="skole").run())
    n, exp, adopted = sql_one(app_db_path, """
        SELECT count(*), sum(expected_tkr), avg(CASE WHEN adopted THEN 1.0 WHEN NOT adopted THEN 0.0 END)
        FROM initiatives i WHERE EXISTS (SELECT 1 FROM initiative_sectors s
              WHERE s.initiative_id = i.initiative_id AND s.sector = 'skole')""")
    m = metrics(at)
    assert m[t("kpi_initiatives")] == fmt_num(n, "da", 0) == "2"
    assert m[t("kpi_expected")] == fmt_mio(exp, "da") == "3,0 mio. kr."
    assert m[t("kpi_adopted")] == fmt_pct(adopted, "da")
    assert at.query_params == {"sector": "skole"}


def test_filters_from_url_change_the_numbers(app, app_db_path):
    all_ = metrics(ok(app().run()))
    muni = metrics(ok(app(municipality="Odense", adopted="ja").run()))
    n, exp = sql_one(app_db_path, "SELECT count(*), sum(expected_tkr) FROM initiatives WHERE adopted "
                                  "AND initiative_id IN (SELECT initiative_id FROM initiative_municipalities "
                                  "WHERE municipality = 'Odense')")
    assert muni[t("kpi_initiatives")] == str(n) != all_[t("kpi_initiatives")]
    assert muni[t("kpi_expected")] == fmt_mio(exp, "da")
    assert all_[t("kpi_initiatives")] == str(len(INITIATIVES))


def test_language_from_url_and_switch(app):
    at = ok(app(lang="en").run())
    assert at.title[0].value == t("app_title", "en")
    assert t("kpi_expected", "en") in metrics(at)
    exp_all = sum(r[5] for r in INITIATIVES if r[5] is not None)
    assert metrics(at)[t("kpi_expected", "en")] == fmt_mio(exp_all, "en") == "16.4 DKK m"
    at.radio(key="lang").set_value("da").run()
    ok(at)
    assert at.title[0].value == t("app_title", "da")
    assert metrics(at)[t("kpi_expected", "da")] == "16,4 mio. kr."
    assert "lang" not in at.query_params  # Danish is the default and is left out of the URL


def test_widget_change_updates_url_and_numbers(app):
    at = ok(app().run())
    at.multiselect(key="sector").set_value(["aeldre_sundhed"]).run()
    ok(at)
    assert at.query_params["sector"] == "aeldre_sundhed"
    want = sum(1 for r in INITIATIVES if any(s == "aeldre_sundhed" for s, _ in r[13]))
    assert metrics(at)[t("kpi_initiatives")] == str(want)
    at.number_input(key="year_from").set_value(2016).run()
    ok(at)
    assert at.query_params["year_from"] == "2016"
    # none of the elderly-care initiatives is from 2016 on: the page says so instead of showing zeros
    assert any(t("empty") == i.value for i in at.info) and not at.metric


def test_empty_result_shows_help_on_every_page(app):
    at = ok(app(q="findes-ikke-nogen-steder").run())
    assert any(i.value == t("empty") for i in at.info)
    for page in PAGES[1:5]:
        ok(switch_page(at, page).run())
        assert any(i.value == t("empty") for i in at.info), page


def test_malformed_params_give_notices_not_crash(app):
    at = ok(app(year_from="tyve", adopted="kanske", bogus="1", municipality="Atlantis", lang="xx",
                sector=["skole", "'; DROP TABLE initiatives; --"]).run())
    texts = " ".join(w.value for w in at.warning)
    assert "bogus" in texts and "tyve" in texts and "kanske" in texts and "Atlantis" in texts and "xx" in texts
    assert "DROP TABLE" in texts  # the bad sector value is named, not executed
    assert at.query_params == {"sector": "skole"}  # the URL is cleaned to what is in effect
    want = sum(1 for r in INITIATIVES if any(s == "skole" for s, _ in r[13]))
    assert metrics(at)[t("kpi_initiatives")] == str(want)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_filters_in_both_languages(app, page):
    for lang in ("da", "en"):
        at = app(lang=lang, adopted="ja", year_from="2015", year_to="2026").run()
        ok(switch_page(at, page).run())
        assert at.title and at.title[0].value, page
        assert at.query_params.get("adopted") == "ja"


def test_page_switch_keeps_filters_when_url_is_dropped(app):
    at = ok(app(sector="dagtilbud", lang="en").run())
    at.query_params = {}  # what the sidebar navigation does to the query string
    ok(switch_page(at, "/sectors").run())
    assert at.query_params == {"sector": "dagtilbud", "lang": "en"}
    assert at.title[0].value == t("page_sectors", "en")


def test_active_filters_are_named_with_a_clear_button_in_the_page(app):
    at = ok(app(sector="skole", adopted="ja").run())
    shown = [c.value.replace("\\", "") for c in at.caption]  # captions are Markdown-escaped
    assert any(s.startswith("Filtre: Skole, SFO og klub · Vedtaget: Ja") for s in shown)
    at.button(key="clear_filters_main").click().run()
    ok(at)
    assert at.query_params == {}
    assert not any(c.value.replace("\\", "").startswith("Filtre:") for c in at.caption)


def test_clear_filters_keeps_language(app):
    at = ok(app(sector="skole", adopted="nej", lang="en", q="x").run())
    at.button(key="clear_filters").click().run()
    ok(at)
    assert at.query_params == {"lang": "en"}
    assert metrics(at)[t("kpi_initiatives", "en")] == str(len(INITIATIVES))


def test_sectors_page_counts_multi_sector_once(app, app_db_path):
    at = ok(app().run())
    ok(switch_page(at, "/sectors").run())
    exp = sql_one(app_db_path, "SELECT sum(expected_tkr) FROM initiatives")[0]
    assert metrics(at)[t("sectors_total")] == fmt_mio(exp, "da")
    multi = sum(1 for r in INITIATIVES if len({s for s, _ in r[13] if s}) > 1)  # canonical sectors only
    assert any(i.value == t("sectors_note", multi=tn("count_multi_sector", multi)) for i in at.info)
    table = at.dataframe[0].value
    dag = table[table["label"] == "Dagtilbud"].iloc[0]
    assert dag["n"] == sum(1 for r in INITIATIVES if any(s == "dagtilbud" for s, _ in r[13]))


def test_expected_vs_realised_page_counts(app):
    at = ok(app().run())
    ok(switch_page(at, "/expected-vs-realised").run())
    m = metrics(at)
    both = [r for r in INITIATIVES if r[5] is not None and r[9] is not None]
    assert m[t("evr_both")] == str(len(both))
    assert m[t("evr_realised_only")] == str(sum(1 for r in INITIATIVES if r[5] is None and r[9] is not None))
    assert m[t("evr_rate")] == fmt_pct(sum(r[9] for r in both) / sum(r[5] for r in both), "da")


def test_phase_in_page_shows_targets(app):
    at = ok(app().run())
    ok(switch_page(at, "/phase-in").run())
    wide = at.dataframe[0].value  # the one document with targets: its own chart and table
    assert list(wide["year"]) == [2021, 2022, 2023, 2024]
    assert list(wide["reduction_target"]) == [4000.0, 8000.0, 10000.0, 10000.0]
    assert any(tn("no_year", 2, bar=t("no_year_bar")) == c.value for c in at.caption)
    at = ok(app(source="004_idebank.txt").run())
    ok(switch_page(at, "/phase-in").run())
    assert any(i.value == t("no_targets") for i in at.info)


def test_explorer_table_detail_card_and_downloads(app):
    at = ok(app(municipality="Vejle").run())
    ok(switch_page(at, "/explorer").run())
    table = at.dataframe[0].value
    assert sorted(table["initiative_id"]) == sorted(r[0] for r in INITIATIVES if r[2] and "Vejle" in r[2])
    assert len(at.get("download_button")) == 2
    row = list(table["initiative_id"]).index("i07")
    at.session_state["explorer_table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    ok(at.run())
    assert at.subheader[0].value.startswith("Detaljer: Rehabilitering")
    figs = at.dataframe[1].value
    assert "trykt: 3 mio. kr." in list(figs["printed"])
    pages = at.dataframe[2].value  # where it is printed: both printings with page and line
    assert len(pages) == 2 and pages[t("col_line")].notna().all()


def test_detail_card_tells_warnings_in_the_ui_language(app):
    for lang, sentence in (("da", "Forventet gevinst: intet beløb er trykt; beløbet er ukendt."),
                           ("en", "Expected gain: no amount is printed; the amount is unknown.")):
        at = ok(app(q="Ukendt effekt", lang=lang).run())
        ok(switch_page(at, "/explorer").run())
        at.session_state["explorer_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
        ok(at.run())
        warnings = at.dataframe[-1].value
        assert list(warnings[t("col_warning", lang)]) == [sentence]
        assert list(warnings[t("col_text", lang)]) == ["Effekt: -"]  # the document's own text beside it


def test_explorer_pages_through_many_rows(app):
    at = ok(app().run())
    ok(switch_page(at, "/explorer").run())
    assert len(at.dataframe[0].value) == len(INITIATIVES)  # below one page of 50
    assert any(c.value.startswith(t("page_of", page=1, pages=1)) for c in at.caption)


def test_sources_page(app):
    at = ok(app().run())
    ok(switch_page(at, "/sources").run())
    src, missing = at.dataframe[0].value, at.dataframe[1].value
    assert len(src) == 3 and missing["n_initiatives"].sum() == len(INITIATIVES)
    assert "3 initiativer · 8 måltal" in set(src["contribution"])  # what the plan contributed, in words
    # the one printed sector name the canonical list does not know (tests/appdb.py: i04), never lost
    assert at.subheader[0].value == t("unmapped_title", n="1")
    unmapped = at.dataframe[2].value
    assert unmapped.values.tolist() == [["004_idebank.txt", "Kirkegårde", 1]]
    assert at.subheader[1].value == t("warnings_title", n=len(WARNINGS))
    by_field = at.dataframe[3].value
    assert by_field["n"].sum() == len(WARNINGS)
    shown = at.dataframe[4].value
    assert len(shown) == len(WARNINGS)
    # Danish all through: the warning in Danish (from its code), the document's own text beside it
    assert "message" not in shown.columns and list(shown.columns)[-1] == "initiative_id"
    assert all(isinstance(w, str) and w for w in shown["warning"])
    assert set(shown["text"].dropna()) == {w[6] for w in WARNINGS if w[6] is not None}
    assert "Forventet gevinst: intet beløb er trykt; beløbet er ukendt." in list(shown["warning"])


def test_presentation_mode(app):
    at = ok(app(present="1").run())
    assert at.toggle(key="present").value is True
    assert at.query_params.get("present") == "1"
    # key figures stay side by side (2 + 3 columns); the charts are full width, one per row
    assert len(at.main.columns) == 2 + 3
    assert len(app().run().main.columns) == 2 + 3 + 2  # the two charts by year side by side


def test_missing_database_explains_how_to_build(app, monkeypatch, tmp_path):
    monkeypatch.setenv("SAVINGS_DB", str(tmp_path / "nope.duckdb"))
    at = ok(app().run())
    assert any("python -m etl build" in c.value for c in at.code)
    assert any(str(tmp_path / "nope.duckdb") in i.value for i in at.info)


def test_rebuilt_database_is_reopened_without_restart(app, monkeypatch, tmp_path):
    db = tmp_path / "live.duckdb"
    shutil.copy(build(tmp_path / "first.duckdb"), db)
    monkeypatch.setenv("SAVINGS_DB", str(db))
    at = ok(app().run())
    assert metrics(at)[t("kpi_initiatives")] == str(len(INITIATIVES))
    # a rebuild: a new file renamed over the old one, with one initiative fewer
    new = tmp_path / "second.duckdb"
    build(new)
    con = duckdb.connect(str(new))
    con.execute("DELETE FROM initiatives WHERE initiative_id = 'i01'")
    refresh_facets(con)
    con.close()
    new.replace(db)
    ok(at.run())
    assert metrics(at)[t("kpi_initiatives")] == str(len(INITIATIVES) - 1)


@pytest.mark.parametrize("damage", ["DROP TABLE initiative_facets", "DELETE FROM initiative_facets"])
def test_database_without_complete_facets_table_says_rebuild(app, monkeypatch, tmp_path, damage):
    """An ETL from before ``initiative_facets`` (or a file written by other means): every page
    says to rebuild, once per file, instead of answering from another table."""
    db = build(tmp_path / "old.duckdb")
    with duckdb.connect(str(db)) as con:
        con.execute(damage)
    monkeypatch.setenv("SAVINGS_DB", str(db))
    at = ok(app(sector="skole").run())
    for page in PAGES:
        ok(switch_page(at, page).run())
        assert any(str(db) in e.value and "initiative_facets" in e.value for e in at.error), page
        assert any("python -m etl build" in c.value for c in at.code) and not at.metric, page


def test_bookmarked_subpage_as_first_run_gets_sidebar_and_filters(app):
    """The first run already on /explorer (AppTest's version of a bookmark opened first)."""
    at = app(sector="skole", lang="en")
    at.run()
    ok(switch_page(at, "/explorer").run())
    assert at.title[0].value == t("page_explorer", "en")
    assert at.multiselect(key="sector").value == ["skole"]
    assert len(at.dataframe[0].value) == sum(1 for r in INITIATIVES if any(s == "skole" for s, _ in r[13]))
