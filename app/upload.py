"""Documents added from the browser: checked, stored under the data folder, loaded by the ETL.

WHY a subprocess: the dashboard only ever *reads* the database (read-only connection).
``python -m etl add`` builds a new file next to it and renames it into place, exactly as
from the command line, so an upload gets the ETL's own checks, its one-line errors and its
all-or-nothing load; the app notices the replaced file on its next run (app.db).

What arrives is untrusted: the name is reduced to a plain file name, the size is limited,
the type must be one the ETL reads and the bytes must agree with the file name's suffix,
and the file is written only inside the uploads folder under ``data/``."""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from etl.dblock import EXIT_BUSY
from etl.read import container_of

ROOT = Path(__file__).resolve().parent.parent
#: suffix → the container its bytes must have (etl.read.container_of)
ALLOWED = {".pdf": "pdf", ".xlsx": "xlsx", ".csv": "text", ".txt": "text"}
MAX_BYTES = int(os.environ.get("SAVINGS_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))
ETL_TIMEOUT_S = 600
#: How long an upload waits for another load of the database (another upload, a scheduled
#: rebuild) before the page says "another load is running"; well inside ETL_TIMEOUT_S.
LOCK_WAIT_S = float(os.environ.get("SAVINGS_UPLOAD_LOCK_WAIT", 60))


class UploadRefused(Exception):
    """Why a file is not accepted: an i18n key and its parameters."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params


@dataclass(frozen=True)
class Loaded:
    ok: bool
    lines: list[str]  # the ETL's summary lines, or its one error line
    busy: bool = False  # another load held the database for longer than LOCK_WAIT_S


def enabled(db: str) -> bool:
    """Uploads are offered where the ETL can replace the database file
    (``SAVINGS_UPLOADS_ENABLED=0`` turns them off, e.g. on a shared read-only install)."""
    return os.environ.get("SAVINGS_UPLOADS_ENABLED", "1") != "0" and \
        os.access(Path(db).resolve().parent, os.W_OK) and Path(db).exists()


def uploads_dir() -> Path:
    """``SAVINGS_UPLOADS`` or ``data/uploads``."""
    return Path(os.environ.get("SAVINGS_UPLOADS", ROOT / "data" / "uploads")).resolve()


def safe_name(name: str) -> str:
    """A plain file name: no folders, no leading dots, letters/digits/space/``._-`` only."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    base = re.sub(r"[^\w.\- ]", "_", base).strip(" .")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem[:100] or "dokument"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def check(name: str, data: bytes) -> str:
    """The safe name to store ``data`` under, or :class:`UploadRefused`."""
    clean = safe_name(name)
    suffix = Path(clean).suffix
    if suffix not in ALLOWED:
        raise UploadRefused("upload_bad_type", types=", ".join(sorted(ALLOWED)))
    if not data:
        raise UploadRefused("upload_empty")
    if len(data) > MAX_BYTES:
        raise UploadRefused("upload_too_large", mb=round(len(data) / 2**20), limit=round(MAX_BYTES / 2**20))
    if container_of(data) != ALLOWED[suffix]:
        raise UploadRefused("upload_mismatch", suffix=suffix)
    return clean


def store(name: str, data: bytes) -> Path:
    """Write an accepted upload to ``uploads/<sha256 prefix>/<safe name>``.

    The content hash keeps two different files of the same name apart, and the file keeps its
    own name so the database's ``sources.file_name`` reads as the user called it."""
    clean = check(name, data)  # a plain name (safe_name): no separator, no leading dot, never ".."
    folder = uploads_dir() / hashlib.sha256(data).hexdigest()[:16]
    target = folder / clean
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{clean}.part"
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return target


def load(path: Path, db: str) -> Loaded:
    """``python -m etl add --db DB PATH``; its stdout summary or its one ``error:`` line.

    The ETL takes the database's writer lock (etl/dblock.py), so two uploads, or an upload
    during a rebuild, are loaded one after the other; one that waited LOCK_WAIT_S in vain
    comes back ``busy`` with nothing changed."""
    env = {k: v for k, v in os.environ.items() if k != "SAVINGS_DB"}
    env["SAVINGS_LOCK_TIMEOUT"] = f"{LOCK_WAIT_S:g}"
    try:
        res = subprocess.run([sys.executable, "-m", "etl", "add", "--db", str(db), str(path)], cwd=ROOT,
                             capture_output=True, text=True, timeout=ETL_TIMEOUT_S, env=env,
                             stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return Loaded(False, [f"error: {path.name}: took longer than {ETL_TIMEOUT_S} s; nothing was changed"])
    if res.returncode == 0:
        return Loaded(True, [ln for ln in res.stdout.splitlines() if ln.strip()])
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("error:")]
    return Loaded(False, errors[-1:] or [f"error: {path.name}: the ETL stopped (exit {res.returncode})"],
                  busy=res.returncode == EXIT_BUSY)
