"""Many sessions at once: N headless Chromium sessions filtering the dashboard on one server.

``python bench/load.py --db /tmp/synth1m.duckdb --sessions 1,5,20 --seconds 60 [--think 4]``

WHY: a budget seminar opens the shared link together. What a single session measures (bench/run.py)
says nothing about twenty sessions sharing one Streamlit process, one DuckDB database and two
cores. For each N a fresh ``streamlit run`` server is started (bench/browser.py's ``Server``) and
N browser contexts of one Chromium (each its own Streamlit session, like N laptops) act like
users for ``--seconds``: each starts on its own page, changes one sidebar filter at a time — the
search box (a word from :data:`WORDS`), a sector (added or removed in the multiselect), "adopted"
(Alle/Ja/Nej) — and after every :data:`CHANGES_PER_PAGE` changes moves on to the next page through
the sidebar navigation, so every page is filtered. A change is timed from the key press or click
until the page is settled: the script run has finished, the URL carries exactly the filter set,
no skeleton is left and every chart has drawn (the same test as bench/browser.py).

Reported per N: changes made, p50/p95/max of change → settled and of page switches, errors
(a page showing an exception, a change that did not settle within ``--timeout``, a browser
error, a traceback in the server log), and the server's resident memory (VmRSS of the
``streamlit`` process, sampled every 0.5 s): after one warm-up visit, at the peak, and the peak's
growth per session; and the server's CPU time per page run (opening, change or page switch: the
CPU a machine must have per user action, whatever the browsers' share of the cores), and the
machine's load average. The filter states repeat across sessions (13 searches × 11 sector states ×
3 adoption states per page), so some changes are answered from Streamlit's shared query cache —
as in a room where people click the same things; the cache sizes are in app/cached.py.

**Think time** (``--think SECONDS``, default :data:`THINK_S`): after every settled change or page
switch a session pauses for a random 0.5–1.5 × that long before its next action — a person in a
seminar room reads the chart, listens, then clicks. That is an *open-ish* load: 20 sessions at
4 s each ask ~5 page runs a second at most. ``--think 0`` is the old back-to-back mode: every
session acts again the moment its page settles, a closed loop that keeps the machine saturated
by construction (N browsers and the server always busy) — a stress test, not a room.

**Without browsers** (``--client protocol``, bench/protocol.py, bench/protocol_users.py): the same
users speak Streamlit's websocket protocol to the server as its front end does, and a change is timed to the run's
``script_finished`` — the server's figures alone, no page drawn (``--servers K`` shares the
sessions out over K servers, ``--profile DIR`` measures each run's CPU by part, ``--server-option``
sets a Streamlit option; bench/protocol_check.py shows such a session gets a browser's page).

Chromium, the server and other work share the machine's cores: the figures are for the machine
as a whole, which is what a room of users gets from one server. To tell the server's slowness from
the browsers', a probe asks the server's health endpoint (``/_stcore/health``, answered by its event
loop) once a second and reports its latency; an error is classified by what failed — an
exception shown or a traceback logged (the server's), a page that never settled while the
server answered its probe (the browsers', or a queue), a session that could not open.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import logging  # noqa: E402

logging.getLogger("streamlit").setLevel(logging.ERROR)  # bare-mode cache warnings on import

import duckdb  # noqa: E402

from app.i18n import t  # noqa: E402
from bench.browser import ARGS, CHROMIUM, Server  # noqa: E402
from bench.pages import PAGES  # noqa: E402
from bench.stats import percentile  # noqa: E402

#: Searches users type (single words: the URL check compares them literally).
WORDS = ("digital", "rengøring", "udbud", "rehabilitering", "energi", "skole", "vikar", "velfærdsteknologi",
         "bibliotek", "indkøb", "Aarhus", "leverandør")
CHANGES_PER_PAGE = 3
#: Default seconds a session pauses after each settled action (a person reading the chart).
THINK_S = 4.0
#: How often the server's health endpoint is probed while the sessions run.
PROBE_EVERY_S = 1.0
#: The first opening of a page may take this many times ``--timeout`` (N browsers start at once).
OPEN_TIMEOUT_FACTOR = 3
RSS_EVERY_S = 0.5

#: The page is settled for the expected filters: script finished, URL path and the three filter
#: parameters as expected, no skeleton, every chart drawn. An exception shown counts as settled
#: (and is counted as an error).
_SETTLED = """([path, want]) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.dataset.testScriptState !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stException"]')) return true;
    if (location.pathname.replace(/\\/$/, '') !== path.replace(/\\/$/, '')) return false;
    const p = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(want)) { if (p.get(k) !== v) return false; }
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    if (!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]')) return false;
    return Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
        .every(c => c.querySelector('.main-svg'));
}"""


@dataclass
class Session:
    """One user: the filters it has set, and what it measured."""

    n: int
    path: str
    rng: random.Random
    q: str | None = None
    sector: str | None = None
    adopted: str = "alle"
    changes: list[float] = field(default_factory=list)
    switches: list[float] = field(default_factory=list)
    opens: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    think: float = 0.0

    def want(self) -> dict[str, str | None]:
        return {"q": self.q, "sector": self.sector, "adopted": None if self.adopted == "alle" else self.adopted}


def rss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


async def _settled(page, s: Session, timeout_ms: int) -> None:
    await page.wait_for_function(_SETTLED, arg=[s.path, s.want()], timeout=timeout_ms, polling=50)
    if await page.locator('[data-testid="stException"]').count():
        text = (await page.locator('[data-testid="stException"]').first.inner_text())[:200]
        raise RuntimeError(f"exception on {s.path}: {text}")


async def _change(page, s: Session, sectors: dict[str, str]) -> str:
    """Change one filter in the sidebar, as a user does; returns what was changed."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    what = s.rng.choice(("q", "q", "sector", "adopted"))
    if what == "q":
        s.q = None if s.q and s.rng.random() < 0.3 else s.rng.choice([w for w in WORDS if w != s.q])
        box = sidebar.locator(".st-key-q input")
        await box.fill(s.q or "")
        await box.press("Enter")
    elif what == "sector":
        box = sidebar.locator(".st-key-sector input")
        await box.click()
        if s.sector:
            s.sector = None
            await box.press("Backspace")
        else:
            s.sector = s.rng.choice(sorted(sectors))
            await box.fill(sectors[s.sector])
            await box.press("Enter")
        await box.press("Escape")
    else:
        s.adopted = s.rng.choice([a for a in ("alle", "ja", "nej") if a != s.adopted])
        box = sidebar.get_by_role("combobox", name=t("f_adopted", "da"))
        await box.click()
        await box.press("ArrowDown")
        label = {"alle": t("any", "da"), "ja": t("yes", "da"), "nej": t("no", "da")}[s.adopted]
        await page.get_by_role("option", name=label, exact=True).click()
    return what


async def _think(s: Session) -> None:
    """The pause after an action: 0.5–1.5 × the think time (sessions drift apart, as people do)."""
    if s.think > 0:
        await asyncio.sleep(s.think * s.rng.uniform(0.5, 1.5))


async def _user(browser, base: str, s: Session, seconds: float, sectors: dict[str, str], timeout_ms: int):
    """One user: opens its first page, then acts for ``seconds``. The opening (the browser loading
    Streamlit's front end, all sessions at once) is timed apart (``first_open``) and may take
    :data:`OPEN_TIMEOUT_FACTOR` × ``timeout_ms``; a session that cannot open is one error."""
    ctx = await browser.new_context(viewport={"width": 1600, "height": 1000}, locale="da-DK")
    page = await ctx.new_page()
    try:
        start = time.perf_counter()
        try:
            await page.goto(base + s.path, wait_until="commit", timeout=timeout_ms * OPEN_TIMEOUT_FACTOR)
            await _settled(page, s, timeout_ms * OPEN_TIMEOUT_FACTOR)
        except Exception as exc:
            s.errors.append(f"open {s.path}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
            return
        s.opens.append(time.perf_counter() - start)
        deadline = time.monotonic() + seconds
        order = list(PAGES)
        while time.monotonic() < deadline:
            for _ in range(CHANGES_PER_PAGE):
                if time.monotonic() >= deadline:
                    break
                start = time.perf_counter()
                try:
                    await _change(page, s, sectors)
                    await _settled(page, s, timeout_ms)
                    s.changes.append(time.perf_counter() - start)
                except Exception as exc:  # counted, then the user carries on from a fresh page
                    s.errors.append(f"{s.path}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
                    await _reopen(page, base, s, timeout_ms)
                await _think(s)
            if time.monotonic() >= deadline:
                break
            s.path = order[(order.index(s.path) + 1) % len(order)]
            start = time.perf_counter()
            try:
                # the sidebar lists the pages in the contract's order, as bench.pages.PAGES does
                await page.locator('[data-testid="stSidebarNavLink"]').nth(order.index(s.path)).click()
                await _settled(page, s, timeout_ms)
                s.switches.append(time.perf_counter() - start)
            except Exception as exc:
                s.errors.append(f"switch to {s.path}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
                await _reopen(page, base, s, timeout_ms)
            await _think(s)
    finally:
        await ctx.close()


async def _reopen(page, base: str, s: Session, timeout_ms: int) -> None:
    """After an error: open the page with the session's filters in the URL, so it can go on."""
    from urllib.parse import urlencode
    query = urlencode({k: v for k, v in s.want().items() if v})
    try:
        await page.goto(f"{base}{s.path}?{query}", wait_until="commit", timeout=timeout_ms)
        await _settled(page, s, timeout_ms)
    except Exception as exc:
        s.errors.append(f"reopen {s.path}: {type(exc).__name__}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far (all its threads: DuckDB's too)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_1min() -> float:
    """The machine's 1-minute load average (other work shares the cores: printed with the figures)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


async def _sample_rss(pid: int, out: list[int], stop: asyncio.Event, loads: list[float]) -> None:
    while not stop.is_set():
        kb = rss_kb(pid)
        if kb:
            out.append(kb)
        loads.append(load_1min())
        try:
            await asyncio.wait_for(stop.wait(), RSS_EVERY_S)
        except TimeoutError:
            pass


async def _probe(request, url: str, out: list[float], stop: asyncio.Event) -> None:
    """The server's health endpoint, once every :data:`PROBE_EVERY_S`: ms to answer (its event loop
    and network, not a script run). A probe that fails counts as 60 s."""
    while not stop.is_set():
        start = time.perf_counter()
        try:
            await request.get(url + "/_stcore/health", timeout=60_000)
            out.append((time.perf_counter() - start) * 1000)
        except Exception:
            out.append(60_000.0)
        try:
            await asyncio.wait_for(stop.wait(), PROBE_EVERY_S)
        except TimeoutError:
            pass


def error_kind(message: str) -> str:
    """What an error says about whose it is: ``server`` (an exception on the page, a traceback in
    the log), ``open`` (a session's first page never settled), ``unsettled`` (a change or page
    switch did not settle in time: the server queued or a browser was starved — read beside the
    probe's latency and the server's CPU share), ``browser`` (anything else the browser raised)."""
    if "exception on" in message or "traceback" in message:
        return "server"
    if message.startswith("open "):
        return "open"
    if "Timeout" in message:
        return "unsettled"
    return "browser"


def niced_chromium(folder: Path) -> str:
    """A launcher that runs Chromium at the lowest CPU priority (``nice -n 19``), so the server
    gets the cores first, as when each user's browser runs on their own laptop; the browsers
    still share what is left with the server's machine (``--nice-browsers``)."""
    launcher = folder / "chromium-niced"
    launcher.write_text(f'#!/bin/sh\nexec nice -n 19 {CHROMIUM} "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    return str(launcher)


async def run_sessions(db: Path, n: int, seconds: float, seed: int, timeout_ms: int, log_dir: Path,
                       chromium: str = CHROMIUM, think: float = THINK_S) -> dict:
    """One fresh server, ``n`` sessions for ``seconds``; returns the figures. ``chromium``: the
    browser's executable (:func:`niced_chromium` for browsers below the server's priority)."""
    from playwright.async_api import async_playwright
    con = duckdb.connect(str(db), read_only=True)
    sectors = dict(con.execute("SELECT sector, label_da FROM sectors").fetchall())
    con.close()
    log = log_dir / f"streamlit-load-{n}.log"
    with Server(db, log) as srv:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium, args=ARGS, headless=True)
            warm = Session(-1, "/", random.Random(0))
            ctx = await browser.new_context()
            page = await ctx.new_page()
            await page.goto(srv.url + "/", wait_until="commit", timeout=timeout_ms)
            await _settled(page, warm, timeout_ms)
            await ctx.close()
            baseline = rss_kb(srv.proc.pid) or 0
            samples: list[int] = []
            loads: list[float] = []
            stop = asyncio.Event()
            sampler = asyncio.create_task(_sample_rss(srv.proc.pid, samples, stop, loads))
            request = await pw.request.new_context()
            probes: list[float] = []
            prober = asyncio.create_task(_probe(request, srv.url, probes, stop))
            pages = list(PAGES)
            sessions = [Session(i, pages[i % len(pages)], random.Random(seed * 1000 + i), think=think)
                        for i in range(n)]
            cpu_start, wall_start = cpu_seconds(srv.proc.pid), time.perf_counter()
            results = await asyncio.gather(*(_user(browser, srv.url, s, seconds, sectors, timeout_ms)
                                             for s in sessions), return_exceptions=True)
            cpu_used, wall = cpu_seconds(srv.proc.pid) - cpu_start, time.perf_counter() - wall_start
            stop.set()
            await sampler
            await prober
            await request.dispose()
            await browser.close()
        end = rss_kb(srv.proc.pid) or 0
    return figures(Measured(n=n, seconds=seconds, think=think, db=db, sessions=sessions, results=results, logs=[log],
                            baseline=baseline, end=end, samples=samples, loads=loads, probes=probes,
                            cpu_used=cpu_used, wall=wall), browsers_niced=chromium != CHROMIUM)


@dataclass
class Measured:
    """What one run of N sessions collected, whichever client drove them."""

    n: int
    seconds: float
    think: float
    db: Path
    sessions: list[Session]
    results: list
    logs: list[Path]  # the servers' logs (protocol sessions may share out over several servers)
    baseline: int  # server VmRSS in kB after the warm-up visit
    end: int
    samples: list[int]
    loads: list[float]
    probes: list[float]
    cpu_used: float  # server CPU seconds while the sessions ran
    wall: float


def stats(ms: list[float]) -> dict:
    if not ms:
        return {"n": 0}
    return {"n": len(ms), "p50_ms": round(statistics.median(ms)), "p95_ms": round(percentile(ms, 95)),
            "max_ms": round(max(ms))}


def figures(m: Measured, **extra) -> dict:
    """The row bench/load.py prints for one N: timings, errors by kind, memory, CPU, load."""
    errors = [e for s in m.sessions for e in s.errors]
    errors += [f"session crashed: {type(r).__name__}: {r}" for r in m.results if isinstance(r, BaseException)]
    for log in m.logs:
        if "Traceback (most recent call last)" in log.read_text(encoding="utf-8", errors="replace"):
            errors.append(f"the server logged a traceback; see {log}")
    changes = [x * 1000 for s in m.sessions for x in s.changes]
    switches = [x * 1000 for s in m.sessions for x in s.switches]
    opens = [x * 1000 for s in m.sessions for x in s.opens]
    peak = max(m.samples + [m.baseline, m.end])
    kinds: dict[str, int] = {}
    for e in errors:
        kinds[error_kind(e)] = kinds.get(error_kind(e), 0) + 1
    n, wall, cpu_used = m.n, m.wall, m.cpu_used
    return {"bench": "load", "sessions": n, "seconds": m.seconds, "think_s": m.think, "db": str(m.db), **extra,
            "changes": stats(changes),
            "page_switches": stats(switches), "first_open": stats(opens), "errors": len(errors),
            "error_examples": errors[:5], "errors_by_kind": kinds,
            "health_probe": stats(m.probes), "wall_s": round(wall, 1),
            "server_cpu_share": round(cpu_used / wall, 2) if wall else None,
            "rss_baseline_mb": round(m.baseline / 1024), "rss_peak_mb": round(peak / 1024),
            "rss_end_mb": round(m.end / 1024),
            "rss_growth_per_session_mb": round((peak - m.baseline) / 1024 / n, 1),
            "server_cpu_s": round(cpu_used, 1),
            "server_cpu_ms_per_run": round(cpu_used * 1000 / max(1, len(changes) + len(switches) + len(opens))),
            "load_1min_mean": round(statistics.fmean(m.loads), 2) if m.loads else None,
            "load_1min_max": round(max(m.loads), 2) if m.loads else None}


def cursor_concurrency(db: Path, threads: int, rounds: int = 3) -> dict:
    """Wall time of ``threads`` threads each asking the overview's queries (resolved filters, as
    the app asks them) once, on one shared DuckDB cursor against one cursor per thread (app/db.py
    gives each script thread its own). A shared cursor runs one statement at a time: DuckDB 2.0
    refuses a second caller ("connection is busy") rather than making it wait, so the shared case
    takes a lock around each statement — what sessions sharing one cursor would have to do. A
    thread that fails is counted (``errors``), never silently faster."""
    import threading

    from app import queries
    from app.filter_sql import resolve
    from app.filters import Filters
    from etl import search_index

    con = duckdb.connect(str(db), read_only=True)
    indexed = search_index.usable(con)
    work = [Filters(sector=(s,)) for s in ("skole", "social", "administration", "dagtilbud")]
    overview = (queries.kpis, queries.gains_by_year, queries.staircase, queries.by_sector)
    errors: list[str] = []

    class Serialised:
        """A cursor shared by all threads, one statement at a time (the lock held while the
        statement runs and its result is fetched)."""

        def __init__(self, cur):
            self.cur, self.lock = cur, threading.Lock()

        def execute(self, sql, params=None):
            with self.lock:
                return _Fetched(self.cur.execute(sql, params or []))

    def user(cur, f):
        try:
            sel = resolve(cur, f, indexed)
            for q in overview:
                q(cur, sel)
        except Exception as exc:  # counted in the result, not a traceback on stderr
            errors.append(f"{type(exc).__name__}: {exc}")

    def wall(shared: bool) -> float:
        cursors = [con.cursor() for _ in range(threads)]
        one = Serialised(con.cursor())
        ts = [threading.Thread(target=user, args=(one if shared else cursors[i], work[i % len(work)]))
              for i in range(threads)]
        start = time.perf_counter()
        for th in ts:
            th.start()
        for th in ts:
            th.join()
        for c in cursors + [one.cur]:
            c.close()
        return time.perf_counter() - start

    wall(False)  # warm the buffers
    shared = statistics.median(wall(True) for _ in range(rounds))
    own = statistics.median(wall(False) for _ in range(rounds))
    con.close()
    return {"bench": "cursors", "threads": threads, "shared_cursor_ms": round(shared * 1000),
            "cursor_per_thread_ms": round(own * 1000), "errors": len(errors), "error_examples": errors[:3],
            "load_1min": round(load_1min(), 2)}


class _Fetched:
    """A statement's result, fetched while the shared cursor's lock was held (the app's queries
    call ``.df()``, ``.fetchone()``, ``.fetchall()`` or ``.fetchnumpy()`` on what ``execute``
    returns)."""

    def __init__(self, res):
        self._df = res.df()

    def df(self):
        return self._df

    def fetchone(self):
        return tuple(self._df.iloc[0]) if len(self._df) else None

    def fetchall(self):
        return [tuple(r) for r in self._df.itertuples(index=False)]

    def fetchnumpy(self):
        return {c: self._df[c].to_numpy() for c in self._df.columns}


def print_table(rows: list[dict]) -> None:
    print()
    print(f"{'sessions':>8} {'think s':>7} {'changes':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
          f"{'switch p50/p95':>15} "
          f"{'open p50/max':>13} {'errors':>7} "
          f"{'RSS base':>9} {'RSS peak':>9} {'MB/session':>10} {'CPU ms/run':>10} {'server CPU':>10} "
          f"{'probe p95':>9} {'load mean/max':>14} {'client':>8} {'client CPU':>10}")
    for r in rows:
        c, w, o = r["changes"], r["page_switches"], r.get("first_open", {})
        print(f"{r['sessions']:>8} {r.get('think_s', 0):>7} {c['n']:>8} {c.get('p50_ms', '-'):>8} "
              f"{c.get('p95_ms', '-'):>8} "
              f"{c.get('max_ms', '-'):>8} {str(w.get('p50_ms', '-')) + '/' + str(w.get('p95_ms', '-')):>15} "
              f"{str(o.get('p50_ms', '-')) + '/' + str(o.get('max_ms', '-')):>13} {r['errors']:>7} "
              f"{r['rss_baseline_mb']:>9} {r['rss_peak_mb']:>9} {r['rss_growth_per_session_mb']:>10} "
              f"{r.get('server_cpu_ms_per_run', '-'):>10} {r.get('server_cpu_share', '-'):>10} "
              f"{r.get('health_probe', {}).get('p95_ms', '-'):>9} "
              f"{str(r.get('load_1min_mean')) + '/' + str(r.get('load_1min_max')):>14} "
              f"{r.get('client', 'browser'):>8} {r.get('client_cpu_share', '-'):>10}")
    split = [(r["sessions"], r["server_cpu_by_thread"]) for r in rows if r.get("server_cpu_by_thread")]
    if split:
        print("server CPU seconds by thread (main = event loop; lasting = DuckDB's pool; script = the runs): "
              + "; ".join(f"{n}: {d}" for n, d in split))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="the database the server opens (e.g. a bench/synth.py file)")
    ap.add_argument("--sessions", default="1,5,20", help="comma-separated numbers of sessions")
    ap.add_argument("--seconds", type=float, default=60, help="how long the sessions act, per N")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=60, help="seconds a change may take before it is an error")
    ap.add_argument("--think", type=float, default=THINK_S,
                    help=f"seconds a session pauses after each settled action, 0.5-1.5x at random (default "
                         f"{THINK_S}: a person in a seminar room); 0 = back to back, a saturating stress test")
    ap.add_argument("--json", help="also append the JSON lines to this file")
    ap.add_argument("--nice-browsers", action="store_true",
                    help="run Chromium at the lowest CPU priority, so the server has the cores first")
    ap.add_argument("--client", choices=("browser", "protocol"), default="browser",
                    help="browser: headless Chromium sessions (the page drawn); protocol: sessions speaking "
                         "Streamlit's websocket protocol (bench/protocol.py: the server alone, no rendering)")
    ap.add_argument("--profile", type=Path, metavar="DIR",
                    help="(--client protocol) serve bench/profiled_app.py: each script run's CPU by part "
                         "(queries, figures, tables, ...) written to DIR; print with: python bench/run_parts.py DIR")
    ap.add_argument("--profile-functions", action="store_true",
                    help="with --profile: also cProfile every run (doubles the run; for names, not shares)")
    ap.add_argument("--servers", type=int, default=1,
                    help="(--client protocol) start this many servers and share the sessions out over them, "
                         "as a load balancer with sticky sessions would (one Python process uses one core)")
    ap.add_argument("--server-option", action="append", default=[], metavar="NAME=VALUE",
                    help="(--client protocol) a Streamlit config option for the server, e.g. "
                         "runner.postScriptGC=false; repeatable")
    ap.add_argument("--cursors", type=int, default=0,
                    help="also time N threads querying on one shared cursor against a cursor each")
    args = ap.parse_args(argv)
    db = Path(args.db)
    if not db.exists():
        print(f"error: {db}: no such database (python bench/synth.py --rows 1000000 --db {db})", file=sys.stderr)
        return 2
    if args.cursors:
        print(json.dumps(cursor_concurrency(db, args.cursors)), flush=True)
    rows = []
    logs = Path(tempfile.mkdtemp(prefix="savings-load-"))  # kept: the server logs of each N
    for n in (int(x) for x in args.sessions.split(",") if x.strip()):
        if args.client == "protocol":
            from bench import protocol_users
            profile = None
            if args.profile:
                profile = args.profile / f"sessions-{n}"
                profile.mkdir(parents=True, exist_ok=True)
            options = dict(o.split("=", 1) for o in args.server_option)
            row = asyncio.run(protocol_users.run_sessions(db, n, args.seconds, args.seed, int(args.timeout * 1000),
                                                          logs, args.think, profile, args.servers,
                                                          args.profile_functions, options))
        else:
            chromium = niced_chromium(logs) if args.nice_browsers else CHROMIUM
            row = asyncio.run(run_sessions(db, n, args.seconds, args.seed, int(args.timeout * 1000), logs, chromium,
                                           args.think))
        rows.append(row)
        line = json.dumps(row, ensure_ascii=False)
        print(line, flush=True)
        if args.json:
            with open(args.json, "a", encoding="utf-8") as fh:
                fh.write(line + "\n")
    print_table(rows)
    print(f"server logs: {logs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
