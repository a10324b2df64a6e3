"""A document added on the sources page is loaded by the ETL and shows up at once, without a
server restart; a file of the wrong kind is refused with a message and changes nothing."""
from __future__ import annotations

import os
import shutil

import duckdb

from tests.e2e.conftest import LOG_ALARMS, ROOT, start_server
from tests.e2e.ui import exceptions, open_page, tr, trn, wait_idle

CSV = ("Kommune;Titel;Forventet gevinst (t.kr.);Fuldt indfaset år\n"
       "Vejle;Fælles vagtplan i hjemmeplejen;1.250,5;2026\n"
       "Aarhus;Digital post til borgerne;300;2025\n").encode("utf-8-sig")


def _upload(page, name: str, data: bytes, mime: str) -> None:
    page.get_by_text(tr("upload_title"), exact=True).click()
    page.locator('.st-key-upload_file input[type="file"]').set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}])
    page.locator(".st-key-upload_load button").click()
    wait_idle(page, timeout=120_000)


def test_upload_loads_the_document_and_the_app_shows_it(db_path, tmp_path, monkeypatch, page):
    db = tmp_path / "savings.duckdb"
    shutil.copyfile(db_path, db)
    monkeypatch.setenv("SAVINGS_UPLOADS", str(tmp_path / "uploads"))
    with start_server(db, tmp_path) as srv:
        open_page(page, srv.url, "/sources")
        _upload(page, "forslag.csv", CSV, "text/csv")
        # the ETL's English summary line, told in the UI's language: what the document contributed
        alert = page.get_by_text(tr("upload_done", summary="forslag.csv: " + trn("count_initiatives", 2)))
        alert.wait_for()
        assert exceptions(page).count() == 0
        if os.environ.get("E2E_SCREENSHOTS") == "1":
            page.screenshot(path=str(ROOT / "docs" / "screenshots" / "sources_upload_da.png"), full_page=True)

        # every word must occur: "vagtplan" and "hjemmeplejen" alone also find a built-in Idébank measure
        open_page(page, srv.url, "/explorer", {"q": "fælles vagtplan i hjemmeplejen"})
        assert page.get_by_text(trn("explorer_total", 1)).is_visible()

        before = db.read_bytes()
        open_page(page, srv.url, "/sources")
        _upload(page, "forklaedt.pdf", CSV, "application/pdf")  # text named .pdf: refused before the ETL
        page.get_by_text(tr("upload_mismatch", suffix=".pdf")).wait_for()
        assert db.read_bytes() == before
        log = srv.log_text()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM sources WHERE file_name = 'forslag.csv'").fetchone()[0] == 1
    con.close()
    assert list((tmp_path / "uploads").rglob("forslag.csv"))
    assert not list((tmp_path / "uploads").rglob("forklaedt.pdf"))
    assert not any(alarm in log for alarm in LOG_ALARMS), log
