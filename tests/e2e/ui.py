"""How the tests see the dashboard in the browser: waiting for Streamlit, reading key figures,
clicking chart marks and sidebar links.

WHY a module of its own: the DOM hooks (``data-testid`` attributes Streamlit renders, the
``st-key-<key>`` class every keyed element gets) are the only coupling between the tests and
Streamlit's front end. When a Streamlit upgrade moves them, this is the one file to change.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlparse

from playwright.sync_api import Locator, Page, expect

from app.i18n import t
from etl.core.numbers import parse_danish_number

#: URL path → the i18n key of the page's heading (the overview shows the app title).
PAGE_TITLE_KEYS = {
    "/": "app_title",
    "/expected-vs-realised": "page_evr",
    "/phase-in": "page_phase_in",
    "/sectors": "page_sectors",
    "/explorer": "page_explorer",
    "/sources": "page_sources",
    "/planner": "page_planner",
}
#: The sidebar navigation's label of each page.
NAV_LABEL_KEYS = {**PAGE_TITLE_KEYS, "/": "page_overview"}

_NUMBER = re.compile(r"-?\d[\d.]*(?:,\d+)?")


# --------------------------------------------------------------------------- waiting

def wait_idle(page: Page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished the current script run and drawn every chart.

    WHY: reruns are asynchronous. The app root carries ``data-test-script-state``, which
    reads "notRunning" once the script has finished; plotly then draws its SVG a moment
    later, so we also wait until every chart has its ``.main-svg``."""
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            if (!app || app.dataset.testScriptState !== 'notRunning') return false;
            if (document.querySelector('[data-testid="stException"]')) return true;  // fail fast
            if (!document.querySelector('[data-testid="stMainBlockContainer"] h1')) return false;
            if (document.querySelector('[data-testid="stSkeleton"]')) return false;
            const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
            return Array.from(charts).every(c => c.querySelector('.main-svg'));
        }""", timeout=timeout)


def open_page(page: Page, base_url: str, path: str = "/", params: dict | None = None) -> Page:
    """Go to ``path`` with ``params`` (lists repeat the parameter) and wait for the run to end."""
    query = urlencode(params, doseq=True) if params else ""
    page.goto(base_url + path + (f"?{query}" if query else ""))
    wait_idle(page)
    return page


def query_of(page: Page) -> dict[str, list[str]]:
    """The current URL's query string as ``{name: [values]}``."""
    return parse_qs(urlparse(page.url).query)


def path_of(page: Page) -> str:
    return urlparse(page.url).path


def expect_url_param(page: Page, name: str, value: str | None = None) -> None:
    """Wait until the URL carries ``name`` (with ``value`` if given).

    The app rewrites the query string with history.replaceState, which is no navigation,
    so Playwright's wait_for_url never fires; ``expect(...).to_have_url`` polls instead."""
    pattern = rf"[?&]{re.escape(name)}=" + (re.escape(urlencode({"": value})[1:]) + r"(&|$)" if value else "")
    expect(page).to_have_url(re.compile(pattern))


# --------------------------------------------------------------------------- reading

def heading(page: Page) -> str:
    return page.locator('[data-testid="stMainBlockContainer"] h1').first.inner_text().strip()


def metric(page: Page, label: str) -> Locator:
    """The value element of the key figure whose label is exactly ``label``."""
    box = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")))
    expect(box).to_have_count(1)
    return box.locator('[data-testid="stMetricValue"]')


def danish_number(text: str) -> float | None:
    """The first number in a Danish display text: ``'3,0 mio. kr.'`` → 3.0, ``'1.234'`` → 1234;
    an en dash (unknown) → None."""
    m = _NUMBER.search(text)
    return parse_danish_number(m.group(0)) if m else None


def metric_number(page: Page, label: str) -> float | None:
    return danish_number(metric(page, label).inner_text())


def alerts(page: Page) -> list[str]:
    return [a.inner_text() for a in page.locator('[data-testid="stAlert"]').all()]


def exceptions(page: Page) -> Locator:
    return page.locator('[data-testid="stException"]')


# --------------------------------------------------------------------------- acting

def nav_link(page: Page, path: str) -> Locator:
    """The sidebar navigation link to ``path`` (Streamlit renders absolute hrefs)."""
    suffix = path.rstrip("/")
    links = page.locator('[data-testid="stSidebarNavLink"]')
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href") or ""
        if urlparse(href).path.rstrip("/") == suffix:
            return links.nth(i)
    raise AssertionError(f"no sidebar link to {path!r}")


def click_mark(page: Page, mark: Locator) -> None:
    """Click a plotly bar/point where a user would.

    WHY the mouse and not ``mark.click()``: plotly puts a transparent drag layer above the
    marks and derives clicks from the pointer position, so the click must land on the
    screen coordinates of the mark."""
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0, "chart mark is not visible"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def bars(page: Page, chart_key: str) -> Locator:
    """The bars of the plotly chart drawn with ``key=chart_key``."""
    return page.locator(f".st-key-{chart_key} .barlayer .point")


def category_labels(page: Page, chart_key: str, axis: str = "y") -> list[str]:
    """Tick labels of a category axis, in plotly's order (the order of the bars)."""
    ticks = page.locator(f".st-key-{chart_key} .{axis}axislayer-above .{axis}tick text")
    return [(ticks.nth(i).text_content() or "").strip() for i in range(ticks.count())]


def tr(key: str, lang: str = "da", **kw) -> str:
    """The dashboard's UI string (tests locate widgets by the label a user reads)."""
    return t(key, lang, **kw)
