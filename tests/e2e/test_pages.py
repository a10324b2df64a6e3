"""Every page of the contract's URL table opens in Danish (the default) and in English
(``?lang=en``), shows its heading and navigation in that language, and raises nothing —
neither on the page (Streamlit's red exception box) nor in the server log (checked after
every test by the ``server_log_clean`` fixture)."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import PAGES
from tests.e2e.ui import NAV_LABEL_KEYS, PAGE_TITLE_KEYS, exceptions, heading, nav_link, open_page, path_of, tr


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_page_renders_in_language(page, server, path, lang):
    open_page(page, server.url, path, {"lang": "en"} if lang == "en" else None)

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
