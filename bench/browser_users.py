"""bench/load.py's users as headless Chromium sessions: N browser contexts of one Chromium (each its
own Streamlit session, like N laptops) act on one fresh ``streamlit run`` server (bench/browser.py's
``Server``), each change timed from the key press or click to the settled page."""
from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path

import duckdb

from app.i18n import t
from bench.browser import ARGS, CHROMIUM, Server
from bench.pages import PAGES
from bench.users import (
    CHANGES_PER_PAGE,
    OPEN_TIMEOUT_FACTOR,
    THINK_S,
    WORDS,
    Measured,
    Session,
    cpu_seconds,
    figures,
    probe,
    rss_kb,
    sample,
    think,
)

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
                await think(s)
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
            await think(s)
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
            sampler = asyncio.create_task(sample([srv.proc.pid], samples, stop, loads))
            probes: list[float] = []
            prober = asyncio.create_task(probe(srv.url, probes, stop))
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
            await browser.close()
        end = rss_kb(srv.proc.pid) or 0
    return figures(Measured(n=n, seconds=seconds, think=think, db=db, sessions=sessions, results=results, logs=[log],
                            baseline=baseline, end=end, samples=samples, loads=loads, probes=probes,
                            cpu_used=cpu_used, wall=wall), browsers_niced=chromium != CHROMIUM)
