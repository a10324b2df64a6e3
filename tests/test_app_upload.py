"""Adding a document from the browser (app/upload.py): what arrives is untrusted, so it is
reduced to a plain file name, size- and type-checked, written only inside the uploads folder,
and loaded by the same ``python -m etl add`` as on the command line."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from app import upload

CSV = ("Kommune;Titel;Forventet gevinst (t.kr.);Fuldt indfaset år\n"
       "Vejle;Fælles vagtplan i hjemmeplejen;1.250,5;2026\n"
       "Aarhus;Digital post til borgerne;300;2025\n").encode("utf-8-sig")


@pytest.fixture()
def uploads(tmp_path, monkeypatch):
    folder = tmp_path / "data" / "uploads"
    monkeypatch.setenv("SAVINGS_UPLOADS", str(folder))
    return folder


@pytest.mark.parametrize("given, stored", [
    ("forslag.csv", "forslag.csv"),
    ("../../etc/passwd.csv", "passwd.csv"),
    ("C:\\Users\\jens\\Budget 2025.XLSX", "Budget 2025.xlsx"),
    (".hidden.pdf", "hidden.pdf"),
    ("spare<script>.pdf", "spare_script_.pdf"),
    ("Ærø kommune – liste.txt", "Ærø kommune _ liste.txt"),
])
def test_names_become_plain_file_names(given, stored):
    assert upload.safe_name(given) == stored


def test_upload_is_stored_inside_the_uploads_folder_under_its_own_name(uploads):
    path = upload.store("../../../forslag.csv", CSV)
    assert path.name == "forslag.csv"
    assert path.parent.parent == uploads.resolve()
    assert path.read_bytes() == CSV
    assert list(uploads.rglob("*.part")) == []  # written through a temporary file


@pytest.mark.parametrize("name, data, key", [
    ("forslag.docx", b"PK\x03\x04rest", "upload_bad_type"),
    ("forslag.exe", b"MZ\x90\x00", "upload_bad_type"),
    ("forslag", CSV, "upload_bad_type"),
    ("tom.csv", b"", "upload_empty"),
    ("forklaedt.pdf", CSV, "upload_mismatch"),       # a text file named .pdf
    ("forklaedt.xlsx", b"%PDF-1.7\n...", "upload_mismatch"),
    ("forklaedt.csv", b"%PDF-1.7\n...", "upload_mismatch"),
])
def test_refused_files_are_not_written(uploads, name, data, key):
    with pytest.raises(upload.UploadRefused) as why:
        upload.store(name, data)
    assert why.value.key == key
    assert not uploads.exists() or list(uploads.rglob("*")) == []


def test_size_limit(uploads, monkeypatch):
    monkeypatch.setattr(upload, "MAX_BYTES", 100)
    with pytest.raises(upload.UploadRefused) as why:
        upload.store("stor.csv", CSV + b"x" * 100)
    assert why.value.key == "upload_too_large"


def test_loaded_with_the_etl_into_a_copy_of_the_database(uploads, built_db, tmp_path):
    db = tmp_path / "savings.duckdb"
    shutil.copyfile(built_db, db)
    result = upload.load(upload.store("forslag.csv", CSV), str(db))
    assert result.ok, result.lines
    assert result.lines == ["forslag.csv: table, 2 initiatives, 2 appearances, 0 warnings"]
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("""SELECT i.municipality, i.expected_tkr, i.full_phase_in_year FROM initiatives i
                          JOIN sources s USING (source_id) WHERE s.file_name = 'forslag.csv'
                          ORDER BY i.municipality""").fetchall()
    assert rows == [("Aarhus", 300.0, 2025), ("Vejle", 1250.5, 2026)]
    assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 6  # five built-in + this one
    con.close()
    again = upload.load(upload.store("forslag.csv", CSV), str(db))  # the same content once more
    assert again.ok
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 6  # replaced, not duplicated
    con.close()


def test_a_document_the_etl_refuses_leaves_the_database_byte_identical(uploads, built_db, tmp_path):
    db = tmp_path / "savings.duckdb"
    shutil.copyfile(built_db, db)
    before = db.read_bytes()
    result = upload.load(upload.store("noter.txt", "Bare nogle løse noter uden tabel.\n".encode()), str(db))
    assert not result.ok
    assert len(result.lines) == 1 and result.lines[0].startswith("error: noter.txt: ")
    assert db.read_bytes() == before


def test_uploads_are_offered_only_where_the_database_can_be_replaced(tmp_path, monkeypatch, built_db):
    assert upload.enabled(str(built_db))
    assert not upload.enabled(str(tmp_path / "missing.duckdb"))
    monkeypatch.setenv("SAVINGS_UPLOADS_ENABLED", "0")
    assert not upload.enabled(str(built_db))
