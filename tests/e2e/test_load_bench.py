"""bench/load.py itself: a few headless sessions filtering the real server make changes on every
page and report them, with no error and the server's memory sampled (never a time asserted)."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench import browser_users


def test_two_sessions_filter_every_page_without_errors(db_path, tmp_path):
    # A thread of its own: the sync Playwright fixtures of the other browser tests keep an event
    # loop running in this one, and asyncio.run refuses to start a second loop inside it.
    with ThreadPoolExecutor(max_workers=1) as pool:
        row = pool.submit(asyncio.run, browser_users.run_sessions(db_path, 2, seconds=25, seed=3, timeout_ms=60_000,
                                                         log_dir=tmp_path, think=0.5)).result()
    assert row["errors"] == 0, row["error_examples"]
    assert row["changes"]["n"] >= 4 and row["page_switches"]["n"] >= 1
    assert row["changes"]["p50_ms"] <= row["changes"]["p95_ms"] <= row["changes"]["max_ms"]
    assert 0 < row["rss_baseline_mb"] <= row["rss_peak_mb"]
    assert row["think_s"] == 0.5 and row["errors_by_kind"] == {}
    assert row["health_probe"]["n"] >= 10  # the server's health endpoint asked about once a second


@pytest.mark.slow
def test_a_protocol_session_sends_and_gets_what_a_browser_does(db_path, tmp_path):
    """bench/protocol.py against a real Chromium: the same 17 actions (every page), the same
    rerun messages sent (query string, page, every widget's value, cached hashes) and the same
    elements received (kinds, counts, references, the URL the server wrote)."""
    from bench import protocol_check
    with ThreadPoolExecutor(max_workers=1) as pool:  # sync Playwright and asyncio.run need a thread of their own
        rows = pool.submit(protocol_check.compare, db_path, tmp_path).result()
    assert len(rows) == 17
    for r in rows:
        assert r["same"], (r["action"], r["browser"], r["protocol"])
        assert r["browser"]["sent"] and sum(r["browser"]["received"]["elements"].values()) > 0, r["action"]
    urls = [r["browser"]["received"]["query_string"] for r in rows]
    assert any(u and "q=digital" in u for u in urls)  # the filters reached the URL
