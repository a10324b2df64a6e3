"""Sessions without a browser: Streamlit's own websocket protocol, spoken to the real server.

``python bench/load.py --client protocol --db /tmp/synth1m.duckdb --sessions 1,5,20 --seconds 60``

WHY: with N Chromium contexts on the server's two cores, bench/load.py's browser figures measure
the browsers as much as the server (session 3: the server used 23 % of one core at 20 sessions,
the load average was 17–25). In a seminar room every browser runs on its own laptop. A protocol
session does on the websocket what Streamlit's front end does and nothing else: the server's work
per change is the same, the rendering is gone, and the bench process's own CPU is reported apart.

What the front end does, read from Streamlit 1.67's ``index.*.js`` (``sendRerunBackMsg``,
``onPageChange``) and checked against the frames a real Chromium session sends (docs/performance.md,
issue 17, "Session 4"): it connects to ``/_stcore/stream`` with the subprotocol ``streamlit`` and
sends a ``BackMsg.rerun_script`` (a ``ClientState``) per run:

- **opening** a URL: ``query_string`` from the URL, ``page_script_hash`` empty and ``page_name`` the
  URL path (the server resolves it through ``st.navigation``), no widget states;
- **a widget change**: ``query_string`` = the URL as the server last wrote it (``page_info_changed``),
  ``page_script_hash`` = the current page (``navigation.page_script_hash``), and the state of every
  widget on the page, the changed one with its new value;
- **a page switch** in the sidebar: the target page's hash, an empty ``query_string`` (the front
  end keeps only parameters bound to a widget, and the app binds none), and the states of the
  widgets the main script drew (``metadata.active_script_hash`` = the main script's), not the
  old page's.

A widget's state is what the browser holds: its value from the element the server sent when the
server set it (``set_value``), else the value the session had, else the element's default. Value
widgets only — a button, a download or a chart selection is sent only once clicked.

A change is timed from sending the rerun until that run's ``script_finished``: every delta of the
run has arrived (the messages of one session arrive in order), a settled page on the server's side.
Each run's page is checked like the browser's settled test: no exception element, no compile
error, the URL's filters as the session set them, and the page drew content (its element and chart
counts are reported per page, to compare with the browser's)."""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

STREAM = "/_stcore/stream"
#: Element kinds whose value the browser reports with every rerun once the widget is drawn.
VALUE_WIDGETS = ("text_input", "text_area", "multiselect", "selectbox", "radio", "checkbox", "number_input",
                 "file_uploader")
INT = 0  # NumberInput.DataType.INT: the front end sends int_value, FLOAT double_value


def widget_state(kind: str, el) -> WidgetState:
    """The state the front end gives a value widget the server just drew (``el``: its proto)."""
    ws = WidgetState(id=el.id)
    if kind in ("text_input", "text_area"):
        if el.set_value:
            ws.string_value = el.value
        elif el.HasField("default"):
            ws.string_value = el.default
    elif kind == "multiselect":
        ws.string_array_value.data.extend(el.raw_values if el.set_value else [el.options[i] for i in el.default])
    elif kind in ("selectbox", "radio"):
        if el.set_value:
            if el.HasField("raw_value"):
                ws.string_value = el.raw_value
        elif el.HasField("default") and el.options:
            ws.string_value = el.options[el.default]
    elif kind == "checkbox":
        ws.bool_value = el.value if el.set_value else el.default
    elif kind == "file_uploader":
        ws.file_uploader_state_value.SetInParent()  # no file chosen: an empty FileUploaderState
    elif kind == "number_input":
        value = el.value if el.set_value else (el.default if el.HasField("default") else None)
        if el.set_value and not el.HasField("value"):
            value = None
        if value is not None:
            if el.data_type == INT:
                ws.int_value = int(value)
            else:
                ws.double_value = value
    return ws


class MessageCache:
    """The front end's ForwardMsg cache (``ForwardMessageCache`` in index.*.js): it keeps every
    message the server marks ``cacheable``, lists their hashes with each rerun, and the server then
    sends a ``ref_hash`` in place of a message the client already holds (a table that did not change).
    A message not referred to for ``max_age`` finished runs is dropped, as the front end does."""

    def __init__(self) -> None:
        self.messages: dict[str, tuple[bytes, int]] = {}  # hash -> (encoded message, run count when last used)
        self.runs = 0
        self.max_age = 2

    def hashes(self) -> list[str]:
        return list(self.messages)

    def received(self, data: bytes) -> ForwardMsg:
        """The message ``data`` stands for: itself, or the cached message it refers to (with the
        reference's metadata: its place on the page)."""
        msg = ForwardMsg()
        msg.ParseFromString(data)
        if msg.WhichOneof("type") == "ref_hash":
            if msg.ref_hash not in self.messages:
                raise RuntimeError(f"cached ForwardMsg miss: {msg.ref_hash}")
            encoded, _ = self.messages[msg.ref_hash]
            self.messages[msg.ref_hash] = (encoded, self.runs)
            cached = ForwardMsg()
            cached.ParseFromString(encoded)
            cached.metadata.CopyFrom(msg.metadata)
            return cached
        if msg.metadata.cacheable and msg.hash:
            if msg.hash in self.messages:
                self.messages[msg.hash] = (self.messages[msg.hash][0], self.runs)
            else:
                self.messages[msg.hash] = (data, self.runs)
        return msg

    def run_finished(self) -> None:
        self.runs += 1
        for h, (_, used) in list(self.messages.items()):
            if self.runs - used > self.max_age:
                del self.messages[h]


def user_key(widget_id: str) -> str:
    """The key a widget was given in the app (``$$ID-<hash>-<key>``), or ''."""
    parts = widget_id.split("-", 2)
    return parts[2] if len(parts) == 3 and widget_id.startswith("$$ID") else ""


@dataclass
class Run:
    """What the server sent for one rerun, from the rerun request to its ``script_finished``."""

    seconds: float = 0.0
    status: int | None = None
    deltas: int = 0
    elements: dict[tuple[int, ...], str] = field(default_factory=dict)  # delta path -> element kind
    exceptions: list[str] = field(default_factory=list)
    query_string: str | None = None  # page_info_changed, if the run wrote the URL
    page_not_found: bool = False

    def count(self, kind: str) -> int:
        return sum(1 for k in self.elements.values() if k == kind)


class ProtocolSession:
    """One Streamlit session over a websocket, doing what the front end does (module docstring)."""

    def __init__(self, base_url: str, timeout_s: float):
        self.url = base_url.replace("http://", "ws://", 1) + STREAM
        self.base = base_url
        self.timeout_s = timeout_s
        self.ws: ClientConnection | None = None
        self.query_string = ""
        self.page_hash = ""
        self.main_hash = ""
        self.pages: dict[str, str] = {}  # URL path ('' = the overview) -> page script hash
        self.values: dict[str, WidgetState] = {}  # widget id -> the value the browser would hold
        self.widgets: list[tuple[str, str]] = []  # (widget id, active script hash) drawn by the last run
        self.last: Run | None = None
        self.cache = MessageCache()

    async def __aenter__(self) -> ProtocolSession:
        self.ws = await connect(self.url, subprotocols=[Subprotocol("streamlit")], max_size=None,
                                open_timeout=self.timeout_s, ping_interval=None)
        return self

    async def __aexit__(self, *exc) -> None:
        if self.ws is not None:
            await self.ws.close()

    def _context(self, cs: ClientState) -> None:
        ci = cs.context_info
        ci.timezone, ci.timezone_offset, ci.locale = "UTC", 0, "da-DK"
        ci.url, ci.is_embedded, ci.color_scheme = self.base + "/", False, "light"

    async def open(self, path: str, query: dict[str, str]) -> Run:
        """Open ``path`` with ``query`` in the URL, as a browser loading a shared link does."""
        cs = ClientState(query_string=urlencode(query), page_script_hash="", page_name=path.strip("/"))
        self.query_string = cs.query_string
        self.values.clear()
        return await self._rerun(cs)

    async def change(self, key: str, state: WidgetState) -> Run:
        """Set the widget with user key ``key`` to ``state`` (its id is filled in) and rerun."""
        ids = [wid for wid, _ in self.widgets if user_key(wid) == key]
        if len(ids) != 1:
            raise RuntimeError(f"no single widget with key {key!r} on the page: {ids}")
        state.id = ids[0]
        self.values[ids[0]] = state
        cs = ClientState(query_string=self.query_string, page_script_hash=self.page_hash)
        cs.widget_states.widgets.extend(self.values[w] for w, _ in self.widgets if w in self.values)
        return await self._rerun(cs)

    async def switch(self, path: str) -> Run:
        """Click the page ``path`` in the sidebar navigation."""
        target = self.pages[path.strip("/")]
        cs = ClientState(query_string="", page_script_hash=target)
        kept = [w for w, active in self.widgets if active == self.main_hash and w in self.values]
        cs.widget_states.widgets.extend(self.values[w] for w in kept)
        self.query_string = ""
        return await self._rerun(cs)

    async def _rerun(self, cs: ClientState) -> Run:
        assert self.ws is not None
        self._context(cs)
        cs.cached_message_hashes.extend(self.cache.hashes())
        run = Run()
        start = time.perf_counter()
        await self.ws.send(BackMsg(rerun_script=cs).SerializeToString())
        drawn: dict[tuple[int, ...], tuple[str, str, object]] = {}
        run_id = None
        async with asyncio.timeout(self.timeout_s):
            while True:
                msg = self.cache.received(await self.ws.recv(decode=False))
                kind = msg.WhichOneof("type")
                if kind == "new_session":
                    run_id = msg.metadata.run.script_run_id
                    self.main_hash = msg.new_session.main_script_hash
                    self.cache.max_age = msg.new_session.config.max_cached_message_age
                    drawn.clear()
                elif kind == "navigation":
                    self.page_hash = msg.navigation.page_script_hash
                    self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
                elif kind == "page_info_changed":
                    run.query_string = self.query_string = msg.page_info_changed.query_string
                elif kind == "page_not_found":
                    run.page_not_found = True
                elif kind == "session_event" and msg.session_event.HasField("script_compilation_exception"):
                    run.exceptions.append(msg.session_event.script_compilation_exception.message[:200])
                elif kind == "delta":
                    run.deltas += 1
                    path = tuple(msg.metadata.delta_path)
                    if msg.delta.WhichOneof("type") == "new_element":
                        el_kind: str = msg.delta.new_element.WhichOneof("type") or ""
                        drawn[path] = (el_kind, msg.metadata.active_script_hash,
                                       getattr(msg.delta.new_element, el_kind) if el_kind else None)
                        if el_kind == "exception":
                            e = msg.delta.new_element.exception
                            run.exceptions.append(f"{e.type}: {e.message}"[:200])
                    else:
                        drawn[path] = (msg.delta.WhichOneof("type") or "", msg.metadata.active_script_hash, None)
                elif kind == "script_finished" and (run_id is None or msg.metadata.run.script_run_id == run_id):
                    if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        continue  # the app asked for another run: that one settles the page
                    run.status = msg.script_finished
                    self.cache.run_finished()
                    break
        run.seconds = time.perf_counter() - start
        run.elements = {p: k for p, (k, _, _) in sorted(drawn.items())}
        self.widgets = []
        for _, (el_kind, active, el) in sorted(drawn.items()):
            if el_kind in VALUE_WIDGETS:
                self.widgets.append((el.id, active))  # type: ignore[attr-defined]
                if getattr(el, "set_value", False) or el.id not in self.values:  # type: ignore[attr-defined]
                    self.values[el.id] = widget_state(el_kind, el)  # type: ignore[attr-defined]
        self.last = run
        return run

    def url_params(self) -> dict[str, str | None]:
        """The filters the URL carries now (the last ``page_info_changed``), one value per name."""
        qs = parse_qs(self.query_string)
        return {k: ",".join(v) for k, v in qs.items()}


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
    from bench.load import WORDS
    what = s.rng.choice(("q", "q", "sector", "adopted"))
    if what == "q":
        s.q = None if s.q and s.rng.random() < 0.3 else s.rng.choice([w for w in WORDS if w != s.q])
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
    sidebar filter :data:`bench.load.CHANGES_PER_PAGE` times per page and moves to the next page,
    pausing 0.5–1.5 × ``s.think`` after each action. Errors are counted; after one the session
    reconnects and reopens its page with its filters in the URL, as the browser user reloads.
    ``pages_seen``: per page, the (elements, plotly charts, widgets) of each settled run."""
    from bench.load import CHANGES_PER_PAGE, _think
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
            for _ in range(CHANGES_PER_PAGE):
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
                await _think(s)
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
            await _think(s)
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

async def _probe(url: str, out: list[float], stop: asyncio.Event, every_s: float) -> None:
    """bench/load.py's health probe without a browser: ms for ``/_stcore/health`` (60 s if it fails)."""
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


async def _sample(pids: list[int], out: list[int], stop: asyncio.Event, loads: list[float], every_s: float) -> None:
    """The servers' resident memory together (kB) and the load average, every ``every_s``."""
    from bench import load
    while not stop.is_set():
        kb = [load.rss_kb(p) for p in pids]
        if all(kb):
            out.append(sum(k for k in kb if k))
        loads.append(load.load_1min())
        try:
            await asyncio.wait_for(stop.wait(), every_s)
        except TimeoutError:
            pass


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

    from bench import load
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
        warm = load.Session(-1, "/", random.Random(0))
        for srv in srvs:
            async with ProtocolSession(srv.url, timeout_s) as session:
                _check(await session.open("/", {}), warm, "open")
        baseline = sum(load.rss_kb(p) or 0 for p in pids)
        samples: list[int] = []
        loads: list[float] = []
        probes: list[float] = []
        stop = asyncio.Event()
        sampler = asyncio.create_task(_sample(pids, samples, stop, loads, load.RSS_EVERY_S))
        prober = asyncio.create_task(_probe(srvs[0].url, probes, stop, load.PROBE_EVERY_S))
        pages = list(PAGES)
        sessions = [load.Session(i, pages[i % len(pages)], random.Random(seed * 1000 + i), think=think)
                    for i in range(n)]
        seen: dict[str, set[tuple[int, int, int]]] = {}
        me = resource.getrusage(resource.RUSAGE_SELF)
        ticks = [thread_ticks(p) for p in pids]
        cpu_start, wall_start = [load.cpu_seconds(p) for p in pids], time.perf_counter()
        results = await asyncio.gather(*(user(srvs[s.n % servers].url, s, seconds, sectors, timeout_s,
                                              load.OPEN_TIMEOUT_FACTOR, seen) for s in sessions),
                                       return_exceptions=True)
        used = [load.cpu_seconds(p) - c for p, c in zip(pids, cpu_start)]
        cpu_used, wall = sum(used), time.perf_counter() - wall_start
        splits = [threads_cpu(p, t, thread_ticks(p), u) for p, t, u in zip(pids, ticks, used)]
        me_after = resource.getrusage(resource.RUSAGE_SELF)
        stop.set()
        await sampler
        await prober
        end = sum(load.rss_kb(p) or 0 for p in pids)
    client_cpu = (me_after.ru_utime - me.ru_utime) + (me_after.ru_stime - me.ru_stime)
    m = load.Measured(n=n, seconds=seconds, think=think, db=db, sessions=sessions, results=list(results), logs=logs,
                      baseline=baseline, end=end, samples=samples, loads=loads, probes=probes, cpu_used=cpu_used,
                      wall=wall)
    row = load.figures(m, client="protocol", servers=servers, server_options=options or {})
    row["client_cpu_share"] = round(client_cpu / wall, 2) if wall else None
    row["server_cpu_by_thread"] = {k: round(sum(d[k] for d in splits), 1) for k in splits[0]}
    row["server_cpu_share_each"] = [round(u / wall, 2) for u in used] if wall else None
    row["pages"] = {p: sorted(v) for p, v in sorted(seen.items())}
    return row
