"""The explorer's CSV download holds exactly the filtered initiatives, in the explorer's order,
in a form Danish Excel opens correctly: UTF-8 with a byte-order mark, ``;`` between fields,
decimal comma, and headers in Danish with their units (``Forventet (t.kr.)``)."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest

from app.queries import EXPORT_COLUMNS
from tests.e2e import oracle
from tests.e2e.ui import exceptions, open_page, tr

BOM = b"\xef\xbb\xbf"
DECIMAL_COMMA = re.compile(r"^-?\d+(,\d+)?$")


def number(cell: str) -> float | None:
    """A CSV number cell: empty is unknown; otherwise digits with a decimal comma, nothing else."""
    if cell == "":
        return None
    assert DECIMAL_COMMA.match(cell), f"not a decimal-comma number: {cell!r}"
    return float(cell.replace(",", "."))


@pytest.mark.parametrize("which", ["sector_adopted", "shared_link"])
def test_csv_download_equals_the_filtered_rows(page, server, sql, which):
    """Two views: a broad one (sector, adopted) and the full shared link of the acceptance
    check (sector, adopted, year_from, q), opened in a fresh browser."""
    shared = oracle.shared_filter(sql)
    params = {"sector": shared["sector"], "adopted": "ja"} if which == "sector_adopted" else shared
    want = oracle.shared_result(sql, params)
    assert 0 < want.count < oracle.total(sql).count
    open_page(page, server.url, "/explorer", params)
    assert exceptions(page).count() == 0

    with page.expect_download() as info:
        page.locator(".st-key-download_csv button").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    data = Path(download.path()).read_bytes()

    assert data.startswith(BOM), "Danish Excel needs the UTF-8 byte-order mark"
    text = data[len(BOM):].decode("utf-8")
    header, *rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(header) > 5, f"not ';'-separated: {header}"
    col = {name: i for i, name in enumerate(header)}
    for key in ("initiative_id", "title", "expected_tkr", "full_phase_in_year", "adopted"):
        assert tr(f"col_{key}") in col, f"column {tr(f'col_{key}')} missing from {header}"
    money = [tr(f"col_{key}") for key in EXPORT_COLUMNS if key.endswith("_tkr")]
    assert set(money) <= set(header) and all(name.endswith("(t.kr.)") for name in money)  # units named

    def cell(row, key):
        return row[col[tr(f"col_{key}")]]

    assert [cell(r, "initiative_id") for r in rows] == want.ids
    for row, (iid, title, expected, realised, year, adopted) in zip(rows, want.rows):
        assert number(cell(row, "expected_tkr")) == expected, iid
        assert number(cell(row, "realised_tkr")) == realised, iid
        assert (int(cell(row, "full_phase_in_year")) if cell(row, "full_phase_in_year") else None) == year, iid
        assert cell(row, "adopted") == {True: tr("yes"), False: tr("no"), None: ""}[adopted], iid
        # text is verbatim; only a formula-like start gets a neutralising apostrophe
        assert cell(row, "title") in (title, "'" + title), iid
    if any(r[2] is not None and r[2] != int(r[2]) for r in want.rows):
        assert any("," in cell(r, "expected_tkr") for r in rows), "amounts must use a decimal comma"
    assert tr("download_csv") in page.locator(".st-key-download_csv").inner_text()


@pytest.mark.parametrize("lang, unit", [("da", "(t.kr.)"), ("en", "(DKK k)")])
def test_xlsx_download_is_headed_with_units_in_the_ui_language(page, server, sql, lang, unit):
    open_page(page, server.url, "/explorer", {"lang": "en"} if lang == "en" else None)
    with page.expect_download() as info:
        page.locator(".st-key-download_xlsx button").click()
    assert info.value.suggested_filename.endswith(".xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active  # the path has no suffix
    header = [c.value for c in ws[1]]
    assert [tr(f"col_{k}", lang) for k in EXPORT_COLUMNS if k.endswith("_tkr")] == \
        [h for h in header if h.endswith(unit)]
    assert ws.max_row - 1 == oracle.total(sql).count
    ids = [row[header.index(tr("col_initiative_id", lang))] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert ids == oracle.total(sql).ids  # the explorer's order: the largest expected gain first
