"""What one user of bench/load.py does and how a run of N of them is measured, whichever client
drives them (headless Chromium: bench/browser_users.py; Streamlit's protocol: bench/protocol_users.py):
the searches and changes, the think time, the server's memory, CPU and load, errors by kind, and the
row bench/load.py prints for one N."""
from __future__ import annotations

import asyncio
import os
import random
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.stats import percentile

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


async def think(s: Session) -> None:
    """The pause after an action: 0.5–1.5 × the think time (sessions drift apart, as people do)."""
    if s.think > 0:
        await asyncio.sleep(s.think * s.rng.uniform(0.5, 1.5))


async def probe(url: str, out: list[float], stop: asyncio.Event, every_s: float = PROBE_EVERY_S) -> None:
    """The server's health endpoint, every ``every_s`` while the sessions run: ms for ``/_stcore/health``
    (answered by its event loop and network, not a script run; a probe that fails counts as 60 s)."""
    import urllib.request

    def ask() -> None:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=60) as r:
            r.read()

    while not stop.is_set():
        start = time.perf_counter()
        try:
            await asyncio.to_thread(ask)
            out.append((time.perf_counter() - start) * 1000)
        except Exception:
            out.append(60_000.0)
        try:
            await asyncio.wait_for(stop.wait(), every_s)
        except TimeoutError:
            pass


async def sample(pids: list[int], out: list[int], stop: asyncio.Event, loads: list[float],
                 every_s: float = RSS_EVERY_S) -> None:
    """The servers' resident memory together (kB) and the machine's load average, every ``every_s``."""
    while not stop.is_set():
        kb = [rss_kb(p) for p in pids]
        if all(kb):
            out.append(sum(k for k in kb if k))
        loads.append(load_1min())
        try:
            await asyncio.wait_for(stop.wait(), every_s)
        except TimeoutError:
            pass
