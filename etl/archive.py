"""Bounded work on archive-like inputs: a ZIP's directory is checked before anything unpacks it.

An XLSX is a ZIP of XML files, and so is anything else that starts with ``PK`` (a .docx, an
.ods, a plain .zip named .xlsx). A ZIP bomb of 1 MB that unpacks to gigabytes passes the
input-size limit and would keep openpyxl busy for minutes with gigabytes of memory. The ZIP's
central directory states every member's packed and unpacked size, so the file is refused from
that alone, in milliseconds, when

- the members unpack to more than ``MAX_UNPACKED_BYTES`` in total (default 1 GiB,
  ``SAVINGS_MAX_UNPACKED_BYTES``): above the 740 MB a 1,000,000-row workbook of thirteen
  columns unpacks to when written with inline strings (bench/tables.py, compressed 11:1;
  Excel's shared strings make it smaller), and about what the ETL can hold in memory;
- one member larger than ``RATIO_FLOOR_BYTES`` (1 MiB) unpacked is compressed more than
  ``MAX_RATIO`` to 1 (100:1). Real worksheets compress 5–20:1 (text, numbers, cell
  references all differ); DEFLATE's ceiling is about 1000:1, which is where bombs sit;
- it has more than ``MAX_MEMBERS`` (10,000) members.

A directory that lies about the sizes does not help a bomb: Python's zipfile (which openpyxl
reads through) never returns more than the stated size of a member and then fails its CRC
check, which the workbook reader reports as a damaged file."""
from __future__ import annotations

import io
import os
import zipfile

from etl.errors import InputError

MAX_UNPACKED_BYTES = int(os.environ.get("SAVINGS_MAX_UNPACKED_BYTES", 1024**3))
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024**2
MAX_MEMBERS = 10_000


def _size(n: float) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:,.1f} {unit}"
    return f"{n:,.0f} bytes"


def check_zip(data: bytes, file_name: str) -> None:
    """Refuse a ZIP whose directory promises more work than any real workbook needs."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(file_name, f"not a readable Excel workbook (damaged zip: {exc}); "
                         "save it as .xlsx or CSV") from None
    if len(members) > MAX_MEMBERS:
        raise InputError(file_name, f"zip archive with {len(members):,} members (the limit is {MAX_MEMBERS:,}): "
                         "not an Excel workbook this tool reads")
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED_BYTES:
        raise InputError(file_name, f"unpacks to {_size(total)} (the limit is {_size(MAX_UNPACKED_BYTES)}): "
                         "a zip bomb, or a workbook too large to load; split it or save it as CSV")
    for m in members:
        if m.file_size > RATIO_FLOOR_BYTES and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            ratio = m.file_size / max(m.compress_size, 1)
            raise InputError(file_name, f"member {m.filename!r} is compressed {ratio:,.0f}:1 "
                             f"({_size(m.compress_size)} → {_size(m.file_size)}; the limit is {MAX_RATIO}:1): "
                             "looks like a zip bomb, not a workbook")
