"""The explorer's CSV download holds exactly the filtered initiatives, in a form Danish Excel
opens correctly: UTF-8 with a byte-order mark, ``;`` between fields, decimal comma."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

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
    for name in ("initiative_id", "title", "expected_tkr", "full_phase_in_year", "adopted"):
        assert name in col, f"column {name} missing from {header}"

    assert [r[col["initiative_id"]] for r in rows] == want.ids
    for row, (iid, title, expected, realised, year, _adopted) in zip(rows, want.rows):
        assert number(row[col["expected_tkr"]]) == expected, iid
        assert number(row[col["realised_tkr"]]) == realised, iid
        assert (int(row[col["full_phase_in_year"]]) if row[col["full_phase_in_year"]] else None) == year, iid
        # text is verbatim; only a formula-like start gets a neutralising apostrophe
        assert row[col["title"]] in (title, "'" + title), iid
    if any(r[2] is not None and r[2] != int(r[2]) for r in want.rows):
        assert any("," in r[col["expected_tkr"]] for r in rows), "amounts must use a decimal comma"
    assert tr("download_csv") in page.locator(".st-key-download_csv").inner_text()
