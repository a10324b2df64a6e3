"""Bounded work on archive-like inputs (etl/archive.py): an XLSX, or anything else that is a ZIP,
is refused from its directory alone when it would unpack to more than a real workbook does —
before openpyxl or zipfile inflates a single byte of it — with one error line and the database
byte-identical.

The bombs are generated (bench/tables.py's zip_bomb): a worksheet of one repeated row DEFLATEd
about 340:1 — 100 MB of XML in 0.3 MB."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from bench.tables import zip_bomb
from etl import archive
from etl.errors import InputError
from etl.spreadsheet import xlsx_sheets
from tests.conftest import run_etl


def _workbook_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Kommune", "Titel", "Forventet gevinst (t.kr.)"])
    ws.append(["Vejle", "Fælles indkøb", 100])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb(100)  # 100 MB of XML in 0.3 MB: under the total limit, far over the ratio


def test_the_generated_bomb_is_one(bomb):
    (sheet,) = [m for m in zipfile.ZipFile(io.BytesIO(bomb)).infolist() if m.filename.endswith("sheet1.xml")]
    assert sheet.file_size > 100e6 and sheet.file_size / sheet.compress_size > 300
    assert len(bomb) < 0.5e6


def test_bomb_refused_before_anything_is_unpacked(bomb, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("a member was unpacked")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)  # openpyxl and zipfile.read go through it
    with pytest.raises(InputError) as why:
        xlsx_sheets(bomb, "budget.xlsx")
    assert "compressed" in why.value.cause and "limit is 100:1" in why.value.cause
    assert "zip bomb" in why.value.cause


def test_total_unpacked_size_is_limited_whatever_the_ratio(bomb, monkeypatch):
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 10 * 1024**2)
    monkeypatch.setattr(archive, "MAX_RATIO", 10_000)
    with pytest.raises(InputError) as why:
        archive.check_zip(bomb, "budget.xlsx")
    assert why.value.cause.startswith("unpacks to 104.9 MB (the limit is 10.5 MB)")


def test_too_many_members(monkeypatch):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(30):
            zf.writestr(f"part{i}.xml", b"<x/>")
    monkeypatch.setattr(archive, "MAX_MEMBERS", 20)
    with pytest.raises(InputError) as why:
        archive.check_zip(buf.getvalue(), "mange.xlsx")
    assert "30 members (the limit is 20)" in why.value.cause


def test_a_real_workbook_passes():
    data = _workbook_bytes()
    archive.check_zip(data, "ok.xlsx")
    assert xlsx_sheets(data, "ok.xlsx")[0][1][1] == ["Vejle", "Fælles indkøb", "100"]


def test_a_directory_that_understates_sizes_gets_no_further_than_it_says(tmp_path):
    """Declared sizes small, real stream large: zipfile stops at the declared size and fails
    the CRC check, so the lie costs nothing and the file is refused as damaged."""
    data = bytearray(zip_bomb(20))
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    (sheet,) = [m for m in zf.infolist() if m.filename.endswith("sheet1.xml")]
    real = sheet.file_size.to_bytes(4, "little")
    fake = (1000).to_bytes(4, "little")
    assert data.count(real) == 2  # the local header and the central directory
    data = bytearray(bytes(data).replace(real, fake))
    with pytest.raises(InputError) as why:
        xlsx_sheets(bytes(data), "løgn.xlsx")
    assert "Excel workbook" in why.value.cause


@pytest.mark.parametrize("name", ["budget.xlsx", "budget.docx"])
def test_cli_refuses_a_bomb_with_one_line_and_leaves_the_database(tmp_path, bomb, name):
    db = tmp_path / "s.duckdb"
    good = tmp_path / "ok.xlsx"
    good.write_bytes(_workbook_bytes())
    assert run_etl("build", "--db", str(db), str(good)).returncode == 0
    before = db.read_bytes()
    bad: Path = tmp_path / name
    bad.write_bytes(bomb)
    for command in ("add", "build"):
        res = run_etl(command, "--db", str(db), str(bad))
        assert res.returncode == 1
        lines = res.stderr.strip().splitlines()
        assert [ln for ln in lines if ln.startswith("error:")] == [lines[-1]]
        assert lines[-1].startswith(f"error: {name}: member 'xl/worksheets/sheet1.xml' is compressed ")
        assert "Traceback" not in res.stderr
        assert db.read_bytes() == before
