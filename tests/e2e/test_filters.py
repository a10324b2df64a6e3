"""Filters live in the URL (contract §3): a shared link reproduces a view in a browser that has
never seen the app, a change in the sidebar shows up in the address bar, the filters survive a
move to another page, and a broken link shows a notice instead of failing.

Every figure read from the page is compared with ``tests.e2e.oracle``, hand-written SQL on the
same database file the server reads."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e import oracle
from tests.e2e.ui import (
    alerts,
    exceptions,
    expect_url_param,
    heading,
    metric,
    metric_number,
    nav_link,
    open_page,
    path_of,
    query_of,
    tr,
    trn,
    wait_idle,
)

MIO_TOLERANCE = 0.05  # the key figure shows millions with one decimal


def assert_overview_matches(page, want: oracle.Result) -> None:
    assert metric_number(page, tr("kpi_initiatives")) == want.count
    shown = metric_number(page, tr("kpi_expected"))
    if want.expected_tkr is None:
        assert shown is None, "no known expected gain must show as unknown, not as a number"
    else:
        assert abs(shown - want.expected_tkr / 1000) <= MIO_TOLERANCE, (shown, want.expected_tkr)


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the sidebar selectbox labelled ``label``, as a keyboard-and-mouse user."""
    box = page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name=label)
    box.click()
    box.press("ArrowDown")  # opens the list with every option (typing would filter it)
    page.get_by_role("option", name=option, exact=True).click()


def test_shared_link_opens_the_same_view_in_a_fresh_browser(page, server, sql):
    params = oracle.shared_filter(sql)  # sector, adopted=ja, year_from, q — chosen from the data
    want = oracle.shared_result(sql, params)
    assert 0 < want.count < oracle.total(sql).count, "the filter must visibly narrow the data"

    open_page(page, server.url, "/", params)  # `page` lives in a brand-new browser context

    assert exceptions(page).count() == 0
    assert_overview_matches(page, want)
    # the sidebar shows the filter the link carried
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.locator(".st-key-q input")).to_have_value(params["q"])
    expect(sidebar.locator(".st-key-sector [data-tag]")).to_have_text(
        [oracle.sector_label(sql, params["sector"])])
    expect(sidebar.get_by_role("combobox", name=tr("f_adopted"))).to_have_value(tr("yes"))
    # and the link itself is left as shared
    assert {k: v[0] for k, v in query_of(page).items()} == params


def test_changing_a_sidebar_filter_changes_the_url_and_the_figures(page, server, sql):
    everything = oracle.total(sql)
    open_page(page, server.url, "/")
    assert_overview_matches(page, everything)
    assert query_of(page) == {}

    word = oracle.search_word(sql)
    search = page.locator('[data-testid="stSidebar"] .st-key-q input')
    search.fill(word)
    search.press("Enter")
    expect_url_param(page, "q", word)
    wait_idle(page)
    assert_overview_matches(page, oracle.filtered(sql, q=word))

    choose(page, tr("f_adopted"), tr("yes"))
    expect_url_param(page, "adopted", "ja")
    wait_idle(page)
    assert query_of(page)["q"] == [word], "the earlier filter stays in the URL"
    assert_overview_matches(page, oracle.filtered(sql, q=word, adopted=True))


def test_filters_survive_navigation_between_pages(page, server, sql):
    shared = oracle.shared_filter(sql)
    params = {"sector": shared["sector"], "adopted": "ja"}
    want = oracle.filtered(sql, sector=[shared["sector"]], adopted=True)
    open_page(page, server.url, "/", params)
    assert_overview_matches(page, want)

    nav_link(page, "/sectors").click()
    expect(page).to_have_url(re.compile(r"/sectors\?.*adopted=ja"))
    wait_idle(page)
    assert heading(page) == tr("page_sectors")
    assert {k: v[0] for k, v in query_of(page).items()} == params
    total_shown = metric_number(page, tr("sectors_total"))
    assert abs(total_shown - want.expected_tkr / 1000) <= MIO_TOLERANCE

    nav_link(page, "/explorer").click()
    expect(page).to_have_url(re.compile(r"/explorer\?.*adopted=ja"))
    wait_idle(page)
    assert {k: v[0] for k, v in query_of(page).items()} == params
    expect(page.locator('[data-testid="stMainBlockContainer"]')).to_contain_text(
        trn("explorer_total", want.count))

    nav_link(page, "/").click()
    expect(page).to_have_url(re.compile(r"/\?.*adopted=ja"))
    wait_idle(page)
    assert path_of(page) == "/"
    assert_overview_matches(page, want)


def test_unknown_and_malformed_parameters_show_a_notice_not_a_crash(page, server, sql):
    bad = {"foo": "bar", "year_from": "abc", "adopted": "maybe", "sector": "no-such-sector", "lang": "xx"}
    open_page(page, server.url, "/", bad)

    assert exceptions(page).count() == 0
    shown = " ".join(alerts(page))
    for name, value in bad.items():
        assert (name if name == "foo" else value) in shown, f"no notice about {name}={value}: {shown}"
    assert heading(page) == tr("app_title", "da"), "an unknown language falls back to Danish"
    assert_overview_matches(page, oracle.total(sql))  # every bad part ignored, nothing else


def test_a_filter_that_matches_nothing_says_so(page, server, sql):
    q = "zqxjv-matches-nothing"
    assert oracle.filtered(sql, q=q).count == 0
    for path in ("/", "/explorer", "/sectors"):
        open_page(page, server.url, path, {"q": q})
        assert exceptions(page).count() == 0
        expect(page.locator('[data-testid="stAlert"]').filter(has_text=tr("empty"))).to_be_visible()


def test_presentation_mode_collapses_the_sidebar_and_enlarges_the_type(page, server):
    # the size of the text itself (the innermost element: a rule on a box may not reach its text)
    inner = ("e => { while (e.firstElementChild) e = e.firstElementChild; "
             "return parseFloat(getComputedStyle(e).fontSize); }")

    def sizes():
        return (float(metric(page, tr("kpi_initiatives")).evaluate(inner)),
                float(page.locator('[data-testid="stMainBlockContainer"] h1').first.evaluate(inner)),
                float(page.locator('[data-testid="stCaptionContainer"]').first.evaluate(inner)))

    open_page(page, server.url, "/")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    normal_metric, normal_h1, normal_caption = sizes()

    open_page(page, server.url, "/", {"present": "1"})
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    present_metric, present_h1, present_caption = sizes()
    assert present_metric > normal_metric * 1.2
    assert present_h1 > normal_h1 * 1.2
    assert present_caption > normal_caption * 1.2  # the notes under the figures, read from the back row
    assert query_of(page).get("present") == ["1"]
