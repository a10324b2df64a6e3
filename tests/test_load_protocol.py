"""bench/protocol.py: sessions that speak Streamlit's websocket protocol to the real server.

The widget states it sends are the front end's (a table of element → state, read from
Streamlit 1.67's front end and checked against a real Chromium session's frames), its message
cache answers the server's references, and against a real ``streamlit run`` a session's filter
change reaches the URL and a minute of load reports changes with no error. No time is asserted."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench import protocol, protocol_users, synth
from bench.browser import Server


def _el(kind: str, **fields) -> tuple[str, object]:
    el = Element()
    proto = getattr(el, kind)
    for k, v in fields.items():
        if isinstance(v, list):
            getattr(proto, k).extend(v)
        else:
            setattr(proto, k, v)
    proto.id = f"$$ID-abc-{kind}"
    return kind, proto


def _state(**value) -> WidgetState:
    ws = WidgetState(id="")
    for k, v in value.items():
        if k == "string_array_value":
            ws.string_array_value.data.extend(v)
        elif k == "file_uploader_state_value":
            ws.file_uploader_state_value.SetInParent()
        else:
            setattr(ws, k, v)
    return ws


@pytest.mark.parametrize(("element", "expected"), [
    # a text input: its default, or the value the server set
    (_el("text_input", default=""), _state(string_value="")),
    (_el("text_input", default="", value="digital", set_value=True), _state(string_value="digital")),
    # multiselect: the labels of the default indices, or the raw values the server set
    (_el("multiselect", options=["Skole", "Ældre"], default=[1]), _state(string_array_value=["Ældre"])),
    (_el("multiselect", options=["Skole", "Ældre"], raw_values=["Skole"], set_value=True),
     _state(string_array_value=["Skole"])),
    (_el("multiselect", options=["Skole"]), _state(string_array_value=[])),
    # selectbox and radio: the default option's label; None (no default) sends no value
    (_el("selectbox", options=["Alle", "Ja", "Nej"], default=0), _state(string_value="Alle")),
    (_el("selectbox", options=["Alle", "Ja", "Nej"], default=0, raw_value="Ja", set_value=True),
     _state(string_value="Ja")),
    (_el("selectbox", options=["", "a"]), _state()),
    (_el("radio", options=["Dansk", "English"], default=0), _state(string_value="Dansk")),
    # toggle / checkbox
    (_el("checkbox", default=False), _state(bool_value=False)),
    # number input: int_value for whole numbers, double_value otherwise, nothing for None
    (_el("number_input", default=2027.0, data_type=0), _state(int_value=2027)),
    (_el("number_input", default=0.5, data_type=1), _state(double_value=0.5)),
    (_el("number_input", data_type=0), _state()),
    # a file uploader with no file: an empty FileUploaderState
    (_el("file_uploader"), _state(file_uploader_state_value=True)),
])
def test_a_drawn_widget_gets_the_state_the_front_end_gives_it(element, expected):
    kind, proto = element
    got = protocol.widget_state(kind, proto)
    expected.id = proto.id
    assert got == expected


@pytest.mark.parametrize(("widget_id", "key"), [
    ("$$ID-5fdbd3f9915fad3c102ba2e2ae2562be-q", "q"),
    ("$$ID-55911508ff17730ba2c0d22ad758263f-sector", "sector"),
    ("$$ID-0123-pl_target_source", "pl_target_source"),
    ("$$ID-0123-with-dash", "with-dash"),
    ("plain-id", ""),
])
def test_user_key_of_a_widget_id(widget_id, key):
    assert protocol.user_key(widget_id) == key


def _msg(hash_: str, text: str, cacheable: bool = True) -> bytes:
    m = ForwardMsg(hash=hash_)
    m.metadata.cacheable = cacheable
    m.metadata.delta_path.extend([0, 1])
    m.delta.new_element.markdown.body = text
    return m.SerializeToString()


def test_the_message_cache_answers_a_reference_with_the_message_at_the_references_place():
    cache = protocol.MessageCache()
    cache.received(_msg("h1", "table"))
    cache.received(_msg("h2", "not kept", cacheable=False))
    assert cache.hashes() == ["h1"]
    ref = ForwardMsg(ref_hash="h1")
    ref.metadata.delta_path.extend([0, 7])
    got = cache.received(ref.SerializeToString())
    assert got.delta.new_element.markdown.body == "table" and list(got.metadata.delta_path) == [0, 7]
    with pytest.raises(RuntimeError, match="miss"):
        cache.received(ForwardMsg(ref_hash="unknown").SerializeToString())


def test_the_message_cache_drops_what_no_run_used_for_max_age_runs():
    cache = protocol.MessageCache()
    cache.max_age = 2
    cache.received(_msg("old", "a"))
    for _ in range(3):
        cache.run_finished()
    assert cache.hashes() == []


# --------------------------------------------------------------------------- against a real server

@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("protocol") / "synth.duckdb"
    synth.write(db, 2000, seed=3)
    return db


async def _filter_and_switch(url: str, sector_label: str) -> list[tuple[str, dict, int, int]]:
    out = []
    async with protocol.ProtocolSession(url, 120) as s:
        run = await s.open("/", {"adopted": "ja"})
        out.append(("open", s.url_params(), run.count("plotly_chart"), len(run.exceptions)))
        run = await s.change("q", WidgetState(string_value="digital"))
        out.append(("q", s.url_params(), run.count("plotly_chart"), len(run.exceptions)))
        ws = WidgetState()
        ws.string_array_value.data.append(sector_label)
        run = await s.change("sector", ws)
        out.append(("sector", s.url_params(), run.count("plotly_chart"), len(run.exceptions)))
        run = await s.switch("/sectors")
        out.append(("switch", s.url_params(), run.count("plotly_chart"), len(run.exceptions)))
    return out


@pytest.mark.slow
def test_a_protocol_session_changes_filters_and_they_reach_the_url(small_db, tmp_path):
    import duckdb
    with duckdb.connect(str(small_db), read_only=True) as con:
        sector, label = con.execute("SELECT sector, label_da FROM sectors ORDER BY sort_order LIMIT 1").fetchone()
    with Server(small_db, tmp_path / "server.log") as srv:
        steps = asyncio.run(_filter_and_switch(srv.url, label))
    assert [(what, params) for what, params, _, _ in steps] == [
        ("open", {"adopted": "ja"}),
        ("q", {"adopted": "ja", "q": "digital"}),
        ("sector", {"sector": sector, "adopted": "ja", "q": "digital"}),
        ("switch", {"sector": sector, "adopted": "ja", "q": "digital"}),  # the filters follow to the next page
    ]
    assert all(exceptions == 0 for _, _, _, exceptions in steps)
    assert all(charts >= 1 for _, _, charts, _ in steps)  # the overview's and the sectors page's charts were sent


@pytest.mark.slow
def test_protocol_load_reports_changes_without_errors(small_db, tmp_path):
    row = asyncio.run(protocol_users.run_sessions(small_db, 1, seconds=8, seed=3, timeout_ms=60_000, log_dir=tmp_path,
                                            think=0.2))
    assert row["client"] == "protocol"
    assert row["errors"] == 0, row["error_examples"]
    assert row["changes"]["n"] >= 3 and row["page_switches"]["n"] >= 1 and row["first_open"]["n"] == 1
    assert row["changes"]["p50_ms"] <= row["changes"]["p95_ms"] <= row["changes"]["max_ms"]
    assert 0 < row["rss_baseline_mb"] <= row["rss_peak_mb"]
    assert row["health_probe"]["n"] >= 5
    assert set(row["pages"]) >= {"/", "/expected-vs-realised"}  # it moved on to the next page
