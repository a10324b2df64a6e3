"""First paint of each dashboard page in headless Chromium against a real ``streamlit run``.

WHY a real server and browser: what a user waits for includes the websocket
handshake, the script run, serialising DataFrames and Plotly figures, and the
browser drawing them — none of which the query timings see.

Two figures per page: ``fcp`` (the browser's first-contentful-paint, the app
shell) and ``complete`` (from navigation until the script run has finished and
no skeleton placeholder is left, i.e. the page with its figures). The first
visit after the server starts is ``cold`` (Streamlit's query cache is empty);
later visits in fresh browser contexts are answered from that cache.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.stats import summary

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
START_TIMEOUT_S = 120
PAGE_TIMEOUT_MS = 180_000

_DONE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.dataset.testScriptState === 'notRunning'
        && !document.querySelector('[data-testid="stSkeleton"]')
        && !!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]');
}"""
_FCP = """() => { const e = performance.getEntriesByName('first-contentful-paint')[0];
                  return e ? e.startTime : null; }"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``streamlit run dashboard.py`` on a free port with SAVINGS_DB set; a context manager."""

    def __init__(self, db: Path, log: Path):
        self.db, self.log = db, log
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        env = dict(os.environ, SAVINGS_DB=str(self.db), PYTHONUNBUFFERED="1")
        cmd = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
               "--browser.gatherUsageStats", "false", "--server.port", str(self.port),
               "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"]
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


def _visit(browser, url: str) -> tuple[float, float | None, bool]:
    """(seconds until the page is complete, first-contentful-paint in ms, page shows an exception)."""
    ctx = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="da-DK")
    try:
        page = ctx.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT_MS)
        page.wait_for_function(_DONE, timeout=PAGE_TIMEOUT_MS, polling=50)
        complete = time.perf_counter() - start
        failed = page.locator('[data-testid="stException"]').count() > 0
        return complete, page.evaluate(_FCP), failed
    finally:
        ctx.close()


def first_paints(db: Path, paths: list[str], repeat: int, log_dir: Path | None = None) -> list[dict]:
    """Per page: cold first load, then ``repeat`` loads in fresh contexts (median, p95)."""
    from playwright.sync_api import sync_playwright
    log = (log_dir or Path(db).parent) / f"streamlit-{Path(db).stem}.log"
    out = []
    with Server(Path(db), log) as srv, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            _visit(browser, srv.url + "/?year_from=2100&year_to=2100")  # imports, sidebar options; no measured page
            for path in paths:
                cold, _, failed = _visit(browser, srv.url + path)
                warm, fcps, errors = [], [], int(failed)
                for _ in range(repeat):
                    t, fcp, failed = _visit(browser, srv.url + path)
                    errors += failed
                    warm.append(t)
                    if fcp is not None:
                        fcps.append(fcp / 1000)
                w = summary(warm)
                f = summary(fcps) if fcps else {}
                out.append({"page": path, "complete_cold_ms": round(cold * 1000, 1),
                            "complete_median_ms": w["median_ms"], "complete_p95_ms": w["p95_ms"],
                            "fcp_median_ms": f.get("median_ms"), "fcp_p95_ms": f.get("p95_ms"),
                            "n": w["n"], "pages_with_exception": errors})
        finally:
            browser.close()
    text = log.read_text(encoding="utf-8", errors="replace")
    if "Traceback (most recent call last)" in text:
        out.append({"page": "*", "error": f"the server logged a traceback; see {log}"})
    return out
