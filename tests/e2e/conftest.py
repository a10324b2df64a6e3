"""Harness for the browser tests: one database, one real ``streamlit run`` server and one
headless Chromium per session (per pytest-xdist worker), and each first visit to a page opened once
for all the tests that only look at it.

WHY a real server and a real browser: the dashboard's public contract is its URLs (filters in
the query string, shareable links, presentation mode), and only a browser talking to the
actual server exercises query-string handling, reruns, navigation and downloads the way a
user does. Streamlit's in-process AppTest cannot see URLs or files the browser receives.

The server's log is captured to a file; every test ends by asserting that the part of the log
written during the test has no Python traceback, because Streamlit shows some exceptions only
in the log (for example errors in callbacks or while serving a download).
"""
from __future__ import annotations

import contextlib
import importlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from tests.conftest import E2E_DB_ORIGIN
from tests.e2e.visits import PAGES, View, Visit, open_visit

__all__ = ["PAGES", "View", "Visit"]
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
VIEWPORT = {"width": 1600, "height": 1000}
#: Lines in the server log that mean Python raised somewhere.
LOG_ALARMS = ("Traceback (most recent call last)", "Uncaught app exception", "Exception in callback")
SERVER_START_TIMEOUT_S = 90


# --------------------------------------------------------------------------- database

def _build_with_etl(db: Path) -> str | None:
    """Build from data/raw exactly like `make db`. Returns None on success, else the reason."""
    env = {k: v for k, v in os.environ.items() if k != "SAVINGS_DB"}
    res = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(db)], cwd=ROOT,
                         capture_output=True, text=True, env=env, timeout=300)
    if res.returncode == 0 and db.exists():
        return None
    return (res.stderr.strip().splitlines() or [f"exit status {res.returncode}"])[-1]


def _build_with_appdb(db: Path) -> str | None:
    """Fall back to the small hand-made database of tests/appdb.py (the app's own fixture).

    WHY: parsers land in parallel with the app; the browser tests check the app's behaviour
    (URLs, filters, downloads) which any consistent database exercises."""
    try:
        appdb = importlib.import_module("tests.appdb")
    except ModuleNotFoundError:
        return "tests/appdb.py does not exist"
    for name in ("build_app_db", "build", "make_db", "create_db", "build_db", "write_db"):
        fn = getattr(appdb, name, None)
        if callable(fn):
            fn(db)
            return None if db.exists() else f"tests.appdb.{name} did not create {db}"
    return "tests/appdb.py has no build function"


#: Which database the session used, printed in the terminal summary (real build or fallback) by
#: tests/conftest.py, which pytest also loads in pytest-xdist's controller (this file it does not).
DB_ORIGIN = E2E_DB_ORIGIN


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> Path:
    """The database the server opens: the real ETL build, else tests/appdb.py, else skip.

    E2E_SAVINGS_DB=<path> runs the suite against an existing database instead (read-only)."""
    given = os.environ.get("E2E_SAVINGS_DB")
    if given:
        DB_ORIGIN.append(f"E2E_SAVINGS_DB={given}")
        return Path(given).resolve()
    db = tmp_path_factory.mktemp("e2e") / "savings.duckdb"
    why_etl = _build_with_etl(db)
    if why_etl is None:
        DB_ORIGIN.append("python -m etl build of data/raw")
        return db
    db.unlink(missing_ok=True)
    why_appdb = _build_with_appdb(db)
    if why_appdb is None:
        DB_ORIGIN.append(f"tests/appdb.py (etl build failed: {why_etl})")
        return db
    pytest.skip(f"no database for the browser tests: etl build failed ({why_etl}); "
                f"fallback failed ({why_appdb})")


@pytest.fixture(scope="session")
def sql(db_path):
    """Run SQL against the same database the server reads (read-only, like the app)."""
    con = duckdb.connect(str(db_path), read_only=True)

    def run(query: str, params: list | None = None) -> list[tuple]:
        return con.execute(query, params or []).fetchall()

    yield run
    con.close()


# --------------------------------------------------------------------------- server

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running `streamlit run dashboard.py` and its log file."""

    def __init__(self, url: str, log: Path, proc: subprocess.Popen):
        self.url, self.log, self.proc = url, log, proc

    def log_text(self, start: int = 0) -> str:
        with open(self.log, "rb") as fh:
            fh.seek(start)
            return fh.read().decode("utf-8", "replace")

    def log_size(self) -> int:
        return self.log.stat().st_size


@contextlib.contextmanager
def start_server(db_path: Path, log_dir: Path):
    """A fresh ``streamlit run dashboard.py`` on a free port, stopped on exit."""
    port = _free_port()
    log = log_dir / "streamlit.log"
    env = dict(os.environ, SAVINGS_DB=str(db_path), PYTHONUNBUFFERED="1")
    cmd = [sys.executable, "-m", "streamlit", "run", "dashboard.py",
           "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.port", str(port), "--server.address", "127.0.0.1",
           "--server.fileWatcherType", "none", "--server.runOnSave", "false",
           "--global.developmentMode", "false"]
    fh = open(log, "wb")  # noqa: SIM115 (the server writes to it until it stops)
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    srv = Server(url, log, proc)
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode} before serving:\n{srv.log_text()}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit not healthy after {SERVER_START_TIMEOUT_S}s:\n{srv.log_text()}")
            time.sleep(0.2)
        yield srv
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        fh.close()


@pytest.fixture(scope="session")
def server(db_path, tmp_path_factory) -> Server:
    with start_server(db_path, tmp_path_factory.mktemp("server")) as srv:
        yield srv


# --------------------------------------------------------------------------- browser

@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless. Missing Chromium FAILS (make test installs it)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's Chromium "
                    "(run `make chromium` or `apt-get install chromium`)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def context(browser):
    """A fresh browser context per test: no cookies, no session state, like a new visitor."""
    ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="da-DK")
    ctx.set_default_timeout(20_000)
    yield ctx
    ctx.close()


@pytest.fixture()
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def first_visit(request, browser, server) -> Visit:
    """A first visit to the :class:`View` a test is parametrised with (``indirect=True``), opened
    once for every test that only looks at it (tests/e2e/visits.py says why) and closed when
    pytest moves on to the next view."""
    start = server.log_size()  # (set up before the test's own log check starts: checked here)
    context, visit = open_visit(browser, server.url, request.param)
    try:
        assert_log_clean(server, start, f"while {request.param} loaded")
        yield visit
    finally:
        context.close()


@pytest.fixture(autouse=True)
def server_log_clean(request):
    """After each test using the server: no traceback in what the server logged meanwhile."""
    if "server" not in request.fixturenames:
        yield
        return
    srv: Server = request.getfixturevalue("server")
    start = srv.log_size()
    yield
    assert_log_clean(srv, start, "during this test")


def assert_log_clean(srv: Server, start: int, when: str) -> None:
    """No line of :data:`LOG_ALARMS` in what the server logged from byte ``start`` on."""
    new = srv.log_text(start)
    alarms = [a for a in LOG_ALARMS if a in new]
    assert not alarms, f"server log shows {alarms} {when}:\n{new[-4000:]}"
