"""bench/load.py's users as protocol sessions (bench/protocol.py), and one run of N of them
against fresh servers: the timings, the servers' memory and CPU (per thread, and by part with
``--profile``), the bench client's own CPU.

WHY apart from the client: the client is what a browser does on the websocket, checked against
a real one (bench/protocol_check.py); this is what bench/load.py measures with it."""
from __future__ import annotations

import asyncio
import time

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench import users
from bench.protocol import ProtocolSession, Run

# --------------------------------------------------------------------------- the users

def _check(run: Run, s, what: str) -> None:
    """Raise when the run's page is not the settled page a browser would accept (bench/load.py's
    ``_SETTLED``): an exception shown, a compile error, no content, or the URL's filters other than
    the session set (``s.want()``; page and filters are checked, as the browser's URL test does)."""
    if run.exceptions:
        raise RuntimeError(f"exception on {s.path}: {run.exceptions[0]}")
    if run.status != ForwardMsg.FINISHED_SUCCESSFULLY or run.page_not_found:
        raise RuntimeError(f"{what} {s.path}: run ended with status {run.status}, page_not_found={run.page_not_found}")
    if not run.elements:
        raise RuntimeError(f"{what} {s.path}: the run drew nothing")


def check_url(session: ProtocolSession, s) -> None:
    have = session.url_params()
    for k, v in s.want().items():
        if have.get(k) != v:
            raise RuntimeError(f"{s.path}: URL {session.query_string!r} has {k}={have.get(k)!r}, expected {v!r}")


def _change(session: ProtocolSession, s, sectors: dict[str, str]) -> tuple[str, WidgetState]:
    """Pick and apply one sidebar change as bench/load.py's browser user does; returns the key and
    the widget's new state (the value the browser would send: labels for the select widgets)."""
    from app.i18n import t
    what = s.rng.choice(("q", "q", "sector", "adopted"))
    if what == "q":
        s.q = None if s.q and s.rng.random() < 0.3 else s.rng.choice([w for w in users.WORDS if w != s.q])
        return "q", WidgetState(string_value=s.q or "")
    if what == "sector":
        s.sector = None if s.sector else s.rng.choice(sorted(sectors))
        ws = WidgetState()
        ws.string_array_value.data.extend([sectors[s.sector]] if s.sector else [])
        return "sector", ws
    s.adopted = s.rng.choice([a for a in ("alle", "ja", "nej") if a != s.adopted])
    label = {"alle": t("any", "da"), "ja": t("yes", "da"), "nej": t("no", "da")}[s.adopted]
    return "adopted", WidgetState(string_value=label)


def _err(what: str, exc: BaseException) -> str:
    """An error as bench/load.py lists it (``error_kind`` reads the words: "Timeout", "exception on")."""
    first = str(exc).splitlines()[0][:160] if str(exc) else ""
    return f"{what}: {type(exc).__name__}: {first}"


def _query(s) -> dict[str, str]:
    return {k: v for k, v in s.want().items() if v}


async def user(base: str, s, seconds: float, sectors: dict[str, str], timeout_s: float, open_factor: int,
               pages_seen: dict[str, set[tuple[int, int, int]]]) -> None:
    """One protocol user: opens its page (its filters in the URL), then for ``seconds`` changes a
    sidebar filter :data:`bench.users.CHANGES_PER_PAGE` times per page and moves to the next page,
    pausing 0.5–1.5 × ``s.think`` after each action. Errors are counted; after one the session
    reconnects and reopens its page with its filters in the URL, as the browser user reloads.
    ``pages_seen``: per page, the (elements, plotly charts, widgets) of each settled run."""
    from bench.pages import PAGES

    def seen(run: Run, session: ProtocolSession) -> None:
        pages_seen.setdefault(s.path, set()).add((len(run.elements), run.count("plotly_chart"),
                                                  len(session.widgets)))

    async def reopen(session: ProtocolSession, factor: int = 1) -> Run:
        session.timeout_s = timeout_s * factor
        try:
            run = await session.open(s.path, _query(s))
        finally:
            session.timeout_s = timeout_s
        _check(run, s, "open")
        check_url(session, s)
        return run

    start = time.perf_counter()
    try:
        session = ProtocolSession(base, timeout_s * open_factor)
        await session.__aenter__()
        run = await reopen(session, open_factor)
    except Exception as exc:
        s.errors.append(_err(f"open {s.path}", exc))
        return
    s.opens.append(time.perf_counter() - start)
    seen(run, session)
    deadline = time.monotonic() + seconds
    order = list(PAGES)
    try:
        while time.monotonic() < deadline:
            for _ in range(users.CHANGES_PER_PAGE):
                if time.monotonic() >= deadline:
                    break
                try:
                    key, state = _change(session, s, sectors)
                    run = await session.change(key, state)
                    _check(run, s, "change")
                    check_url(session, s)
                    s.changes.append(run.seconds)
                    seen(run, session)
                except Exception as exc:
                    s.errors.append(_err(s.path, exc))
                    session = await _fresh(session, base, timeout_s, s, reopen)
                await users.think(s)
            if time.monotonic() >= deadline:
                break
            s.path = order[(order.index(s.path) + 1) % len(order)]
            try:
                run = await session.switch(s.path)
                _check(run, s, "switch to")
                check_url(session, s)
                s.switches.append(run.seconds)
                seen(run, session)
            except Exception as exc:
                s.errors.append(_err(f"switch to {s.path}", exc))
                session = await _fresh(session, base, timeout_s, s, reopen)
            await users.think(s)
    finally:
        await session.__aexit__()


async def _fresh(old: ProtocolSession, base: str, timeout_s: float, s, reopen) -> ProtocolSession:
    """After an error: a new connection (the old one may hold a run still going), page reopened."""
    try:
        await old.__aexit__()
    except Exception:  # a broken connection: nothing to close
        pass
    session = ProtocolSession(base, timeout_s)
    try:
        await session.__aenter__()
        await reopen(session)
    except Exception as exc:
        s.errors.append(f"reopen {s.path}: {type(exc).__name__}")
    return session


# --------------------------------------------------------------------------- one N

def thread_ticks(pid: int) -> dict[int, int]:
    """CPU clock ticks (user + system) of each live thread of process ``pid``."""
    import os
    out = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/stat", encoding="ascii") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            out[int(task)] = int(fields[11]) + int(fields[12])
        except OSError:
            continue
    return out


def threads_cpu(pid: int, before: dict[int, int], after: dict[int, int], total_s: float) -> dict:
    """Where the server's CPU went between two :func:`thread_ticks` samples, in seconds: its main
    thread (Streamlit's event loop: websockets, serialising messages), the threads alive at both
    samples (DuckDB's worker pool, the server's helpers), and the rest — threads that started
    after the first sample, most of them gone by the second: Streamlit's script threads, one per
    run, with the queries' share DuckDB runs on the calling thread."""
    import os
    tick = os.sysconf("SC_CLK_TCK")
    main = (after.get(pid, 0) - before.get(pid, 0)) / tick
    kept = sum(after[t] - before[t] for t in after if t in before and t != pid) / tick
    return {"main_thread_s": round(main, 1), "lasting_threads_s": round(kept, 1),
            "script_threads_s": round(total_s - main - kept, 1)}


async def run_sessions(db, n: int, seconds: float, seed: int, timeout_ms: int, log_dir, think: float,
                       profile=None, servers: int = 1, profile_functions: bool = False,
                       options: dict[str, str] | None = None) -> dict:
    """bench/load.py's ``run_sessions`` with protocol sessions: a fresh server, one warm-up opening
    of the overview, then ``n`` users for ``seconds``. Adds the bench process's own CPU (the N
    clients share the machine with the server) and, per page, the element, chart and widget counts
    of its settled runs (``pages``: to compare with what a browser is sent). ``profile``: a
    folder; the server then runs bench/profiled_app.py (each script run's CPU by part, and with
    ``profile_functions`` under cProfile, written there). The row has the server's CPU per thread
    (:func:`threads_cpu`). ``servers``: start that many servers and give session i server
    i mod ``servers`` (a load balancer with sticky sessions); memory and CPU are then the
    servers' together. ``options``: Streamlit config options for the servers (``--server-option``)."""
    import contextlib
    import random
    import resource

    import duckdb

    from bench.browser import Server
    from bench.pages import PAGES

    con = duckdb.connect(str(db), read_only=True)
    sectors = dict(con.execute("SELECT sector, label_da FROM sectors").fetchall())
    con.close()
    suffix = f"-of-{servers}-servers" if servers > 1 else ""
    logs = [log_dir / f"streamlit-load-protocol-{n}{suffix}-{k}.log" for k in range(servers)]
    timeout_s = timeout_ms / 1000
    env, script = ({"SAVINGS_PROFILE": str(profile), "SAVINGS_PROFILE_FUNCTIONS": "1" if profile_functions else "0"},
                   "bench/profiled_app.py") if profile else ({}, "dashboard.py")
    with contextlib.ExitStack() as stack:
        srvs = [stack.enter_context(Server(db, log, env=env, script=script, options=options)) for log in logs]
        pids = [srv.proc.pid for srv in srvs if srv.proc is not None]
        warm = users.Session(-1, "/", random.Random(0))
        for srv in srvs:
            async with ProtocolSession(srv.url, timeout_s) as session:
                _check(await session.open("/", {}), warm, "open")
        baseline = sum(users.rss_kb(p) or 0 for p in pids)
        samples: list[int] = []
        loads: list[float] = []
        probes: list[float] = []
        stop = asyncio.Event()
        sampler = asyncio.create_task(users.sample(pids, samples, stop, loads))
        prober = asyncio.create_task(users.probe(srvs[0].url, probes, stop))
        pages = list(PAGES)
        sessions = [users.Session(i, pages[i % len(pages)], random.Random(seed * 1000 + i), think=think)
                    for i in range(n)]
        seen: dict[str, set[tuple[int, int, int]]] = {}
        me = resource.getrusage(resource.RUSAGE_SELF)
        ticks = [thread_ticks(p) for p in pids]
        cpu_start, wall_start = [users.cpu_seconds(p) for p in pids], time.perf_counter()
        results = await asyncio.gather(*(user(srvs[s.n % servers].url, s, seconds, sectors, timeout_s,
                                              users.OPEN_TIMEOUT_FACTOR, seen) for s in sessions),
                                       return_exceptions=True)
        used = [users.cpu_seconds(p) - c for p, c in zip(pids, cpu_start)]
        cpu_used, wall = sum(used), time.perf_counter() - wall_start
        splits = [threads_cpu(p, t, thread_ticks(p), u) for p, t, u in zip(pids, ticks, used)]
        me_after = resource.getrusage(resource.RUSAGE_SELF)
        stop.set()
        await sampler
        await prober
        end = sum(users.rss_kb(p) or 0 for p in pids)
    client_cpu = (me_after.ru_utime - me.ru_utime) + (me_after.ru_stime - me.ru_stime)
    m = users.Measured(n=n, seconds=seconds, think=think, db=db, sessions=sessions, results=list(results), logs=logs,
                      baseline=baseline, end=end, samples=samples, loads=loads, probes=probes, cpu_used=cpu_used,
                      wall=wall)
    row = users.figures(m, client="protocol", servers=servers, server_options=options or {})
    row["client_cpu_share"] = round(client_cpu / wall, 2) if wall else None
    row["server_cpu_by_thread"] = {k: round(sum(d[k] for d in splits), 1) for k in splits[0]}
    row["server_cpu_share_each"] = [round(u / wall, 2) for u in used] if wall else None
    row["pages"] = {p: sorted(v) for p, v in sorted(seen.items())}
    return row
