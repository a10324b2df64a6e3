"""Shared fixtures: the repository root, a CLI runner, one build of the built-in data, and the
app tests' small database of known contents (tests/appdb.py)."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests import appdb

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"


def pytest_addoption(parser):
    parser.addoption("--run-slow", action="store_true", help="also run tests marked slow (make test does)")


#: Which database the browser tests used (tests/e2e/conftest.py: the real ETL build, or the fallback).
E2E_DB_ORIGIN: list[str] = []


def pytest_terminal_summary(terminalreporter):
    if E2E_DB_ORIGIN:
        terminalreporter.write_line(f"e2e database: {E2E_DB_ORIGIN[0]}")


def pytest_sessionfinish(session):
    """Under pytest-xdist each worker builds its own database: hand its origin to the controller."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None and E2E_DB_ORIGIN:
        workeroutput["e2e_db_origin"] = E2E_DB_ORIGIN[0]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """(pytest-xdist's controller) a worker's database origin, for the summary line."""
    origin = getattr(node, "workeroutput", {}).get("e2e_db_origin")
    if origin and origin not in E2E_DB_ORIGIN:
        E2E_DB_ORIGIN.append(origin)


def pytest_collection_modifyitems(config, items):
    """Tests marked ``slow`` (minutes: a 200,000-row load) run only with ``--run-slow``."""
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow (make test does)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def run_etl(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m etl ...`` exactly as a user would, in a subprocess."""
    full_env = {k: v for k, v in os.environ.items() if k != "SAVINGS_DB"}  # hermetic by default
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True,
                          text=True, env=full_env, timeout=300)


@contextlib.contextmanager
def etl_built(db: Path, *inputs: Path):
    """``python -m etl build --db DB INPUT...`` as a user runs it, which must succeed; yields
    its stdout (the summary lines) and a read-only connection to the result, closed after."""
    res = run_etl("build", "--db", str(db), *map(str, inputs))
    assert res.returncode == 0, res.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        yield res.stdout, con
    finally:
        con.close()


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """The built-in data (data/raw + data/curation) built once per test session."""
    db = tmp_path_factory.mktemp("built") / "savings.duckdb"
    res = run_etl("build", "--db", str(db))
    assert res.returncode == 0, res.stderr
    return db


@pytest.fixture(scope="session")
def app_db_path(tmp_path_factory) -> Path:
    """The known test database of tests/appdb.py, built once per session (tests never write to it)."""
    return appdb.build(tmp_path_factory.mktemp("appdb") / "app.duckdb")


@pytest.fixture()
def app_con(app_db_path):
    """A read-only connection to :func:`app_db_path`."""
    con = duckdb.connect(str(app_db_path), read_only=True)
    yield con
    con.close()
