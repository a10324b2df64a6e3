"""A click on a row's checkbox in the explorer opens its detail card (the full text, every
figure with the verbatim text it was read from, and where it was printed)."""
from __future__ import annotations

import os

from tests.e2e import oracle
from tests.e2e.conftest import ROOT
from tests.e2e.ui import exceptions, open_page, tr, wait_idle

ROW_HEIGHT = 35  # Streamlit's default dataframe row height (the header row is as tall)


def an_initiative_with_provenance(sql) -> tuple[str, str]:
    """(initiative_id, a search word) for a dated initiative with a printed expected gain whose
    title word finds it: the explorer's first row for that search."""
    for iid, title in sql("""SELECT i.initiative_id, i.title FROM initiatives i
                             WHERE i.expected_text IS NOT NULL AND i.full_phase_in_year IS NOT NULL
                               AND EXISTS (SELECT 1 FROM appearances a
                                           WHERE a.initiative_id = i.initiative_id AND a.page IS NOT NULL)
                             ORDER BY i.initiative_id"""):
        for word in sorted(oracle.WORD.findall(title), key=len, reverse=True):
            found = oracle.filtered(sql, q=word.lower())
            if found.ids and found.ids[0] == iid:
                return iid, word.lower()
    raise AssertionError("no initiative with a printed expected gain and a page to show")


def test_selected_row_opens_the_detail_card(page, server, sql):
    iid, word = an_initiative_with_provenance(sql)
    (title, file_name), = sql("""SELECT i.title, s.file_name
                                                FROM initiatives i JOIN sources s USING (source_id)
                                                WHERE initiative_id = ?""", [iid])
    open_page(page, server.url, "/explorer", {"q": word})

    table = page.locator(".st-key-explorer_table")
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    # the row-selection checkbox of the first row, just below the header row
    page.mouse.click(box["x"] + 15, box["y"] + ROW_HEIGHT * 1.5)
    card = page.locator(".st-key-detail_card")
    card.wait_for()
    wait_idle(page)
    page.wait_for_function("""() => Array.from(
        document.querySelectorAll('.st-key-detail_card [data-testid="stDataFrame"]'))
        .every(d => d.querySelector('canvas'))""")

    assert exceptions(page).count() == 0
    text = card.inner_text()
    assert title in text
    assert iid in text and file_name in text
    assert tr("detail_figures") in text and tr("detail_appearances") in text
    # the figures and printings tables are canvases; their cells are checked by the AppTest
    # (tests/test_app_pages.py::test_explorer_table_detail_card_and_downloads)
    assert card.locator('[data-testid="stDataFrame"] canvas').count() >= 2
    if os.environ.get("E2E_SCREENSHOTS") == "1":
        card.scroll_into_view_if_needed()
        page.screenshot(path=str(ROOT / "docs" / "screenshots" / "explorer_detail_da.png"), full_page=False)
