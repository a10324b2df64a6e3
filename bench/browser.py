"""The dashboard in headless Chromium against a real ``streamlit run``: first paint of each page,
and a filter applied via the URL and via a sidebar widget. ``python bench/run.py --browser``.

WHY a real server and browser: what a user waits for includes the websocket
handshake, the script run, serialising DataFrames and Plotly figures, and the
browser drawing them — none of which the query timings see. And "every page
opens and filters on a million initiatives" is only shown by doing it.

Figures per page: ``fcp`` (the browser's first-contentful-paint, the app shell)
and ``complete`` (from navigation until the script run has finished, no
skeleton placeholder is left and every chart has drawn). The first visit after
the server starts is ``cold`` (Streamlit's query cache is empty); later visits
in fresh browser contexts are answered from that cache. ``url_filter_ms``: a
fresh visit with filters in the query string (a shared link);
``widget_filter_ms``: from pressing Enter in the sidebar's search field until
that rerun is drawn. Any exception on a page, a filter dropped from the URL, or
a traceback in the server log is reported as an error.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench.stats import summary

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
START_TIMEOUT_S = 120
PAGE_TIMEOUT_MS = 180_000

#: The script run has finished, no skeleton is left, the main block has content and every Plotly
#: chart has drawn its SVG (the page as the user sees it). ``arguments`` is a text the URL must
#: contain (the app writes its filters to the URL, so this tells a finished rerun of *this* filter
#: from the run before it).
_DONE = """(mustContain) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.dataset.testScriptState !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stException"]')) return true;  // fail fast, counted below
    if (mustContain && !decodeURIComponent(location.search).includes(mustContain)) return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    if (!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]')) return false;
    return Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
        .every(c => c.querySelector('.main-svg'));
}"""
_FCP = """() => { const e = performance.getEntriesByName('first-contentful-paint')[0];
                  return e ? e.startTime : null; }"""
#: One search word per page for the sidebar-widget filter, so no page finds its queries already
#: answered by Streamlit's cache from the page before (the cache is shared across pages).
WORDS = ("digital", "energi", "vikar", "rehabilitering", "bibliotek", "udbud", "visitation", "ledelse")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``streamlit run dashboard.py`` on a free port with SAVINGS_DB set; a context manager.
    ``env``: more environment variables for the server, ``script``: the file it serves
    (bench/load.py's ``--profile``: bench/profiled_app.py)."""

    def __init__(self, db: Path, log: Path, env: dict[str, str] | None = None, script: str = "dashboard.py",
                 options: dict[str, str] | None = None):
        self.db, self.log, self.extra_env, self.script = db, log, env or {}, script
        self.options = options or {}  # Streamlit config options: {"runner.postScriptGC": "false"}
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        env = dict(os.environ, SAVINGS_DB=str(self.db), PYTHONUNBUFFERED="1", **self.extra_env)
        cmd = [sys.executable, "-m", "streamlit", "run", self.script, "--server.headless", "true",
               "--browser.gatherUsageStats", "false", "--server.port", str(self.port),
               "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"]
        cmd += [arg for name, value in self.options.items() for arg in (f"--{name}", value)]
        self._fh = open(self.log, "wb")
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self._fh, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit not healthy after {START_TIMEOUT_S} s; see {self.log}")
            time.sleep(0.2)

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._fh.close()


def _wait_done(page, must_contain: str = "") -> None:
    page.wait_for_function(_DONE, arg=must_contain, timeout=PAGE_TIMEOUT_MS, polling=50)


def _failed(page) -> bool:
    return page.locator('[data-testid="stException"]').count() > 0


def _visit(browser, url: str, screenshot: Path | None = None) -> tuple[float, float | None, bool]:
    """(seconds until the page is complete, first-contentful-paint in ms, page shows an exception)."""
    ctx = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="da-DK")
    try:
        page = ctx.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT_MS)
        _wait_done(page)
        complete = time.perf_counter() - start
        if screenshot:
            page.screenshot(path=str(screenshot), full_page=True)
        return complete, page.evaluate(_FCP), _failed(page)
    finally:
        ctx.close()


def _filter_in_browser(browser, base: str, path: str, url_filter: dict[str, str], word: str,
                       screenshot: Path | None) -> dict:
    """Open ``path`` with ``url_filter`` in its query string, then type ``word`` into the sidebar's
    search field (a widget filter) and wait for that rerun. Both timed; exceptions counted."""
    ctx = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="da-DK")
    try:
        page = ctx.new_page()
        query = urllib.parse.urlencode(url_filter)
        start = time.perf_counter()
        page.goto(f"{base}{path}?{query}", wait_until="commit", timeout=PAGE_TIMEOUT_MS)
        _wait_done(page)
        url_s = time.perf_counter() - start
        failed = _failed(page)
        kept = all(f"{k}={v}" in urllib.parse.unquote(page.url) for k, v in url_filter.items())
        box = page.locator(".st-key-q input")
        box.fill(word)
        start = time.perf_counter()
        box.press("Enter")
        _wait_done(page, f"q={word}")
        widget_s = time.perf_counter() - start
        failed = failed or _failed(page)
        if screenshot:
            page.screenshot(path=str(screenshot), full_page=True)
        return {"url_filter_ms": round(url_s * 1000, 1), "url_filter_kept": kept,
                "widget_filter_ms": round(widget_s * 1000, 1), "filter_exception": failed}
    finally:
        ctx.close()


def first_paints(db: Path, paths: list[str], repeat: int, log_dir: Path | None = None,
                 url_filter: dict[str, str] | None = None, screenshots: Path | None = None) -> list[dict]:
    """Per page: cold first load, then ``repeat`` loads in fresh contexts (median, p95); then, in a
    fresh context, the page opened with ``url_filter`` in its URL and a search typed into the
    sidebar (each timed until the page is complete). ``screenshots``: a folder for two PNGs per
    page, unfiltered (``-open``) and after both filters (``-filtered``). The server log must stay
    free of tracebacks."""
    from playwright.sync_api import sync_playwright
    log = (log_dir or Path(db).parent) / f"streamlit-{Path(db).stem}.log"
    url_filter = url_filter or {}
    if screenshots:
        screenshots.mkdir(parents=True, exist_ok=True)
    out = []
    with Server(Path(db), log) as srv, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            server_start = time.perf_counter()
            _visit(browser, srv.url + "/?year_from=2100&year_to=2100")  # imports, sidebar options; no measured page
            first_s = time.perf_counter() - server_start
            for n, path in enumerate(paths):
                name = path.strip("/") or "overview"
                cold, _, failed = _visit(browser, srv.url + path,
                                         screenshots / f"{name}-open.png" if screenshots else None)
                warm, fcps, errors = [], [], int(failed)
                for _ in range(repeat):
                    t, fcp, failed = _visit(browser, srv.url + path)
                    errors += failed
                    warm.append(t)
                    if fcp is not None:
                        fcps.append(fcp / 1000)
                shot = screenshots / f"{name}-filtered.png" if screenshots else None
                filt = _filter_in_browser(browser, srv.url, path, url_filter, WORDS[n % len(WORDS)], shot)
                errors += filt.pop("filter_exception")
                w = summary(warm)
                f = summary(fcps) if fcps else {}
                out.append({"page": path, "complete_cold_ms": round(cold * 1000, 1),
                            "complete_median_ms": w["median_ms"], "complete_p95_ms": w["p95_ms"],
                            "fcp_median_ms": f.get("median_ms"), "fcp_p95_ms": f.get("p95_ms"),
                            "n": w["n"], **filt, "pages_with_exception": errors,
                            "server_first_page_ms": round(first_s * 1000, 1)})
        finally:
            browser.close()
    text = log.read_text(encoding="utf-8", errors="replace")
    if "Traceback (most recent call last)" in text:
        out.append({"page": "*", "error": f"the server logged a traceback; see {log}"})
    return out
