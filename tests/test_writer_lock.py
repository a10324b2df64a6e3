"""One writer per database file (etl/dblock.py): a second ``build``/``add`` waits for the
first and then loads its own documents on top, or gives up after ``SAVINGS_LOCK_TIMEOUT``
with one error line, exit 75 and the database byte-identical; never exit 0 with its rows
missing. A writer killed part-way leaves temporary files that the next writer removes.

Deterministic: the test itself holds the lock (as a running load would), starts the ETL
processes, waits for them to say they are waiting, and only then lets them go."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from app import upload
from etl import dblock
from etl.errors import InputError
from tests.conftest import RAW, ROOT, run_etl

IDEBANK = RAW / "kl-idebank-2024.txt"


def _csv(path: Path, title: str) -> Path:
    path.write_text(f"Kommune;Titel;Forventet gevinst (t.kr.)\nVejle;{title};100\n", encoding="utf-8")
    return path


def _start(*args: str, timeout: str = "60") -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "SAVINGS_DB"}
    env["SAVINGS_LOCK_TIMEOUT"] = timeout
    return subprocess.Popen([sys.executable, "-m", "etl", *args], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_line(proc: subprocess.Popen, text: str, limit_s: float = 60) -> list[str]:
    """stderr lines up to and including the first that contains ``text``."""
    seen: list[str] = []
    deadline = time.monotonic() + limit_s
    assert proc.stderr is not None
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        seen.append(line.rstrip("\n"))
        if text in line:
            return seen
    raise AssertionError(f"never printed {text!r}; stderr so far: {seen}")


def _titles(db: Path) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t for (t,) in con.execute("SELECT title FROM initiatives").fetchall()}
    finally:
        con.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def db(tmp_path) -> Path:
    path = tmp_path / "s.duckdb"
    res = run_etl("build", "--db", str(path), str(_csv(tmp_path / "base.csv", "Grundforslag")))
    assert res.returncode == 0, res.stderr
    return path


def test_two_concurrent_adds_both_land(db, tmp_path):
    a, b = _csv(tmp_path / "a.csv", "Forslag A"), _csv(tmp_path / "b.csv", "Forslag B")
    with dblock.one_writer(db):  # a load in progress
        procs = [_start("add", "--db", str(db), str(p)) for p in (a, b)]
        for proc in procs:
            _wait_for_line(proc, dblock.WAITING)
        assert all(proc.poll() is None for proc in procs), "both wait while the lock is held"
        assert _titles(db) == {"Grundforslag"}
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    assert _titles(db) == {"Grundforslag", "Forslag A", "Forslag B"}, "neither add lost the other's rows"


@pytest.mark.parametrize("command", ["add", "build"])
def test_a_writer_that_waits_too_long_gives_up_with_one_line(db, tmp_path, command):
    doc = _csv(tmp_path / "ny.csv", "Nyt forslag")
    before = _digest(db)
    with dblock.one_writer(db):
        proc = _start(command, "--db", str(db), str(doc), timeout="0.5")
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == dblock.EXIT_BUSY
    lines = err.strip().splitlines()
    assert dblock.WAITING in lines
    assert lines[-1].startswith(f"error: {db.name}: another load is running (waited 0.5 s")
    assert [ln for ln in lines if ln.startswith("error:")] == [lines[-1]]
    assert "Traceback" not in err and out == ""
    assert _digest(db) == before


def test_a_live_writers_temporary_file_is_never_removed(db):
    live = db.parent / f".{db.name}.live0001.tmp"
    with dblock.one_writer(db):  # the holder is writing this file
        live.write_bytes(b"half a database")
        proc = _start("build", "--db", str(db), str(RAW / "kl-idebank-2024.txt"), timeout="0.3")
        proc.communicate(timeout=60)
        assert proc.returncode == dblock.EXIT_BUSY
        assert live.read_bytes() == b"half a database"


#: A real ``etl build`` that stops, once its temporary database is written, and waits to be killed.
_STALL = textwrap.dedent("""
    import sys, time
    from etl import cli, load
    def stall(con, *_):  # refresh_facets(con, pieces)
        print("stalled", file=sys.stderr, flush=True)
        time.sleep(600)
    load.refresh_facets = stall
    sys.exit(cli.main(sys.argv[1:]))
""")


def test_a_build_killed_part_way_is_cleaned_up_by_the_next(db):
    before = _digest(db)
    proc = subprocess.Popen([sys.executable, "-c", _STALL, "build", "--db", str(db), str(IDEBANK)], cwd=ROOT,
                            text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for_line(proc, "stalled")
        assert dblock.stale_temp_files(db), "the killed build had a temporary database"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
    litter = dblock.stale_temp_files(db)
    assert litter and _digest(db) == before  # killed: the old database untouched, litter left
    res = run_etl("build", "--db", str(db), str(IDEBANK), env={"SAVINGS_LOCK_TIMEOUT": "5"})
    assert res.returncode == 0, res.stderr  # the dead writer's lock went with it
    assert dblock.stale_temp_files(db) == []
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(f".{db.name}")) == \
        [dblock.lock_path(db).name]
    assert len(_titles(db)) > 10


def test_litter_of_a_crashed_add_is_removed_by_the_next_add(db, tmp_path):
    for name in (f".{db.name}.k1ll3d.tmp", f".{db.name}.k1ll3d.tmp.wal"):
        (db.parent / name).write_bytes(b"\0" * 4096)
    other = db.parent / ".other.duckdb.x1.tmp"  # another database's: not ours to remove
    other.write_bytes(b"x")
    res = run_etl("add", "--db", str(db), str(_csv(tmp_path / "c.csv", "Forslag C")))
    assert res.returncode == 0, res.stderr
    assert dblock.stale_temp_files(db) == []
    assert other.exists()
    assert "Forslag C" in _titles(db)


@pytest.mark.parametrize("name, stale", [
    ("{db}.k1ll3d.tmp.spill", True),  # DuckDB's spill folder of a killed writer (etl.load.connect)
    ("{db}.k1ll3d.tmp", False),  # a folder, not a temporary database: not ours
    ("other.duckdb.k1ll3d.tmp.spill", False),  # another database's
])
def test_a_killed_writers_spill_folder_is_removed_by_the_next(db, tmp_path, name, stale):
    folder = db.parent / ("." + name.format(db=db.name))
    folder.mkdir()
    (folder / "duckdb_temp_storage-0.tmp").write_bytes(b"\0" * 4096)
    res = run_etl("add", "--db", str(db), str(_csv(tmp_path / "c.csv", "Forslag C")))
    assert res.returncode == 0, res.stderr
    assert folder.exists() is not stale
    assert dblock.stale_temp_files(db) == []


def test_upload_page_says_another_load_is_running(db, tmp_path, monkeypatch):
    monkeypatch.setattr(upload, "LOCK_WAIT_S", 0.5)
    before = _digest(db)
    with dblock.one_writer(db):
        result = upload.load(_csv(tmp_path / "upl.csv", "Uploadet forslag"), str(db))
    assert not result.ok and result.busy
    assert result.lines[0].startswith(f"error: {db.name}: another load is running")
    assert _digest(db) == before


@pytest.mark.parametrize("value, expected", [("", 300.0), ("12.5", 12.5), ("0", 0.0), ("-3", 0.0)])
def test_lock_timeout_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv("SAVINGS_LOCK_TIMEOUT", value)
    assert dblock.timeout_s() == expected


def test_malformed_lock_timeout_is_one_error_line(db, tmp_path):
    before = _digest(db)
    res = run_etl("add", "--db", str(db), str(_csv(tmp_path / "d.csv", "Forslag D")),
                  env={"SAVINGS_LOCK_TIMEOUT": "lang"})
    assert res.returncode == 1
    assert res.stderr.strip().splitlines()[-1].startswith("error: SAVINGS_LOCK_TIMEOUT: 'lang' is not a number")
    assert "Traceback" not in res.stderr and _digest(db) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_folder_without_write_access_is_one_error_line(db, tmp_path):
    before = _digest(db)
    db.parent.chmod(0o555)
    try:
        res = run_etl("add", "--db", str(db), str(_csv(tmp_path.parent / "e.csv", "Forslag E")))
    finally:
        db.parent.chmod(0o755)
    assert res.returncode == 1
    assert res.stderr.strip().splitlines()[-1].startswith(f"error: {db.name}: cannot lock the database")
    assert _digest(db) == before


def test_a_lock_file_that_cannot_be_created_is_an_input_error(db, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(dblock.FileLock, "acquire", refuse)
    with pytest.raises(InputError) as why, dblock.one_writer(db):
        pass
    assert why.value.line().startswith(f"error: {db.name}: cannot lock the database for writing (Permission denied")
