"""Sessions without a browser: Streamlit's own websocket protocol, spoken to the real server.

``python bench/load.py --client protocol --db /tmp/synth1m.duckdb --sessions 1,5,20 --seconds 60``
(the users and the measuring are in bench/protocol_users.py; this module is the client).

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
