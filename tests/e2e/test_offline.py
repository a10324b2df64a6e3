"""A seminar room often has no internet: no page may ask anything of a server other than the
dashboard's own, and nothing it asks may fail (an HTTP error is a missing icon, font or script).

Every page is opened as a first visit (a bookmark: Danish, English, presentation mode) and by
the sidebar navigation, with every request the browser makes recorded. Requests to other hosts
are also cut off, as they would be offline, so an external font or icon is caught even when this
machine happens to reach it.

The upstream sub-page probes a direct load makes are ignored (tests/e2e/visits.py says which).
The first visits are shared with the other tests that only look at a page (tests/e2e/visits.py)."""
from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import PAGES
from tests.e2e.ui import exceptions, nav_link, open_page, wait_idle
from tests.e2e.visits import LATE_REQUESTS_MS, Traffic, View

#: A bookmark in Danish, in English and in presentation mode, of every page.
FIRST_VISITS = [View(path, lang=lang, present=present)
                for path in PAGES for lang, present in (("da", False), ("en", False), ("da", True))]


@pytest.fixture()
def traffic(context, page, server) -> Traffic:
    t = Traffic(origin=server.url)
    t.watch(context, page)
    return t


@pytest.mark.parametrize("first_visit", FIRST_VISITS, indirect=True,
                         ids=[f"{v.path}-{'present' if v.present else v.lang}" for v in FIRST_VISITS])
def test_a_first_visit_asks_only_the_dashboard(first_visit):
    traffic = first_visit.after_late_requests()  # the tab icon, fonts, chart assets
    assert exceptions(first_visit.page).count() == 0
    traffic.assert_clean()


def test_walking_through_the_pages_asks_only_the_dashboard(page, server, traffic):
    open_page(page, server.url, "/")
    for path in PAGES[1:] + PAGES[:1]:
        nav_link(page, path).click()
        page.wait_for_url(re.compile(re.escape(server.url + path) + r"(\?|$)"))
        wait_idle(page)
        assert exceptions(page).count() == 0, path
    page.wait_for_timeout(LATE_REQUESTS_MS)
    traffic.assert_clean()


def test_the_check_catches_an_external_request(page, server, traffic):
    """Guard: the recorder sees a request to another host (as the old tab icon made)."""
    open_page(page, server.url, "/")
    page.evaluate("() => { const i = new Image(); i.src = 'https://fonts.gstatic.com/x.svg'; }")
    page.wait_for_timeout(500)
    assert traffic.external == ["https://fonts.gstatic.com/x.svg"]
