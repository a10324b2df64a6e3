"""The ETL command's contract: one summary line per source, one error line on bad
input, and a database that is either fully rebuilt or left byte-identical."""
from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from etl.dblock import lock_path
from tests.conftest import RAW, run_etl

IDEBANK = RAW / "kl-idebank-2024.txt"
TABLES = ("sources", "initiatives", "appearances", "initiative_municipalities", "initiative_sectors",
          "initiative_types", "gains", "targets", "sectors", "parse_warnings")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows in a stable order (loaded_at, the build time, excluded)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for t in TABLES:
            cols = [c for (c,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [t]).fetchall() if c != "loaded_at"]
            quoted = ", ".join(f'"{c}"' for c in cols)
            out[t] = con.execute(f"SELECT {quoted} FROM {t} ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


@pytest.fixture()
def small_db(tmp_path) -> Path:
    db = tmp_path / "savings.duckdb"
    res = run_etl("build", "--db", str(db), str(IDEBANK))
    assert res.returncode == 0, res.stderr
    return db


def test_build_prints_one_summary_line_per_source(tmp_path):
    db = tmp_path / "s.duckdb"
    res = run_etl("build", "--db", str(db))
    assert res.returncode == 0, res.stderr
    lines = res.stdout.strip().splitlines()
    raw_files = sorted(p.name for p in RAW.iterdir() if p.is_file())
    assert sorted(line.split(":")[0] for line in lines) == raw_files
    for line in lines:
        assert " initiatives, " in line and " appearances, " in line and line.endswith(" warnings")
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == len(raw_files)


def test_two_builds_give_identical_tables(tmp_path):
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    assert run_etl("build", "--db", str(a)).returncode == 0
    assert run_etl("build", "--db", str(b)).returncode == 0
    da, db_ = dump(a), dump(b)
    assert da["initiatives"], "the built-in data must yield initiatives"
    for table in TABLES:
        assert da[table] == db_[table], table


def test_rebuild_replaces_the_file_atomically(small_db):
    before = dump(small_db)
    res = run_etl("build", "--db", str(small_db), str(IDEBANK))
    assert res.returncode == 0, res.stderr
    assert dump(small_db) == before
    leftovers = [p.name for p in small_db.parent.iterdir()
                 if p.name not in (small_db.name, lock_path(small_db).name)]  # the lock file stays (etl/dblock.py)
    assert leftovers == [], "no temporary files are left behind"


def test_add_same_document_replaces_rows_never_duplicates(small_db):
    before = dump(small_db)
    copy = small_db.parent / "renamed-copy.txt"
    copy.write_bytes(IDEBANK.read_bytes())
    res = run_etl("add", "--db", str(small_db), str(copy))
    assert res.returncode == 0, res.stderr
    after = dump(small_db)
    for table in TABLES:
        if table == "sources":
            assert len(after[table]) == len(before[table]) == 1
            assert after[table][0][1] == "renamed-copy.txt"
        else:
            assert after[table] == before[table], table


def test_add_requires_an_existing_database(tmp_path):
    res = run_etl("add", "--db", str(tmp_path / "missing.duckdb"), str(IDEBANK))
    assert res.returncode != 0
    assert res.stderr.strip().startswith("error: missing.duckdb: ")


def _garbage(tmp: Path) -> Path:
    p = tmp / "garbage.txt"
    p.write_bytes(bytes(range(256)) * 64)
    return p


def _empty(tmp: Path) -> Path:
    p = tmp / "empty.txt"
    p.write_bytes(b"")
    return p


def _whitespace(tmp: Path) -> Path:
    p = tmp / "blank.txt"
    p.write_text("\n   \n\t\n")
    return p


def _no_layout(tmp: Path) -> Path:
    p = tmp / "indkoebsliste.txt"
    p.write_text("Mælk\nRugbrød\nÆbler og pærer\nOst 45+\n" * 20, encoding="utf-8")
    return p


def _no_layout_cp1252(tmp: Path) -> Path:
    p = tmp / "notat-cp1252.txt"
    p.write_bytes(("Notat om økonomi i Ærø og Åbenrå.\nIngen tabeller her, kun prosa om "
                   "udgifter og så videre.\n" * 30).encode("cp1252"))
    return p


def _huge(tmp: Path) -> Path:
    p = tmp / "huge.txt"
    with p.open("wb") as fh:  # sparse: 600 MB on paper, nothing on disk
        fh.truncate(600 * 1024 * 1024)
    return p


def _folder_without_files(tmp: Path) -> Path:
    p = tmp / "emptydir"
    p.mkdir()
    return p


BAD_INPUTS = {
    "empty file": (_empty, "empty"),
    "whitespace only": (_whitespace, "whitespace"),
    "binary garbage": (_garbage, "binary"),
    "no recognisable layout": (_no_layout, "unknown layout"),
    "cp1252 text without layout": (_no_layout_cp1252, "unknown layout"),
    "hundreds of MB": (_huge, "too large"),
    "missing file": (lambda tmp: tmp / "does-not-exist.txt", "not found"),
    "folder with no files": (_folder_without_files, "no input files"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_gives_one_error_line_and_leaves_the_database_untouched(case, small_db, tmp_path):
    make, cause = BAD_INPUTS[case]
    bad = make(tmp_path)
    before = digest(small_db)
    for command in ("build", "add"):
        res = run_etl(command, "--db", str(small_db), str(bad))
        assert res.returncode != 0
        err = res.stderr.strip().splitlines()
        assert err[-1].startswith(f"error: {bad.name}: "), res.stderr
        assert cause in err[-1]
        assert [line for line in err if line.startswith("error:")] == [err[-1]]
        assert "Traceback" not in res.stderr
        assert digest(small_db) == before


def test_one_bad_file_among_good_ones_loads_nothing(small_db, tmp_path):
    before = digest(small_db)
    res = run_etl("build", "--db", str(small_db), str(IDEBANK), str(_garbage(tmp_path)))
    assert res.returncode != 0 and "error: garbage.txt: " in res.stderr
    assert digest(small_db) == before


def test_cp1252_document_is_decoded_not_mangled(tmp_path):
    """A catalogue saved as cp1252 (Windows) keeps its æøå: the encoding is detected."""
    text = (RAW / "projektliste-klk-analyse-administration-ledelse.txt").read_text(encoding="utf-8")
    src = tmp_path / "projektliste-cp1252.txt"
    src.write_bytes(text.encode("cp1252", errors="strict"))
    db = tmp_path / "cp.duckdb"
    res = run_etl("build", "--db", str(db), str(src))
    assert res.returncode == 0, res.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT encoding FROM sources").fetchone()[0].lower().replace("_", "") in (
        "cp1252", "windows1252", "latin1", "iso88591")
    titles = " ".join(t for (t,) in con.execute("SELECT title || ' ' || coalesce(description, '') "
                                                 "FROM initiatives").fetchall())
    assert "Ã" not in titles and any(ch in titles for ch in "æøåÆØÅ")


def test_forced_unknown_format_is_a_clear_error(small_db):
    res = run_etl("build", "--db", str(small_db), "--format", "nonsense", str(IDEBANK))
    assert res.returncode != 0
    assert res.stderr.strip().splitlines()[-1].startswith("error: kl-idebank-2024.txt: unknown format")


def test_savings_db_environment_variable_names_the_database(tmp_path):
    db = tmp_path / "env.duckdb"
    res = run_etl("build", str(IDEBANK), env={"SAVINGS_DB": str(db)})
    assert res.returncode == 0, res.stderr
    assert db.exists()
