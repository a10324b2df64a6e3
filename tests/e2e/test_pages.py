"""Every page of the contract's URL table opens in Danish (the default) and in English
(``?lang=en``), shows its heading and navigation in that language, and raises nothing —
neither on the page (Streamlit's red exception box) nor in the server log (checked after
every test by the ``server_log_clean`` fixture)."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import PAGES, View
from tests.e2e.ui import (
    NAV_LABEL_KEYS,
    PAGE_TITLE_KEYS,
    exceptions,
    heading,
    nav_link,
    open_page,
    path_of,
    query_of,
    tr,
)

#: Every page as a bookmark in Danish and in English (first visits shared: tests/e2e/visits.py).
LANGUAGES = [View(path, lang=lang) for path in PAGES for lang in ("da", "en")]


@pytest.mark.parametrize("first_visit", LANGUAGES, indirect=True, ids=[f"{v.path}-{v.lang}" for v in LANGUAGES])
def test_page_renders_in_language(first_visit):
    page, path, lang = first_visit.page, first_visit.view.path, first_visit.view.lang

    assert path_of(page) == path, "the page must keep its contract URL"
    assert exceptions(page).count() == 0, f"{path} shows an exception"
    assert heading(page) == tr(PAGE_TITLE_KEYS[path], lang)
    # the shared sidebar speaks the same language: its section header and every page link
    assert page.locator('[data-testid="stSidebar"]').get_by_text(tr("filters", lang), exact=True).is_visible()
    for other, key in NAV_LABEL_KEYS.items():
        assert nav_link(page, other).inner_text().strip().endswith(tr(key, lang))


def test_danish_and_english_headings_differ():
    """Guard for the test above: it would prove nothing if the two languages printed the same."""
    for key in set(PAGE_TITLE_KEYS.values()) | {"filters"}:
        assert tr(key, "da") != tr(key, "en"), key


@pytest.mark.parametrize("path, params", [("/explorer", {"sector": "skole", "lang": "en"}),
                                          ("/expected-vs-realised", None)])
def test_bookmark_is_the_first_request_after_a_server_start(db_path, tmp_path, page, path, params):
    """A bookmarked sub-page opened before anyone has visited ``/``.

    A ``pages/`` folder next to the entry point would put a fresh Streamlit server in its legacy
    multipage mode until ``st.navigation`` first runs (the pages live in ``app/pages/`` for that
    reason); this proves the page gets the sidebar, its filters and its contract URL."""
    from tests.e2e.conftest import LOG_ALARMS, start_server

    with start_server(db_path, tmp_path) as fresh:
        open_page(page, fresh.url, path, params)
        lang = (params or {}).get("lang", "da")
        assert path_of(page) == path
        assert exceptions(page).count() == 0
        for name, value in (params or {}).items():
            assert query_of(page).get(name) == [value], "the bookmark's filters stay in the URL"
        assert heading(page) == tr(PAGE_TITLE_KEYS[path], lang)
        assert page.locator('[data-testid="stSidebar"]').get_by_text(tr("filters", lang), exact=True).is_visible()
        for other in NAV_LABEL_KEYS:
            assert nav_link(page, other).is_visible()
        log = fresh.log_text()
    assert not any(alarm in log for alarm in LOG_ALARMS), log
