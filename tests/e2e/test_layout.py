"""Every page as a seminar room sees it: at 1,280 and 1,920 px, in Danish and English, and in
presentation mode on a 1,920×1,080 projector. Nothing is cut off and no table hides rows:

- no heading (page or chart title) is wider than its column: chart titles are headings that
  wrap, not plotly titles (which were cut off at 1,400 px);
- the page itself never scrolls sideways;
- a table of up to a page of rows (50) is as tall as its rows: no inner scroll bar hides its
  last rows (the parse warnings list, longer than a page, scrolls inside its box);
- a table of up to seven columns fits its width in both languages (the explorer, the documents
  table and the warnings list have more and scroll sideways).

The same views are the pictures in docs/screenshots/ (``<page>_<lang>_<width>.png``). Every run
takes them (so a page that cannot be photographed fails); they are written into docs/screenshots/
only with ``E2E_SCREENSHOTS=1``, so an ordinary test run leaves the work tree clean::

    E2E_SCREENSHOTS=1 .venv/bin/pytest -q tests/e2e/test_layout.py
"""
from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest

from tests.e2e.conftest import PAGES, ROOT, View
from tests.e2e.ui import exceptions

#: (width, height, language, presentation mode) of each view.
VIEWS = [(1280, 900, "da", False), (1280, 900, "en", False), (1920, 1080, "da", False),
         (1920, 1080, "en", False), (1920, 1080, "da", True)]
#: Rows shown whole (app.tables.PAGE_ROWS); longer tables scroll inside their box.
PAGE_ROWS = 50
#: Columns that fit side by side at 1,280 px; wider tables may scroll sideways.
NARROW_COLUMNS = 7
#: Every page in every view (the first visits are shared with other tests: tests/e2e/visits.py).
LAYOUTS = [View(path, width, height, lang, present) for width, height, lang, present in VIEWS for path in PAGES]


def shot_name(path: str, width: int, lang: str, present: bool) -> str:
    stem = path.strip("/") or "overview"
    return f"{stem}{'_present' if present else ''}_{lang}_{width}.png"


@pytest.fixture(scope="module")
def shot_dir(tmp_path_factory) -> Path:
    if os.environ.get("E2E_SCREENSHOTS") == "1":
        out = ROOT / "docs" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        return out
    return tmp_path_factory.mktemp("screenshots")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


#: What is cut off or scrolls inside: headings wider than their box, the page's own sideways
#: scroll, and per table its size (from the grid's accessible table) and whether it scrolls
#: down or sideways.
MEASURE = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const headings = Array.from(main.querySelectorAll('h1, h2, h3, h4'))
        .filter(h => h.scrollWidth > h.clientWidth + 1).map(h => h.innerText);
    const tables = Array.from(main.querySelectorAll('[data-testid="stDataFrame"]')).map(d => {
        const grid = d.querySelector('table[aria-rowcount]');
        const s = d.querySelector('.dvn-scroller');
        const head = Array.from(grid.querySelectorAll('thead th')).map(th => th.innerText.trim()).join(' | ');
        return {head, rows: Number(grid.getAttribute('aria-rowcount')) - 1,
                columns: Number(grid.getAttribute('aria-colcount')),
                down: s.scrollHeight > s.clientHeight + 1, sideways: s.scrollWidth > s.clientWidth + 1};
    });
    const plotTitles = Array.from(main.querySelectorAll('.gtitle')).map(t => t.textContent).filter(t => t);
    return {headings, tables, plotTitles, pageSideways: main.scrollWidth > main.clientWidth + 1};
}"""


@pytest.mark.parametrize("first_visit", LAYOUTS, indirect=True,
                         ids=[f"{v.width}-{v.lang}{'-present' if v.present else ''}-{v.path}" for v in LAYOUTS])
def test_nothing_is_cut_off(first_visit, shot_dir):
    page, view = first_visit.page, first_visit.view
    assert exceptions(page).count() == 0
    # tables are drawn on a canvas after the run ends; wait until each has one
    page.wait_for_function("""() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'))
        .every(d => d.querySelector('canvas') && d.querySelector('.dvn-scroller')
                    && d.querySelector('table[aria-rowcount]'))""")
    got = page.evaluate(MEASURE)
    assert not got["headings"], f"headings cut off: {got['headings']}"
    assert not got["plotTitles"], "chart titles belong in headings that wrap, not in plotly"
    assert not got["pageSideways"], "the page scrolls sideways"
    hidden = [t for t in got["tables"] if t["down"] and t["rows"] <= PAGE_ROWS]
    assert not hidden, f"tables hide rows behind an inner scroll bar: {hidden}"
    assert any(t["rows"] > 0 for t in got["tables"]) == bool(got["tables"])  # the grids were measured
    cut = [t for t in got["tables"] if t["sideways"] and t["columns"] <= NARROW_COLUMNS]
    assert not cut, f"narrow tables cut off at the right: {cut}"

    page.mouse.move(0, view.height - 1)  # no hover label over a chart
    target = shot_dir / shot_name(view.path, view.width, view.lang, view.present)
    page.screenshot(path=str(target), animations="disabled")
    assert png_size(target.read_bytes()) == (view.width, view.height)
