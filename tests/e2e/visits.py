"""A first visit to one page, opened once and looked at by every test that only looks.

Three features check what a first visit (a bookmark: no cookies, no session) shows, each on
every page of the contract: test_pages.py (heading and sidebar in the URL's language),
test_offline.py (no request leaves the dashboard, none fails) and test_layout.py (nothing cut
off, a screenshot). Opening the page anew for each would load the same 35 views twice over.

WHY shared: none of these tests clicks or types, so a page they share is the page each would have
opened itself. The ``first_visit`` fixture (tests/e2e/conftest.py) is session-scoped and
parametrised indirectly with a :class:`View`; pytest orders the tests so that every test of a
view runs while its page is open, and closes that page before it opens the next.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

from playwright.sync_api import Browser, BrowserContext, Page

from tests.e2e.ui import open_page

#: Every page of the contract's URL table (docs: /work/shared/contract.md §3).
PAGES = ["/", "/expected-vs-realised", "/phase-in", "/sectors", "/explorer", "/sources", "/planner"]
#: How long a loaded page is left to make its late requests (the tab icon, fonts, chart assets).
LATE_REQUESTS_MS = 1500
#: streamlit/streamlit#7074: on a direct load of a sub-page (``/explorer``) the front end first probes
#: ``/explorer/_stcore/health`` and ``/explorer/_stcore/host-config`` and gets 404 before it finds the
#: real ``/_stcore/…`` addresses — an upstream bug, https://github.com/streamlit/streamlit/issues/7074,
#: harmless (the app then loads from the right address).
UPSTREAM_PROBES = re.compile(r"^/[^/]+(/[^/]+)*/_stcore/(health|host-config)$")


@dataclass(frozen=True)
class View:
    """A page as a visitor's screen shows it: size, language, presentation mode."""

    path: str
    width: int = 1920
    height: int = 1080
    lang: str = "da"
    present: bool = False

    @property
    def params(self) -> dict[str, str]:
        return {**({"lang": self.lang} if self.lang != "da" else {}), **({"present": "1"} if self.present else {})}


@dataclass
class Traffic:
    """What the browser asked for and what went wrong, as the page loaded. Requests to other
    hosts are cut off, as they would be offline (so an external font or icon is caught even when
    this machine happens to reach it)."""

    origin: str
    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext, page: Page) -> None:
        def route(r):
            if self.is_own(r.request.url):
                r.continue_()
            else:
                self.external.append(r.request.url)
                r.abort("internetdisconnected")

        context.route("**/*", route)
        page.on("response", self.response)
        page.on("requestfailed", lambda req: self.failed(req))
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))

    def is_own(self, url: str) -> bool:
        parts = urlparse(url)
        return parts.scheme in ("data", "blob") or f"{parts.scheme}://{parts.netloc}" == self.origin

    def response(self, resp) -> None:
        path = urlparse(resp.url).path
        if resp.status >= 400 and not UPSTREAM_PROBES.match(path):
            self.errors.append(f"{resp.status} {resp.url}")

    def failed(self, req) -> None:
        if self.is_own(req.url) and not UPSTREAM_PROBES.match(urlparse(req.url).path):
            self.errors.append(f"failed {req.url}: {req.failure}")

    def assert_clean(self) -> None:
        assert not self.external, f"requests to other servers: {self.external}"
        assert not self.errors, f"HTTP errors: {self.errors}"
        assert not self.page_errors, f"exceptions in the page: {self.page_errors}"


@dataclass
class Visit:
    """The open page of a first visit to ``view`` and everything it asked for since."""

    view: View
    page: Page
    traffic: Traffic
    loaded_at: float  # time.monotonic() when the script run had ended and every chart was drawn

    def after_late_requests(self) -> Traffic:
        """The traffic once the page has had :data:`LATE_REQUESTS_MS` since it loaded (waiting only
        for what is left of them: the tests that looked at the page before took the rest)."""
        left_ms = LATE_REQUESTS_MS - (time.monotonic() - self.loaded_at) * 1000
        self.page.wait_for_timeout(max(left_ms, 0))  # also hands Playwright's queued events to Traffic
        return self.traffic


def open_visit(browser: Browser, base_url: str, view: View) -> tuple[BrowserContext, Visit]:
    """A new browser context (a new visitor) at the view's size, its traffic recorded from the first
    request, the page loaded (:meth:`Visit.after_late_requests` waits for the late requests). The
    caller closes the context."""
    context = browser.new_context(viewport={"width": view.width, "height": view.height}, locale="da-DK")
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        traffic = Traffic(origin=base_url)
        traffic.watch(context, page)
        open_page(page, base_url, view.path, view.params)
    except BaseException:
        context.close()
        raise
    return context, Visit(view, page, traffic, loaded_at=time.monotonic())
