"""The savings planner in a real browser (contract §4): a plan built by clicking lives in the URL
(a reload shows the same plan), and the budget table's CSV download holds the database's figures.

The expected figures come from :func:`expected_years`, an independent reading of the contract's
rule on the database's own rows (an initiative without yearly gains has its full effect in
every plan year; one with gains has them shifted so its first year is ``start``), not from the
app's code."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.ui import exceptions, expect_url_param, open_page, query_of, tr, wait_idle

BOM = b"\xef\xbb\xbf"
START = 2027


def expected_years(sql, iid: str, start: int = START) -> list[float | None]:
    """The effect in each of the four plan years, unscaled and as printed."""
    (full,), = sql("SELECT expected_tkr FROM initiatives WHERE initiative_id = ?", [iid])
    gains = dict(sql("SELECT year, amount_tkr FROM gains WHERE initiative_id = ? AND kind = 'expected' "
                     "ORDER BY year", [iid]))
    if full is None:
        return [None] * 4
    if not gains:
        return [round(full, 1)] * 4
    first, last = min(gains), max(gains)
    out, current = [], 0.0
    for k in range(4):
        year = first + k
        if year in gains:
            current = gains[year]
        elif year > last:
            current = full
        out.append(round(current, 1))
    return out


def pick_ids(sql) -> list[str]:
    """An initiative with a phase-in profile and one without, both with an expected amount."""
    with_gains = sql("""SELECT i.initiative_id FROM initiatives i WHERE i.expected_tkr > 0 AND EXISTS
                        (SELECT 1 FROM gains g WHERE g.initiative_id = i.initiative_id AND g.kind = 'expected')
                        ORDER BY i.initiative_id LIMIT 1""")
    without = sql("""SELECT i.initiative_id FROM initiatives i WHERE i.expected_tkr > 0 AND NOT EXISTS
                     (SELECT 1 FROM gains g WHERE g.initiative_id = i.initiative_id)
                     ORDER BY i.initiative_id LIMIT 1""")
    return [with_gains[0][0], without[0][0]]


def number(cell: str) -> float | None:
    return None if cell == "" else float(cell.replace(",", "."))


def download_budget_csv(page) -> list[list[str]]:
    """Click the page's first CSV button (the budget table's, contract §4) and read the file."""
    first_csv = page.get_by_role("button", name=tr("download_csv")).first
    assert first_csv.evaluate("b => b.closest('.st-key-pl_download_csv') !== null"), \
        "the first CSV button on the page must be the budget table's"
    with page.expect_download() as info:
        first_csv.click()
    download = info.value
    assert download.suggested_filename.startswith("spareplan_") and download.suggested_filename.endswith(".csv")
    data = Path(download.path()).read_bytes()
    assert data.startswith(BOM), "Danish Excel needs the UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(data[len(BOM):].decode("utf-8")), delimiter=";"))


def check_csv(rows: list[list[str]], sql, ids: list[str], target: float | None) -> None:
    header, *body = rows
    assert header[0] == "initiative_id"
    assert header[6:10] == [str(START + k) for k in range(4)]
    lines = [r for r in body if r[0]]
    assert [r[0] for r in lines] == ids
    want_total = [0.0] * 4
    for r in lines:
        (title, expected), = sql("SELECT title, expected_tkr FROM initiatives WHERE initiative_id = ?", [r[0]])
        assert r[1] in (title, "'" + title)
        assert number(r[4]) == expected
        want = expected_years(sql, r[0])
        assert [number(c) for c in r[6:10]] == want, r[0]
        want_total = [a + (b or 0) for a, b in zip(want_total, want)]
    summary = {r[1]: [number(c) for c in r[6:10]] for r in body if not r[0]}
    assert summary[tr("bt_total")] == [round(x, 1) for x in want_total]
    if target is not None:
        assert summary[tr("bt_target")] == [target] * 4
        assert summary[tr("bt_remaining")] == [round(target - x, 1) for x in want_total]


def test_build_a_plan_by_clicking_reload_and_download(page, server, sql):
    open_page(page, server.url, "/planner", {"start": str(START)})
    assert exceptions(page).count() == 0
    added = []
    for _ in range(2):
        box = page.locator("[class*='st-key-pl_add_']").first  # the first candidate not yet in the plan
        key = next(c for c in (box.get_attribute("class") or "").split() if c.startswith("st-key-pl_add_"))
        iid = key.removeprefix("st-key-pl_add_")
        box.get_by_role("button").click()
        added.append(iid)
        expect_url_param(page, "plan", iid)
        expect(page.locator(f".st-key-pl_rm_{iid}")).to_be_visible()  # its row now offers "remove"
        wait_idle(page)
    assert query_of(page)["plan"] == added
    rows = download_budget_csv(page)
    check_csv(rows, sql, added, None)

    page.reload()
    wait_idle(page)
    assert exceptions(page).count() == 0
    assert query_of(page)["plan"] == added
    for iid in added:  # the same plan: each has its remove button in the plan list
        expect(page.locator(f".st-key-pl_plan_rm_{iid}")).to_be_visible()
    assert download_budget_csv(page) == rows


def test_shared_link_with_target(page, server, sql):
    ids = pick_ids(sql)
    open_page(page, server.url, "/planner", {"plan": ids, "start": str(START), "target": "5000"})
    assert exceptions(page).count() == 0
    assert query_of(page)["plan"] == ids
    check_csv(download_budget_csv(page), sql, ids, 5000.0)


def test_bad_parameters_are_notices(page, server):
    open_page(page, server.url, "/planner", {"plan": ["no-such-id"], "target": "abc", "start": "-1",
                                            "phase": "x" * 10_000})
    assert exceptions(page).count() == 0
    text = " ".join(a.inner_text() for a in page.locator('[data-testid="stAlert"]').all())
    assert "no-such-id" in text and "abc" in text and "-1" in text
