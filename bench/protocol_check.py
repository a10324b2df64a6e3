"""Does a protocol session (bench/protocol.py) get the page a browser gets? The same actions by a
real headless Chromium and by a protocol session, each against a fresh server, frame by frame.

``python bench/protocol_check.py --db data/savings.duckdb``

Per action (open ``/?adopted=ja``; a search, a sector, "adopted"; then on every other page a
switch and a search; back to the overview) it compares what was sent — the ``rerun_script``
messages: query string, page named or hashed, every widget's key and value, how many cached
messages were listed — and what came back: how many elements of each kind the run left on the
page, the ``ref_hash`` references, the query string the server wrote. The browser's frames are
read from Playwright's websocket events. Prints one line per action and the number of
differences (0: the protocol session is a browser without the drawing); exit status 1 otherwise.
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from bench.pages import PAGES  # noqa: E402
from bench.protocol import ProtocolSession, user_key  # noqa: E402

WORDS = ("energi", "udbud", "skole", "vikar", "indkøb", "bibliotek")


def actions(sector: str) -> list[tuple]:
    out: list[tuple] = [("open", "/", {"adopted": "ja"}), ("q", "digital"), ("sector", sector), ("adopted", "nej")]
    for n, path in enumerate(PAGES[1:]):
        out += [("switch", path), ("q", WORDS[n % len(WORDS)])]
    return out + [("switch", "/")]


def _widget(w: WidgetState) -> tuple:
    kind = w.WhichOneof("value")
    value = getattr(w, kind) if kind else None
    if kind == "string_array_value":
        value = list(value.data)
    elif kind not in (None, "string_value", "bool_value", "int_value", "double_value"):
        value = str(value).replace("\n", " ")
    return (user_key(w.id) or w.id, kind, value)


def sent(frames: list[bytes]) -> list[dict]:
    out = []
    for data in frames:
        m = BackMsg()
        m.ParseFromString(data)
        if m.WhichOneof("type") != "rerun_script":
            continue
        r = m.rerun_script
        out.append({"query_string": r.query_string, "page_name": r.page_name, "page_hash": r.page_script_hash,
                    "cached": len(r.cached_message_hashes),
                    "widgets": sorted((_widget(w) for w in r.widget_states.widgets), key=str)})
    return out


def received(frames: list[bytes]) -> dict:
    """The page a run left: element kinds by count (the last element per place), references."""
    drawn: dict[tuple, str] = {}
    refs, query = 0, None
    for data in frames:
        m = ForwardMsg()
        m.ParseFromString(data)
        kind = m.WhichOneof("type")
        refs += kind == "ref_hash"
        if kind == "new_session":
            drawn.clear()
        elif kind == "page_info_changed":
            query = m.page_info_changed.query_string
        elif kind == "delta":
            d = m.delta.WhichOneof("type")
            drawn[tuple(m.metadata.delta_path)] = (m.delta.new_element.WhichOneof("type") if d == "new_element"
                                                   else d) or ""
        elif kind == "ref_hash":
            drawn[tuple(m.metadata.delta_path)] = "ref_hash"
    counts: dict[str, int] = {}
    for k in drawn.values():
        counts[k] = counts.get(k, 0) + 1
    return {"elements": dict(sorted(counts.items())), "refs": refs, "query_string": query}


def browser(url: str, sector_label: str, steps: list[tuple]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    from app.i18n import t
    from bench.browser import _DONE, ARGS, CHROMIUM
    up: list[bytes] = []
    down: list[bytes] = []
    out = []
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = b.new_context(viewport={"width": 1600, "height": 1000}, locale="da-DK").new_page()
        page.on("websocket", lambda ws: (
            ws.on("framesent", lambda p: up.append(p) if isinstance(p, bytes) else None),
            ws.on("framereceived", lambda p: down.append(p) if isinstance(p, bytes) else None)))
        sidebar = page.locator('[data-testid="stSidebar"]')
        for step in steps:
            up.clear()
            down.clear()
            if step[0] == "open":
                page.goto(url + step[1] + "?adopted=ja", wait_until="commit")
            elif step[0] == "q":
                box = page.locator(".st-key-q input")
                box.fill(step[1])
                box.press("Enter")
            elif step[0] == "sector":
                box = sidebar.locator(".st-key-sector input")
                box.click()
                box.fill(sector_label)
                box.press("Enter")
                box.press("Escape")
            elif step[0] == "adopted":
                box = sidebar.get_by_role("combobox", name=t("f_adopted", "da"))
                box.click()
                box.press("ArrowDown")
                page.get_by_role("option", name=t("no", "da"), exact=True).click()
            else:
                page.locator('[data-testid="stSidebarNavLink"]').nth(list(PAGES).index(step[1])).click()
            time.sleep(0.5)  # the rerun has left; then wait for the page to settle, and a little more
            page.wait_for_function(_DONE, arg="", timeout=120_000, polling=50)
            time.sleep(1.0)
            out.append({"sent": sent(list(up)), "received": received(list(down))})
        b.close()
    return out


async def protocol(url: str, sector_label: str, steps: list[tuple]) -> list[dict]:
    from app.i18n import t
    out = []
    async with ProtocolSession(url, 120) as s:
        assert s.ws is not None
        up: list[bytes] = []
        down: list[bytes] = []
        send, recv = s.ws.send, s.ws.recv

        async def sending(data):
            up.append(data)
            return await send(data)

        async def receiving(decode=None):
            data = await recv(decode=decode)
            down.append(data)
            return data

        s.ws.send, s.ws.recv = sending, receiving  # type: ignore[method-assign]
        for step in steps:
            up.clear()
            down.clear()
            if step[0] == "open":
                await s.open(step[1], step[2])
            elif step[0] == "q":
                await s.change("q", WidgetState(string_value=step[1]))
            elif step[0] == "sector":
                ws = WidgetState()
                ws.string_array_value.data.append(sector_label)
                await s.change("sector", ws)
            elif step[0] == "adopted":
                await s.change("adopted", WidgetState(string_value=t("no", "da")))
            else:
                await s.switch(step[1])
            out.append({"sent": sent(list(up)), "received": received(list(down))})
    return out


def compare(db: Path, log_dir: Path) -> list[dict]:
    """One row per action: the action, the browser's and the protocol session's frames, ``same``."""
    import duckdb

    from bench.browser import Server
    with duckdb.connect(str(db), read_only=True) as con:
        sector, label = con.execute("SELECT sector, label_da FROM sectors ORDER BY sort_order LIMIT 1").fetchone()
    steps = actions(sector)
    with Server(db, log_dir / "check-browser.log") as srv:
        by_browser = browser(srv.url, label, steps)
    with Server(db, log_dir / "check-protocol.log") as srv:
        by_protocol = asyncio.run(protocol(srv.url, label, steps))
    return [{"action": step, "browser": b, "protocol": p, "same": b == p}
            for step, b, p in zip(steps, by_browser, by_protocol)]


def main(argv: list[str] | None = None) -> int:
    import tempfile
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    args = ap.parse_args(argv)
    rows = compare(Path(args.db), Path(tempfile.mkdtemp(prefix="savings-protocol-check-")))
    for r in rows:
        b = r["browser"]["received"]
        print(f"{' '.join(map(str, r['action'][:2])):32} {'same' if r['same'] else 'DIFFERENT':9} "
              f"{sum(b['elements'].values()):4} elements, {b['refs']} references, URL {b['query_string']}")
        if not r["same"]:
            print(f"    browser:  {r['browser']}\n    protocol: {r['protocol']}")
    differences = sum(not r["same"] for r in rows)
    print(f"{len(rows)} actions, {differences} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
