"""One writer per database file, and the litter of writers that died.

``build`` and ``add`` write a new database file next to the old one and rename it into
place (etl/load.py). Two writers at once would each start from the same old file and the
last rename would silently drop the other's documents, so every writer holds an advisory
lock on ``.NAME.duckdb.lock`` (beside the database; filelock, i.e. ``flock`` on Unix) from
reading the current database to the rename. The kernel releases the lock when its holder
exits, even by ``kill -9``, so a crash never leaves the database locked.

A second writer prints "waiting for another load to finish…" and waits up to
``SAVINGS_LOCK_TIMEOUT`` seconds (default 300), then stops with one line
``error: NAME.duckdb: another load is running …`` and exit status 75 (EX_TEMPFAIL: try
again later), its database untouched and nothing of its own half-written.

Temporary files are only ever created by the lock holder, so whatever temporary file of
this database is there when the lock has been taken belongs to a writer that died part-way
(killed, power lost): it is removed then, and never a live writer's."""
from __future__ import annotations

import contextlib
import functools
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from filelock import FileLock, Timeout

from etl.errors import InputError

#: Seconds a writer waits for another one before it gives up (``SAVINGS_LOCK_TIMEOUT``).
DEFAULT_TIMEOUT_S = 300.0
#: Exit status of a writer that gave up waiting (sysexits.h EX_TEMPFAIL).
EXIT_BUSY = 75
#: Suffix of a writer's temporary database file (DuckDB adds ``.wal`` beside it).
TEMP_SUFFIX = ".tmp"
WAITING = "waiting for another load to finish…"


class DatabaseBusy(InputError):
    """Another writer held the database's lock for longer than the timeout."""


def timeout_s() -> float:
    """``SAVINGS_LOCK_TIMEOUT`` (seconds; 0 = do not wait) or the default."""
    raw = os.environ.get("SAVINGS_LOCK_TIMEOUT", "")
    try:
        value = float(raw) if raw.strip() else DEFAULT_TIMEOUT_S
    except ValueError:
        raise InputError("SAVINGS_LOCK_TIMEOUT", f"'{raw}' is not a number of seconds") from None
    return max(value, 0.0)


def lock_path(db_path: Path) -> Path:
    return db_path.parent / f".{db_path.name}.lock"


def temp_prefix(db_path: Path) -> str:
    """Every temporary file of this database's writers starts with this (``.NAME.duckdb.``)."""
    return f".{db_path.name}."


#: DuckDB's spill folder beside a temporary database (etl.load.connect).
SPILL_SUFFIX = TEMP_SUFFIX + ".spill"


def stale_temp_files(db_path: Path) -> list[Path]:
    """Temporary databases (their WAL files and spill folders) a writer of ``db_path`` left behind."""
    prefix = temp_prefix(db_path)
    return sorted(p for p in db_path.parent.glob(f"{prefix}*")
                  if (p.name.endswith((TEMP_SUFFIX, TEMP_SUFFIX + ".wal")) and p.is_file())
                  or (p.name.endswith(SPILL_SUFFIX) and p.is_dir() and not p.is_symlink()))


@contextlib.contextmanager
def one_writer(db_path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the database's writer lock for the block; remove dead writers' temporary files
    first. Raises :class:`DatabaseBusy` after waiting ``timeout`` seconds (default:
    :func:`timeout_s`)."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    wait = timeout_s() if timeout is None else timeout
    lock = FileLock(lock_path(db_path))
    try:
        try:
            lock.acquire(blocking=False)
        except Timeout:
            print(WAITING, file=sys.stderr, flush=True)
            lock.acquire(timeout=wait)
    except Timeout:
        raise DatabaseBusy(db_path.name, f"another load is running (waited {wait:g} s for it to finish; "
                           "SAVINGS_LOCK_TIMEOUT sets how long); nothing was changed, "
                           "try again when it is done") from None
    except OSError as exc:  # a read-only folder: the lock file cannot be created
        raise InputError(db_path.name, f"cannot lock the database for writing ({exc.strerror or exc}: "
                         f"{lock_path(db_path).name}); is its folder writable?") from None
    try:
        for stale in stale_temp_files(db_path):
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink(missing_ok=True)
        yield
    finally:
        lock.release()


P = ParamSpec("P")
R = TypeVar("R")


def exclusive(write: Callable[Concatenate[Path, P], R]) -> Callable[Concatenate[Path, P], R]:
    """Run a database writer (its first argument is the database path) under :func:`one_writer`."""
    @functools.wraps(write)
    def locked(db_path: Path, *args: P.args, **kwargs: P.kwargs) -> R:
        with one_writer(Path(db_path)):
            return write(db_path, *args, **kwargs)
    return locked
